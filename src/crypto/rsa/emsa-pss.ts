/**
 * RSASSA-PSS over a digest the caller computed (RFC 8017 §8.1, EMSA-PSS §9.1) with the raw RSA
 * primitive: Node's sign()/verify() always hash the message themselves, so a KMIP Sign or
 * Signature Verify with Digested Data and PSS padding needs the encoding built here. MGF1
 * uses the same hash as the message digest (as Node's own PSS does).
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { CryptoParameterError } from '../ciphers/errors.ts';
import { hashParts, mgf1, RSA_PADDING_HASHES, xorInto, type RsaPaddingHash } from './mgf1.ts';
import { modulusBits, modulusBytes, rsaPrivateRaw, rsaPublicRaw } from './raw-rsa.ts';

/** The PSS salt length: a byte count, or `auto` (verification only: whatever the signer used). */
export type PssSaltLength = number | 'auto';

const ZEROS_8 = new Uint8Array(8);

function checkDigest(hash: RsaPaddingHash, mHash: Uint8Array): void {
  const hLen = RSA_PADDING_HASHES[hash].length;
  if (mHash.length !== hLen) {
    throw new CryptoParameterError('digest', `must be ${hLen} bytes for ${hash}`);
  }
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of a message digest; emBits = modBits − 1. */
export function encodePss(
  hash: RsaPaddingHash,
  mHash: Uint8Array,
  saltLength: number,
  emBits: number,
): Uint8Array {
  checkDigest(hash, mHash);
  const hLen = RSA_PADDING_HASHES[hash].length;
  const emLen = Math.ceil(emBits / 8);
  if (!Number.isInteger(saltLength) || saltLength < 0 || emLen < hLen + saltLength + 2) {
    throw new CryptoParameterError('saltLength', 'does not fit this key and hash');
  }
  const salt = new Uint8Array(randomBytes(saltLength));
  const h = hashParts(hash, ZEROS_8, mHash, salt);
  const db = new Uint8Array(emLen - hLen - 1);
  db[emLen - saltLength - hLen - 2] = 0x01;
  db.set(salt, emLen - saltLength - hLen - 1);
  xorInto(db, mgf1(hash, h, db.length));
  db[0] = (db[0] ?? 0) & (0xff >>> (8 * emLen - emBits));
  const em = new Uint8Array(emLen);
  em.set(db);
  em.set(h, db.length);
  em[emLen - 1] = 0xbc;
  return em;
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2): true when `em` encodes `mHash`. Public data only. */
export function isPssEncoding(
  hash: RsaPaddingHash,
  mHash: Uint8Array,
  em: Uint8Array,
  emBits: number,
  saltLength: PssSaltLength,
): boolean {
  const hLen = RSA_PADDING_HASHES[hash].length;
  const emLen = Math.ceil(emBits / 8);
  if (mHash.length !== hLen || em.length !== emLen || emLen < hLen + 2) return false;
  if (em[emLen - 1] !== 0xbc) return false;
  const topMask = 0xff >>> (8 * emLen - emBits);
  const db = em.slice(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  if (((db[0] ?? 0) & ~topMask) !== 0) return false;
  xorInto(db, mgf1(hash, h, db.length));
  db[0] = (db[0] ?? 0) & topMask;
  let separator = 0;
  while (separator < db.length && db[separator] === 0) separator++;
  if (separator >= db.length || db[separator] !== 0x01) return false;
  const salt = db.subarray(separator + 1);
  if (saltLength !== 'auto' && salt.length !== saltLength) return false;
  const expected = hashParts(hash, ZEROS_8, mHash, salt);
  return Buffer.from(expected).equals(Buffer.from(h));
}

/** RSASSA-PSS-SIGN (RFC 8017 §8.1.1) of a digest with a private key. */
export function signPssDigest(
  key: KeyObject,
  hash: RsaPaddingHash,
  mHash: Uint8Array,
  saltLength: number,
): Uint8Array {
  const em = encodePss(hash, mHash, saltLength, modulusBits(key) - 1);
  return rsaPrivateRaw(key, em);
}

/** RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) of a digest: false for any bad or malformed signature. */
export function verifyPssDigest(
  key: KeyObject,
  hash: RsaPaddingHash,
  mHash: Uint8Array,
  signature: Uint8Array,
  saltLength: PssSaltLength,
): boolean {
  const k = modulusBytes(key);
  if (signature.length !== k) return false;
  let m: Uint8Array;
  try {
    m = rsaPublicRaw(key, signature);
  } catch {
    return false; // a signature representative ≥ n
  }
  const emBits = modulusBits(key) - 1;
  const emLen = Math.ceil(emBits / 8);
  // When modBits − 1 is a multiple of 8 the representative has one more (zero) byte than EM.
  if (m.subarray(0, k - emLen).some((b) => b !== 0)) return false;
  return isPssEncoding(hash, mHash, m.subarray(k - emLen), emBits, saltLength);
}
