// Public entry of src/crypto: the one area that calls node:crypto (docs/architecture.md).
export { AEAD_KEY_LENGTH, AEAD_OVERHEAD, createAeadKey } from './aead.ts';
export type { AeadKey } from './aead.ts';
export {
  CryptoDecryptError,
  CryptoKeyLengthError,
  CryptoUnsupportedFeatureError,
} from './errors.ts';
export { randomBytes, randomUUID } from './random.ts';
export {
  webcrypto,
  type WebCrypto,
  type WebCryptoImportParams,
  type WebCryptoKey,
  type WebCryptoKeyGenParams,
  type WebCryptoKeyPair,
  type WebCryptoSignParams,
} from './keys.ts';
export {
  DEFAULT_DIGEST_ALGORITHM,
  DIGEST_ALGORITHMS,
  digest,
  digestHex,
  type DigestAlgorithm,
} from './digest.ts';
// Key generation, formats and certificate inspection; src/crypto/keygen/index.ts names each export.
export * from './keygen/index.ts';
// Ciphers, signatures, MACs, KDFs, key wrap and the weak-algorithm policy (issue #6 crypto layer).
export {
  CryptoCipherUnavailableError,
  CryptoLegacyProviderError,
  CryptoParameterError,
  CryptoUnsupportedCipherError,
} from './ciphers/errors.ts';
export { assertLegacyProviderLoaded, isLegacyProviderLoaded } from './ciphers/legacy-provider.ts';
export {
  decryptSymmetric,
  encryptSymmetric,
  type SymmetricDecryptParams,
  type SymmetricEncryptParams,
  type SymmetricEncryptResult,
} from './ciphers/symmetric.ts';
export {
  isStreamableCipher,
  openSymmetricStream,
  type SymmetricStream,
} from './ciphers/symmetric-stream.ts';
export {
  decryptRsa,
  encryptRsa,
  type RsaEncryptParams,
  type RsaKey,
} from './ciphers/rsa-encrypt.ts';
export { sign, verify, type SignatureKey, type SignatureParams } from './signatures/sign.ts';
export { mac, MAC_ALGORITHMS, macVerify, type MacParams } from './macs/mac.ts';
export { aesCmac } from './macs/cmac.ts';
export { aesKeyUnwrap, aesKeyWrap, type AesKeyWrapMode } from './keywrap/aes-key-wrap.ts';
export {
  hkdf,
  kdfCounterHmac,
  kdfDoublePipelineHmac,
  kdfFeedbackHmac,
  KDF_HASHES,
  pbkdf2,
  sp800108FixedInput,
} from './kdf/kdf.ts';
export { DERIVATION_METHODS, deriveKey, type DeriveKeyParams } from './kdf/derive-key.ts';
export { ecdhSharedSecret, type EcdhKeyInput } from './kdf/ecdh.ts';
export { CryptoPolicyError } from './policy/errors.ts';
export {
  assertAlgorithmAllowed,
  checkAlgorithm,
  DEFAULT_CRYPTO_POLICY,
  type CryptoPolicy,
  type CryptoUse,
} from './policy/policy.ts';
export { LEGACY_ALGORITHMS, securityStrength } from './policy/strength.ts';
// Create / Join Split Key (KMIP 1.4 §2.2.5): XOR and polynomial sharing.
export {
  GF256_POLYNOMIAL,
  gf256Multiply,
  joinSecret,
  splitSecret,
  type KeyShare,
  type SplitKeyMethodName,
  type SplitParams,
} from './split-key/split-key.ts';
export { GF65536_POLYNOMIAL, gf65536Multiply } from './split-key/gf65536.ts';
export {
  DEFAULT_SCRYPT_COST,
  hashPassword,
  verifyPassword,
  type ScryptCost,
} from './password-hash.ts';
// PKCS#12 / PFX (RFC 7292) for the Key Format Type PKCS#12 (issue #6).
export * from './pkcs12/index.ts';
// The one strict DER reader (X.690), for the few certificate fields read outside src/crypto.
export { DerTag, readDerAt, readDerChildren, tryDer, type DerNode } from './asn1/der.ts';
export { CryptoDerFormatError } from './asn1/errors.ts';
