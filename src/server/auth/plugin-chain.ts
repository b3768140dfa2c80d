/**
 * Several plugins in sequence, the first that identifies the client wins (PyKMIP's
 * KmipSession.authenticate). Each refusal is logged with its plugin and code; the client
 * only learns Authentication Not Successful.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Logger } from '../logger.ts';
import type { Authenticator } from '../pipeline/authenticate.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { AuthPlugin } from './plugin.ts';

/** The Authenticator that tries `plugins` in order. */
export function createPluginAuthenticator(
  plugins: readonly AuthPlugin[],
  logger: Logger,
): Authenticator {
  if (plugins.length === 0) throw new RangeError('at least one authentication plugin is needed');
  return async ({ session, header }) => {
    const credentials = header.authentication?.credentials ?? [];
    for (const plugin of plugins) {
      try {
        const identity = await plugin.authenticate({ session, credentials });
        return { identity, credentials, method: plugin.name };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        logger.warn(
          {
            plugin: plugin.name,
            connectionId: session.connectionId,
            certificateCn: session.identity,
            ...(typeof code === 'string'
              ? { code, reason: (error as Error).message }
              : { err: error }),
          },
          'authentication plugin did not identify the client',
        );
      }
    }
    throw new KmipResultError(
      ResultReason.AuthenticationNotSuccessful,
      'the client could not be authenticated',
    );
  };
}
