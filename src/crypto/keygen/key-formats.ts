/**
 * Key encodings by their KMIP KeyFormatType names (src/kmip/generated/registry.ts) and the
 * Transparent forms of KMIP 1.4 §2.1.7 with their fields named as the spec names them.
 */
import type { EcCurve } from './curves.ts';

/** The asymmetric algorithms of this module (KMIP CryptographicAlgorithm spelling). */
export type KeyPairAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'DSA';

/**
 * DER encodings of a private key: `PKCS_1` (RFC 8017 A.1.2 RSAPrivateKey, RSA only),
 * `PKCS_8` (RFC 5208 PrivateKeyInfo, any algorithm), `ECPrivateKey` (RFC 5915 / SEC 1, EC only).
 */
export type PrivateKeyFormat = 'PKCS_1' | 'PKCS_8' | 'ECPrivateKey';

/**
 * DER encodings of a public key: `PKCS_1` (RFC 8017 A.1.1 RSAPublicKey, RSA only) and `X_509`
 * (RFC 5280 §4.1.2.7 SubjectPublicKeyInfo, any algorithm).
 */
export type PublicKeyFormat = 'PKCS_1' | 'X_509';

/** KMIP 1.4 §2.1.7.4 Transparent RSA Private Key, every field present. */
export interface TransparentRsaPrivateKey {
  readonly format: 'TransparentRSAPrivateKey';
  readonly modulus: bigint;
  readonly publicExponent: bigint;
  readonly privateExponent: bigint;
  readonly p: bigint;
  readonly q: bigint;
  readonly primeExponentP: bigint;
  readonly primeExponentQ: bigint;
  readonly crtCoefficient: bigint;
}

/**
 * A Transparent RSA Private Key as a client may send it: the spec makes every field but the
 * modulus optional. We need the public exponent with the private exponent, or both primes.
 */
export type TransparentRsaPrivateKeyInput = Pick<TransparentRsaPrivateKey, 'format' | 'modulus'> &
  Partial<Omit<TransparentRsaPrivateKey, 'format' | 'modulus'>>;

/** KMIP 1.4 §2.1.7.5 Transparent RSA Public Key. */
export interface TransparentRsaPublicKey {
  readonly format: 'TransparentRSAPublicKey';
  readonly modulus: bigint;
  readonly publicExponent: bigint;
}

/** KMIP 1.4 §2.1.7.14 Transparent EC Private Key: curve and private scalar D. */
export interface TransparentEcPrivateKey {
  readonly format: 'TransparentECPrivateKey';
  readonly recommendedCurve: EcCurve;
  readonly d: bigint;
}

/**
 * KMIP 1.4 §2.1.7.15 Transparent EC Public Key: curve and the point Q as an octet string
 * (SEC 1 §2.3.3; we produce the uncompressed form 04 || X || Y and accept the compressed one).
 */
export interface TransparentEcPublicKey {
  readonly format: 'TransparentECPublicKey';
  readonly recommendedCurve: EcCurve;
  readonly qString: Uint8Array;
}

/**
 * KMIP 1.4 §2.1.7.2 / 2.1 §2.1.7.2 Transparent DSA Private Key: domain parameters P, Q, G
 * (FIPS 186-4 §4.3) and the private value X.
 */
export interface TransparentDsaPrivateKey {
  readonly format: 'TransparentDSAPrivateKey';
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  readonly x: bigint;
}

/** KMIP 1.4 §2.1.7.3 / 2.1 §2.1.7.3 Transparent DSA Public Key: P, Q, G and the public value Y. */
export interface TransparentDsaPublicKey {
  readonly format: 'TransparentDSAPublicKey';
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  readonly y: bigint;
}

/** A private key in a Transparent form. */
export type TransparentPrivateKey =
  TransparentRsaPrivateKey | TransparentEcPrivateKey | TransparentDsaPrivateKey;
/** A public key in a Transparent form. */
export type TransparentPublicKey =
  TransparentRsaPublicKey | TransparentEcPublicKey | TransparentDsaPublicKey;
