/**
 * Username and Password credentials (KMIP 1.4 §2.1.2) checked against the local user table
 * (`keywarden user add`). The identity is the user name, with the user's groups.
 */
import { hashPassword, verifyPassword } from '../../crypto/index.ts';
import type { UsernameAndPasswordCredential } from '../../kmip/messages/header.ts';
import type { UserStore } from '../../store/index.ts';
import { AuthInvalidCredentialError, AuthNotApplicableError } from './errors.ts';
import type { AuthPlugin } from './plugin.ts';

/** Creates the password plugin over `users`. */
export function createPasswordPlugin(users: UserStore): AuthPlugin {
  // An unknown user is checked against this hash, so the time taken does not reveal
  // whether the name exists.
  const decoy = hashPassword('keywarden decoy password');
  return {
    name: 'password',
    async authenticate({ credentials }) {
      const credential = credentials.find(
        (c): c is UsernameAndPasswordCredential => c.kind === 'UsernameAndPassword',
      );
      if (credential === undefined) {
        throw new AuthNotApplicableError('password', 'no Username and Password credential');
      }
      const user = users.get(credential.username);
      const isMatch = await verifyPassword(
        credential.password ?? '',
        user?.passwordHash ?? (await decoy),
      );
      if (user === undefined || credential.password === undefined || !isMatch) {
        throw new AuthInvalidCredentialError('password', credential.username);
      }
      return { name: user.name, groups: user.groups };
    },
  };
}
