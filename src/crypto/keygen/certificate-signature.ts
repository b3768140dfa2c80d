import { X509Certificate } from 'node:crypto';
import { CryptoCertificateFormatError } from './errors.ts';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----/g;

function readOnePem(pem: string): X509Certificate {
  // X509Certificate reads the first block and ignores the rest: insist on exactly one.
  if ((pem.match(PEM_CERTIFICATE) ?? []).length !== 1) throw new CryptoCertificateFormatError();
  try {
    return new X509Certificate(pem);
  } catch {
    throw new CryptoCertificateFormatError();
  }
}

/**
 * Whether the PEM certificate `certPem` carries a valid signature by the key of the PEM
 * certificate `issuerPem` (signature only: no dates, names or extensions are checked).
 * Uses Node's OpenSSL binding, so checking a certificate loads no ASN.1 library.
 * @throws CryptoCertificateFormatError (KW_CRYPTO_CERTIFICATE_FORMAT) when either is not exactly
 *   one PEM certificate.
 */
export function isCertificateSignedBy(certPem: string, issuerPem: string): boolean {
  const cert = readOnePem(certPem);
  const issuer = readOnePem(issuerPem);
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    // OpenSSL refuses a key type that cannot have made the signature: not signed by it.
    return false;
  }
}
