/**
 * Whether a certificate was signed by a CA's key, checked with Node's OpenSSL binding: the
 * start-up check of an existing development PKI loads no X.509 library (issue #9).
 */
import { CryptoCertificateFormatError, isCertificateSignedBy } from '../crypto/index.ts';
import { PkiCertificateError } from './errors.ts';

/**
 * Whether `certPem` carries a valid signature by the key of `caCertPem` (signature only, no dates).
 * @throws PkiCertificateError (KW_PKI_CERTIFICATE) when either is not exactly one PEM certificate.
 */
export function isSignedBy(certPem: string, caCertPem: string): Promise<boolean> {
  try {
    return Promise.resolve(isCertificateSignedBy(certPem, caCertPem));
  } catch (cause) {
    if (cause instanceof CryptoCertificateFormatError) {
      return Promise.reject(new PkiCertificateError('not one PEM certificate', { cause }));
    }
    return Promise.reject(cause as Error);
  }
}
