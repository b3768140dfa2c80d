/**
 * Authentication, the pipeline's first step after decoding: who sent the message. The
 * identity is the client certificate's Common Name, which the listener has verified (PyKMIP's
 * model); credentials from the request header (Username/Password and the others) are parsed
 * and handed to operations unverified. Credential checks and authentication plugins (PyKMIP's
 * SLUGS) replace `certificateAuthenticator` through the same seam.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Credential, RequestHeader } from '../../kmip/messages/header.ts';
import type { ClientIdentity } from '../objects/index.ts';
import { KmipResultError } from './result-error.ts';

/** The connection a message arrived on, as the pipeline needs it. */
export interface MessageSession {
  /** The verified client certificate's Common Name. */
  readonly identity: string;
  /** The listener's connection id, for log lines. */
  readonly connectionId?: string;
  /** The TLS peer, `address:port`, for the audit log. */
  readonly peerAddress?: string;
  /** Aborted when the connection closes or the server shuts down. */
  readonly signal?: AbortSignal;
}

/** The outcome of authentication. */
export interface AuthenticatedClient {
  readonly identity: ClientIdentity;
  /** Credentials of the request header, as sent; secret parts (passwords) included. */
  readonly credentials: readonly Credential[];
  /** The authentication plugin that identified the client (`certificate`, `password`, `slugs`). */
  readonly method?: string;
}

/**
 * Authenticates a message.
 * @throws KmipResultError Authentication Not Successful.
 */
export type Authenticator = (input: {
  readonly session: MessageSession;
  readonly header: RequestHeader;
}) => Promise<AuthenticatedClient>;

/** The default: the TLS client certificate identifies the client. */
export const certificateAuthenticator: Authenticator = async ({ session, header }) => {
  if (typeof session.identity !== 'string' || session.identity.length === 0) {
    throw new KmipResultError(
      ResultReason.AuthenticationNotSuccessful,
      'the connection carries no client identity',
    );
  }
  return {
    identity: { name: session.identity },
    credentials: header.authentication?.credentials ?? [],
    method: 'certificate',
  };
};
