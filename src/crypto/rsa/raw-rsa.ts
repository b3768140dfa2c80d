/**
 * The raw RSA primitives (RFC 8017 §5.1, §5.2), for the paddings Node's OpenSSL binding cannot
 * parameterise (PSS over a given digest, OAEP with its own MGF1 hash). OpenSSL still does the
 * modular exponentiation, with its blinding and constant-time code for the private key.
 */
import { constants, type KeyObject, privateDecrypt, publicEncrypt } from 'node:crypto';

/** Modulus length in bits. */
export function modulusBits(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new TypeError('not an RSA key');
  return bits;
}

/** Modulus length in bytes (k of RFC 8017). */
export function modulusBytes(key: KeyObject): number {
  return Math.ceil(modulusBits(key) / 8);
}

/** Left-pads `em` with zero bytes to `k` bytes. */
function toLength(em: Uint8Array, k: number): Uint8Array {
  if (em.length === k) return em;
  const out = new Uint8Array(k);
  out.set(em, k - em.length);
  return out;
}

/**
 * RSASP1 / RSADP: m^d mod n of a k-byte representative (the encoding's leading zero bytes
 * included). OpenSSL refuses a representative ≥ n.
 */
export function rsaPrivateRaw(key: KeyObject, em: Uint8Array): Uint8Array {
  const k = modulusBytes(key);
  const input = toLength(em, k);
  // privateDecrypt with no padding is RSADP, the same operation as RSASP1.
  return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, input));
}

/** RSAVP1 / RSAEP: s^e mod n, k bytes. OpenSSL refuses a value ≥ n. */
export function rsaPublicRaw(key: KeyObject, s: Uint8Array): Uint8Array {
  const k = modulusBytes(key);
  return new Uint8Array(publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, toLength(s, k)));
}
