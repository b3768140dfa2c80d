/** Public entry of src/pki: certificate issuance and the development PKI. */
export {
  CERTIFICATE_NAME_FIELDS,
  certificateNames,
  type CertificateNameField,
  type CertificateNames,
} from './certificate-names.ts';
export {
  EKU_OIDS,
  type ExtendedKeyUsage,
  type SubjectAltName,
  type Validity,
} from './certificate-options.ts';
export {
  certifyPublicKey,
  readCertificateRequest,
  readDevCertificateAuthority,
  type CertificateAuthorityPem,
  type CertificateRequestInfo,
  type CertifiedKey,
  type CertifyPublicKeyOptions,
} from './certify-key.ts';
export { loadCertifyCa, type CertifyCa, type CertifyCaFiles } from './certify-ca.ts';
export {
  DEV_PKI_FILES,
  createDevPki,
  ensureDevPki,
  type DevPki,
  type DevPkiFile,
  type DevPkiOptions,
} from './dev-pki.ts';
export {
  PkiCertifyCaError,
  type CertifyCaProblem,
  DevPkiInconsistentError,
  PkiCertificateError,
  PkiFileError,
  PkiInputError,
  PkiKeyError,
} from './errors.ts';
export {
  createCaCertificate,
  isSignedBy,
  issueCertificate,
  parseCertificatePem,
  type CreateCaOptions,
  type IssueCertificateOptions,
  type IssuedCertificate,
} from './issue-certificate.ts';
export {
  DEFAULT_KEY_ALGORITHM,
  KEY_ALGORITHMS,
  isKeyAlgorithm,
  type KeyAlgorithm,
} from './key-algorithm.ts';
