/** The authentication plugin interface (PyKMIP's AuthAPI, kmip/services/server/auth/api.py). */
import type { Credential } from '../../kmip/messages/header.ts';
import type { ClientIdentity } from '../objects/index.ts';
import type { MessageSession } from '../pipeline/authenticate.ts';

/** What a plugin may look at: the connection (verified certificate CN, peer) and the request's credentials. */
export interface AuthInput {
  readonly session: MessageSession;
  readonly credentials: readonly Credential[];
}

/** One way of identifying a client. */
export interface AuthPlugin {
  /** `certificate`, `password`, `slugs` …: the audit log's auth method and the log's plugin name. */
  readonly name: string;
  /**
   * The client's identity (name and groups).
   * @throws KW_AUTH_* when this plugin cannot identify the client; the next plugin is tried.
   */
  authenticate(input: AuthInput): Promise<ClientIdentity>;
}
