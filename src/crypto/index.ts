// Public entry of src/crypto: the one area that calls node:crypto (docs/architecture.md).
export { AEAD_KEY_LENGTH, AEAD_OVERHEAD, createAeadKey } from './aead.ts';
export type { AeadKey } from './aead.ts';
export { CryptoDecryptError, CryptoKeyLengthError } from './errors.ts';
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
  type DigestAlgorithm,
} from './digest.ts';
// Key generation, formats and certificate inspection; src/crypto/keygen/index.ts names each export.
export * from './keygen/index.ts';
