/**
 * Public entry of src/server/auth: authentication plugins (certificate CN, local users with
 * passwords, SLUGS) and the chain that tries them in order. LDAP group lookup is the next
 * plugin to write (docs/audit-and-auth.md).
 */
import { readFile } from 'node:fs/promises';
import type { AuthConfig } from '../../config/index.ts';
import type { UserStore } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import type { Authenticator } from '../pipeline/authenticate.ts';
import { certificatePlugin } from './certificate-plugin.ts';
import { AuthConfigError } from './errors.ts';
import { createPasswordPlugin } from './password-plugin.ts';
import { createPluginAuthenticator } from './plugin-chain.ts';
import type { AuthPlugin } from './plugin.ts';
import { createSlugsPlugin } from './slugs-plugin.ts';

export {
  AuthConfigError,
  AuthInvalidCredentialError,
  AuthNotApplicableError,
  AuthServiceError,
  AuthUnknownUserError,
} from './errors.ts';
export { certificatePlugin } from './certificate-plugin.ts';
export { createPasswordPlugin } from './password-plugin.ts';
export { createPluginAuthenticator } from './plugin-chain.ts';
export type { AuthInput, AuthPlugin } from './plugin.ts';
export { createSlugsPlugin, type SlugsPluginOptions } from './slugs-plugin.ts';

/**
 * The plugins `config` lists, in order (`slugs` expands to one plugin per SLUGS URL).
 * @throws AuthConfigError (KW_AUTH_CONFIG) for `slugs` without URLs or an unreadable SLUGS CA file.
 */
export async function buildAuthPlugins(
  config: AuthConfig | undefined,
  users: UserStore,
): Promise<AuthPlugin[]> {
  const names = config?.plugins ?? ['certificate'];
  const plugins: AuthPlugin[] = [];
  for (const name of names) {
    if (name === 'certificate') plugins.push(certificatePlugin);
    else if (name === 'password') plugins.push(createPasswordPlugin(users));
    else {
      const urls = config?.slugsUrls ?? [];
      if (urls.length === 0)
        throw new AuthConfigError('auth.plugins lists slugs but auth.slugsUrls is empty');
      let ca: string | undefined;
      if (config?.slugsCaFile !== undefined) {
        try {
          ca = await readFile(config.slugsCaFile, 'utf8');
        } catch (cause) {
          throw new AuthConfigError(`the SLUGS CA file ${config.slugsCaFile} cannot be read`, {
            cause,
          });
        }
      }
      urls.forEach((url, i) =>
        plugins.push(
          createSlugsPlugin({
            url,
            name: urls.length === 1 ? 'slugs' : `slugs[${i}]`,
            ...(config?.slugsTimeoutMs !== undefined && { timeoutMs: config.slugsTimeoutMs }),
            ...(config?.slugsCacheTtlMs !== undefined && { cacheTtlMs: config.slugsCacheTtlMs }),
            ...(ca !== undefined && { ca }),
          }),
        ),
      );
    }
  }
  if (plugins.length === 0) throw new AuthConfigError('auth.plugins is empty');
  return plugins;
}

/** The server's Authenticator for `config`. @throws AuthConfigError (KW_AUTH_CONFIG) */
export async function buildAuthenticator(
  config: AuthConfig | undefined,
  users: UserStore,
  logger: Logger,
): Promise<Authenticator> {
  return createPluginAuthenticator(await buildAuthPlugins(config, users), logger);
}
