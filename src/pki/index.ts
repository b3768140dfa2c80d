/**
 * Public entry of src/pki: certificate issuance and the development PKI.
 *
 * Everything that needs @peculiar/x509 (with its ASN.1 schemas and tsyringe, ~15 MB resident
 * once loaded, never released) is imported on the first call of a function below that uses
 * it, so a server that handles no certificate never loads it (issue #9, docs/performance.md
 * "Idle memory"). Constants, types, errors and the start-up check of an existing development
 * PKI load no X.509 library.
 */
import type { CertificateAuthorityPem } from './certify-key.ts';
import type { CertificateNames } from './certificate-name-fields.ts';
import type {
  CertificateRequestInfo,
  CertifiedKey,
  CertifyPublicKeyOptions,
} from './certify-key.ts';
import type { CertifyCa, CertifyCaFiles } from './certify-ca.ts';
import type {
  CreateCaOptions,
  IssueCertificateOptions,
  IssuedCertificate,
} from './issue-certificate.ts';

export {
  CERTIFICATE_NAME_FIELDS,
  type CertificateNameField,
  type CertificateNames,
} from './certificate-name-fields.ts';
export {
  EKU_OIDS,
  type ExtendedKeyUsage,
  type SubjectAltName,
  type Validity,
} from './certificate-options.ts';
export type {
  CertificateAuthorityPem,
  CertificateRequestInfo,
  CertifiedKey,
  CertifyPublicKeyOptions,
} from './certify-key.ts';
export type { CertifyCa, CertifyCaFiles } from './certify-ca.ts';
export {
  DEV_PKI_FILES,
  createDevPki,
  ensureDevPki,
  type DevPki,
  type DevPkiFile,
  type DevPkiOptions,
} from './dev-pki.ts';
export { ensureDevPkiInChildProcess } from './dev-pki-process.ts';
export {
  PkiCertifyCaError,
  type CertifyCaProblem,
  DevPkiInconsistentError,
  DevPkiProcessError,
  PkiCertificateError,
  PkiFileError,
  PkiInputError,
  PkiKeyError,
} from './errors.ts';
export type {
  CreateCaOptions,
  IssueCertificateOptions,
  IssuedCertificate,
} from './issue-certificate.ts';
export {
  DEFAULT_KEY_ALGORITHM,
  KEY_ALGORITHMS,
  isKeyAlgorithm,
  type KeyAlgorithm,
} from './key-algorithm-names.ts';
export { isSignedBy } from './signed-by.ts';

/** Reads the subject and issuer name fields of a DER certificate; throws KW_PKI_CERTIFICATE. */
export type CertificateNameReader = (der: Uint8Array) => CertificateNames;

/** Loads the X.509 library and returns the (synchronous) certificate name reader. */
export async function loadCertificateNameReader(): Promise<CertificateNameReader> {
  return (await import('./certificate-names.ts')).certificateNames;
}

/** Creates a self-signed CA (issue-certificate.ts); KW_PKI_INVALID, KW_PKI_KEY. */
export async function createCaCertificate(options?: CreateCaOptions): Promise<IssuedCertificate> {
  return (await import('./issue-certificate.ts')).createCaCertificate(options);
}

/** Issues a leaf certificate signed by a CA (issue-certificate.ts); KW_PKI_INVALID, KW_PKI_KEY. */
export async function issueCertificate(
  options: IssueCertificateOptions,
): Promise<IssuedCertificate> {
  return (await import('./issue-certificate.ts')).issueCertificate(options);
}

/** Certifies a public key with a CA given as PEM (certify-key.ts). */
export async function certifyPublicKey(options: CertifyPublicKeyOptions): Promise<CertifiedKey> {
  return (await import('./certify-key.ts')).certifyPublicKey(options);
}

/** Reads a PKCS#10 request and checks its self-signature (certify-key.ts). */
export async function readCertificateRequest(der: Uint8Array): Promise<CertificateRequestInfo> {
  return (await import('./certify-key.ts')).readCertificateRequest(der);
}

/** The development CA of a data folder's `pki` directory (certify-key.ts); KW_PKI_FILE. */
export async function readDevCertificateAuthority(
  pkiDir: string,
): Promise<CertificateAuthorityPem> {
  return (await import('./certify-key.ts')).readDevCertificateAuthority(pkiDir);
}

/** Reads and checks the operator's Certify CA (certify-ca.ts); KW_PKI_FILE, KW_PKI_CERTIFY_CA. */
export async function loadCertifyCa(files: CertifyCaFiles): Promise<CertifyCa> {
  return (await import('./certify-ca.ts')).loadCertifyCa(files);
}
