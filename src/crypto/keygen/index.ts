// Key generation, key formats and certificate inspection for KMIP Create, CreateKeyPair,
// Register and Get. Algorithm, curve and format names are the KMIP registry's.
export {
  convertPrivateKey,
  convertPublicKey,
  derivePublicKey,
  privateKeyFromTransparentForm,
  privateKeyToTransparentForm,
  publicKeyFromTransparentForm,
  publicKeyToTransparentForm,
} from './convert-key.ts';
export { EC_CURVES, GENERATED_EC_CURVES, type EcCurve, type GeneratedEcCurve } from './curves.ts';
export { describeKey, type KeyDescription } from './describe-key.ts';
export {
  convertEcPoint,
  convertSpkiEcPoint,
  ecPointForm,
  readEcSpki,
  type EcPointForm,
} from './ec-point.ts';
export {
  CryptoCertificateFormatError,
  CryptoInvalidLengthError,
  CryptoKeyFormatError,
  CryptoUnsupportedAlgorithmError,
  CryptoUnsupportedFormatError,
} from './errors.ts';
export {
  generateKeyPair,
  type DsaKeyPair,
  type EcKeyPair,
  type Ed25519KeyPair,
  type GeneratedKeyPair,
  type KeyPairSpec,
  type RsaKeyPair,
} from './generate-key-pair.ts';
export { inspectCertificate, type CertificateInfo } from './inspect-certificate.ts';
export { isCertificateSignedBy } from './certificate-signature.ts';
export {
  importKeyObject,
  isKeyObjectFormat,
  type KeyObject,
  type KeyObjectKind,
} from './key-object.ts';
export type {
  KeyPairAlgorithm,
  PrivateKeyFormat,
  PublicKeyFormat,
  TransparentDsaPrivateKey,
  TransparentDsaPublicKey,
  TransparentEcPrivateKey,
  TransparentEcPublicKey,
  TransparentPrivateKey,
  TransparentPublicKey,
  TransparentRsaPrivateKey,
  TransparentRsaPrivateKeyInput,
  TransparentRsaPublicKey,
} from './key-formats.ts';
export {
  isSymmetricAlgorithm,
  symmetricKeyBytes,
  SYMMETRIC_KEY_LENGTHS,
  type KeyLengthRule,
  type SymmetricAlgorithm,
} from './symmetric-algorithms.ts';
export {
  assertSymmetricKeyLength,
  generateSymmetricKey,
  isSymmetricKeyLength,
  validateSymmetricKeyLength,
} from './symmetric-key.ts';
