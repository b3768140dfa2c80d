/**
 * Key format conversion for KMIP Get with a Key Format Type and for Register of keys in any
 * format (KMIP 1.4 §2.1.3, §4.11). Names are the registry's KeyFormatType names.
 */
import type {
  TransparentDsaPrivateKey,
  PrivateKeyFormat,
  PublicKeyFormat,
  TransparentEcPrivateKey,
  TransparentPrivateKey,
  TransparentPublicKey,
  TransparentRsaPrivateKeyInput,
} from './key-formats.ts';
import {
  exportPrivateKey,
  exportPublicKey,
  importPrivateKey,
  importPublicKey,
} from './key-objects.ts';
import {
  privateKeyFromTransparent,
  privateKeyToTransparent,
  publicKeyFromTransparent,
  publicKeyToTransparent,
} from './transparent.ts';

/**
 * Re-encodes a DER private key from one format to another (e.g. PKCS_1 → PKCS_8).
 * @throws CryptoKeyFormatError (KW_CRYPTO_KEY_FORMAT) when `der` is not a valid `from` encoding.
 * @throws CryptoUnsupportedFormatError (KW_CRYPTO_UNSUPPORTED_FORMAT) when the key's algorithm
 *   has no `to` encoding (PKCS_1 is RSA only, ECPrivateKey EC only).
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for key types other
 *   than RSA, EC on a known curve, and Ed25519.
 */
export function convertPrivateKey(
  der: Uint8Array,
  from: PrivateKeyFormat,
  to: PrivateKeyFormat,
): Uint8Array {
  return exportPrivateKey(importPrivateKey(der, from), to);
}

/**
 * Re-encodes a DER public key from one format to another (PKCS_1 ↔ X_509).
 * @throws CryptoKeyFormatError (KW_CRYPTO_KEY_FORMAT) when `der` is not a valid `from` encoding.
 * @throws CryptoUnsupportedFormatError (KW_CRYPTO_UNSUPPORTED_FORMAT) for PKCS_1 of a non-RSA key.
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for other key types.
 */
export function convertPublicKey(
  der: Uint8Array,
  from: PublicKeyFormat,
  to: PublicKeyFormat,
): Uint8Array {
  return exportPublicKey(importPublicKey(der, from), to);
}

/**
 * Derives the public key of a DER private key, as DER in `to` (Register of a lone private key,
 * linking a key pair).
 * @throws the same errors as convertPrivateKey.
 */
export function derivePublicKey(
  der: Uint8Array,
  from: PrivateKeyFormat,
  to: PublicKeyFormat,
): Uint8Array {
  return exportPublicKey(importPrivateKey(der, from), to);
}

/**
 * Splits a DER private key into its KMIP Transparent form (TransparentRSAPrivateKey,
 * TransparentECPrivateKey or TransparentDSAPrivateKey).
 * @throws CryptoKeyFormatError (KW_CRYPTO_KEY_FORMAT) when `der` is not a valid `from` encoding.
 * @throws CryptoUnsupportedFormatError (KW_CRYPTO_UNSUPPORTED_FORMAT) for Ed25519 keys and curves
 *   Node cannot expose components of (P_224, Brainpool).
 */
export function privateKeyToTransparentForm(
  der: Uint8Array,
  from: PrivateKeyFormat,
): TransparentPrivateKey {
  return privateKeyToTransparent(importPrivateKey(der, from));
}

/**
 * Splits a DER public key into its KMIP Transparent form (TransparentRSAPublicKey or
 * TransparentECPublicKey with an uncompressed Q string).
 * @throws as privateKeyToTransparentForm.
 */
export function publicKeyToTransparentForm(
  der: Uint8Array,
  from: PublicKeyFormat,
): TransparentPublicKey {
  return publicKeyToTransparent(importPublicKey(der, from));
}

/**
 * Encodes a Transparent private key as DER in `to`. Optional RSA parts are derived (from both
 * primes, one prime, or the two exponents) and every part given must agree with the others.
 * @throws CryptoKeyFormatError (KW_CRYPTO_KEY_FORMAT) when the parts do not make one valid key.
 * @throws CryptoUnsupportedFormatError (KW_CRYPTO_UNSUPPORTED_FORMAT) when `to` cannot hold the
 *   key or the curve has no Transparent support.
 */
export function privateKeyFromTransparentForm(
  transparent: TransparentRsaPrivateKeyInput | TransparentEcPrivateKey | TransparentDsaPrivateKey,
  to: PrivateKeyFormat,
): Uint8Array {
  return exportPrivateKey(privateKeyFromTransparent(transparent), to);
}

/**
 * Encodes a Transparent public key as DER in `to`; EC points may be compressed or not and must
 * lie on the curve.
 * @throws as privateKeyFromTransparentForm.
 */
export function publicKeyFromTransparentForm(
  transparent: TransparentPublicKey,
  to: PublicKeyFormat,
): Uint8Array {
  return exportPublicKey(publicKeyFromTransparent(transparent), to);
}
