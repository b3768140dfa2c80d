/**
 * DSA keys (FIPS 186-4 §4) ↔ KMIP Transparent DSA Private / Public Key (KMIP 1.4 §2.1.7.2–3).
 * Node has no JWK for DSA, so components travel through DER (dsa-der.ts). Every key built or
 * read here passes the cheap checks of FIPS 186-4 §4 and SP 800-89 §5.3.1: Q a prime of 160,
 * 224 or 256 bits dividing P − 1, P odd of 512..10000 bits, G of order Q, 1 ≤ X < Q, and
 * Y in the order-Q subgroup. P itself is not tested for primality: a Miller–Rabin run on a
 * 3072-bit P holds the event loop for up to a second.
 */
import { checkPrimeSync, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readDsaPkcs8, readDsaSpki, writeDsaPkcs8, writeDsaSpki } from './dsa-der.ts';
import { CryptoKeyFormatError } from './errors.ts';
import type { TransparentDsaPrivateKey, TransparentDsaPublicKey } from './key-formats.ts';

const DSA_PRIVATE = 'TransparentDSAPrivateKey';
const DSA_PUBLIC = 'TransparentDSAPublicKey';

/** Modulus sizes accepted: 512 (FIPS 186-2 era keys) up to OpenSSL's OPENSSL_DSA_MAX_MODULUS_BITS. */
export const DSA_MODULUS_BITS = { min: 512, max: 10000 } as const;
/** FIPS 186-4 §4.2: the sizes N of Q. */
export const DSA_DIVISOR_BITS: readonly number[] = [160, 224, 256];

function bitLength(value: bigint): number {
  return value <= 0n ? 0 : value.toString(2).length;
}

/** base^exponent mod modulus by square-and-multiply: for public values only (never X). */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Whether P, Q, G are DSA domain parameters this module accepts (see the file header). */
export function isValidDsaDomain(p: bigint, q: bigint, g: bigint): boolean {
  const pBits = bitLength(p);
  if (pBits < DSA_MODULUS_BITS.min || pBits > DSA_MODULUS_BITS.max || p % 2n === 0n) {
    return false;
  }
  if (!DSA_DIVISOR_BITS.includes(bitLength(q)) || (p - 1n) % q !== 0n) return false;
  // FIPS 186-4 §A.2.2: 2 ≤ G ≤ P − 1 and G^Q ≡ 1 (mod P), so G generates the order-Q subgroup.
  if (g < 2n || g > p - 1n || modPow(g, q, p) !== 1n) return false;
  return checkPrimeSync(q);
}

/** Whether Y is a valid public value for the domain (SP 800-89 §5.3.1 full validation). */
export function isValidDsaPublicValue(p: bigint, q: bigint, y: bigint): boolean {
  return y >= 2n && y <= p - 2n && modPow(y, q, p) === 1n;
}

function parseKey(der: Uint8Array, kind: 'private' | 'public', format: string): KeyObject {
  const key = Buffer.from(der.buffer, der.byteOffset, der.length);
  try {
    return kind === 'private'
      ? createPrivateKey({ key, format: 'der', type: 'pkcs8' })
      : createPublicKey({ key, format: 'der', type: 'spki' });
  } catch {
    throw new CryptoKeyFormatError(format);
  } finally {
    if (kind === 'private') der.fill(0);
  }
}

/** A DSA private KeyObject from its Transparent form, checked. */
export function dsaPrivateKeyFromTransparent(t: TransparentDsaPrivateKey): KeyObject {
  if (!isValidDsaDomain(t.p, t.q, t.g) || t.x < 1n || t.x >= t.q) {
    throw new CryptoKeyFormatError(DSA_PRIVATE);
  }
  // OpenSSL derives Y = G^X mod P itself when it loads the key (constant-time, unlike BigInt).
  return parseKey(writeDsaPkcs8({ p: t.p, q: t.q, g: t.g, value: t.x }), 'private', DSA_PRIVATE);
}

/** A DSA public KeyObject from its Transparent form, checked. */
export function dsaPublicKeyFromTransparent(t: TransparentDsaPublicKey): KeyObject {
  if (!isValidDsaDomain(t.p, t.q, t.g) || !isValidDsaPublicValue(t.p, t.q, t.y)) {
    throw new CryptoKeyFormatError(DSA_PUBLIC);
  }
  return parseKey(writeDsaSpki({ p: t.p, q: t.q, g: t.g, value: t.y }), 'public', DSA_PUBLIC);
}

/** The Transparent form of a DSA private KeyObject. */
export function dsaPrivateKeyToTransparent(key: KeyObject): TransparentDsaPrivateKey {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  try {
    const parts = readDsaPkcs8(der);
    if (parts === undefined) throw new CryptoKeyFormatError(DSA_PRIVATE);
    return { format: DSA_PRIVATE, p: parts.p, q: parts.q, g: parts.g, x: parts.value };
  } finally {
    der.fill(0);
  }
}

/** The Transparent form of a DSA public KeyObject, or of a private one's public half. */
export function dsaPublicKeyToTransparent(key: KeyObject): TransparentDsaPublicKey {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const parts = readDsaSpki(publicKey.export({ format: 'der', type: 'spki' }));
  if (parts === undefined) throw new CryptoKeyFormatError(DSA_PUBLIC);
  return { format: DSA_PUBLIC, p: parts.p, q: parts.q, g: parts.g, y: parts.value };
}

/**
 * Checks a DSA key parsed from DER (PKCS#8 or SubjectPublicKeyInfo): OpenSSL's decoders take
 * any integers, so the checks of the Transparent forms run here too.
 * @throws CryptoKeyFormatError naming `format`.
 */
export function assertValidDsaKey(key: KeyObject, format: string): void {
  const pub = dsaPublicKeyToTransparent(key);
  let isValid = isValidDsaDomain(pub.p, pub.q, pub.g) && isValidDsaPublicValue(pub.p, pub.q, pub.y);
  if (isValid && key.type === 'private') {
    const x = dsaPrivateKeyToTransparent(key).x;
    isValid = x >= 1n && x < pub.q;
  }
  if (!isValid) throw new CryptoKeyFormatError(format);
}
