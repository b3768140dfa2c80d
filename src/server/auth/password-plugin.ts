/**
 * Username and Password credentials (KMIP 1.4 §2.1.2) checked against the local user table
 * (`keywarden user add`). The identity is the user name, with the user's groups.
 *
 * Clients such as PyKMIP send the credential with every request, and one scrypt check costs
 * tens of milliseconds of CPU and 32 MiB: a successful check is therefore remembered for a
 * short time, keyed by a salted SHA-256 of user name and password (the salt is random per
 * process and never stored), and reused only while the user's stored hash is unchanged, so
 * `user passwd` and `user rm` take effect at once.
 */
import { digest, hashPassword, randomBytes, verifyPassword } from '../../crypto/index.ts';
import type { UsernameAndPasswordCredential } from '../../kmip/messages/header.ts';
import type { UserStore } from '../../store/index.ts';
import { AuthInvalidCredentialError, AuthNotApplicableError } from './errors.ts';
import type { AuthPlugin } from './plugin.ts';

/** Options of {@link createPasswordPlugin}. */
export interface PasswordPluginOptions {
  /** How long a successful check is reused, in ms (default 300 000; 0 disables). */
  readonly cacheTtlMs?: number;
  /** Default: the system clock (ms). */
  readonly now?: () => number;
  /** Default: src/crypto's scrypt verification (tests count calls). */
  readonly verify?: (password: string, encoded: string) => Promise<boolean>;
}

const MAX_CACHED = 10_000;

/** Creates the password plugin over `users`. */
export function createPasswordPlugin(
  users: UserStore,
  options: PasswordPluginOptions = {},
): AuthPlugin {
  const verify = options.verify ?? verifyPassword;
  const ttl = options.cacheTtlMs ?? 300_000;
  const now = options.now ?? Date.now;
  const salt = randomBytes(32);
  const verified = new Map<string, { readonly until: number; readonly passwordHash: string }>();
  // An unknown user is checked against this hash, so the time taken does not reveal
  // whether the name exists.
  const decoy = hashPassword('keywarden decoy password');

  const cacheKey = (username: string, password: string) =>
    Buffer.from(
      digest('SHA_256', Buffer.concat([salt, Buffer.from(`${username}\0${password}`, 'utf8')])),
    ).toString('base64');

  return {
    name: 'password',
    async authenticate({ credentials }) {
      const credential = credentials.find(
        (c): c is UsernameAndPasswordCredential => c.kind === 'UsernameAndPassword',
      );
      if (credential === undefined) {
        throw new AuthNotApplicableError('password', 'no Username and Password credential');
      }
      const { username, password } = credential;
      const user = users.get(username);
      const key = password === undefined ? undefined : cacheKey(username, password);
      const hit = key === undefined ? undefined : verified.get(key);
      if (user !== undefined && hit !== undefined && hit.until > now()) {
        if (hit.passwordHash === user.passwordHash) return { name: user.name, groups: user.groups };
      }
      const isMatch = await verify(password ?? '', user?.passwordHash ?? (await decoy));
      if (user === undefined || key === undefined || !isMatch) {
        if (key !== undefined) verified.delete(key);
        throw new AuthInvalidCredentialError('password', username);
      }
      if (ttl > 0) {
        if (verified.size >= MAX_CACHED) verified.delete(verified.keys().next().value ?? '');
        verified.set(key, { until: now() + ttl, passwordHash: user.passwordHash });
      }
      return { name: user.name, groups: user.groups };
    },
  };
}
