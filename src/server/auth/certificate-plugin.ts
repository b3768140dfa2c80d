import type { AuthPlugin } from './plugin.ts';
import { AuthNotApplicableError } from './errors.ts';

/** The TLS client certificate's Common Name is the identity (PyKMIP's default); no groups. */
export const certificatePlugin: AuthPlugin = {
  name: 'certificate',
  async authenticate({ session }) {
    if (typeof session.identity !== 'string' || session.identity === '') {
      throw new AuthNotApplicableError('certificate', 'the connection carries no client identity');
    }
    return { name: session.identity };
  },
};
