/**
 * RSAES-OAEP (RFC 8017 §7.1) with an MGF1 hash other than the label hash, which Node's
 * publicEncrypt/privateDecrypt cannot express (their MGF1 always uses `oaepHash`); the KMIP
 * CS-AC OAEP cases use SHA-384 with MGF1-SHA-256 (Mask Generator Hashing Algorithm, KMIP 1.4
 * §2.1.5). The raw RSA operation stays in OpenSSL; the decoding below runs without branches
 * on secret bytes and every failure is one CryptoDecryptError (RFC 8017 §7.1.2 note: an
 * attacker must not learn which check failed — Manger's attack).
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { CryptoParameterError } from '../ciphers/errors.ts';
import { CryptoDecryptError } from '../errors.ts';
import { hashParts, mgf1, RSA_PADDING_HASHES, xorInto, type RsaPaddingHash } from './mgf1.ts';
import { modulusBytes, rsaPrivateRaw, rsaPublicRaw } from './raw-rsa.ts';

/** OAEP parameters: the label hash, the MGF1 hash and the label (P Source). */
export interface OaepParams {
  readonly hash: RsaPaddingHash;
  readonly mgf1Hash: RsaPaddingHash;
  readonly label?: Uint8Array;
}

/** EME-OAEP encoding (RFC 8017 §7.1.1 step 2) of `message` into k bytes. */
export function encodeOaep(p: OaepParams, message: Uint8Array, k: number): Uint8Array {
  const hLen = RSA_PADDING_HASHES[p.hash].length;
  if (message.length > k - 2 * hLen - 2) {
    throw new CryptoParameterError('data', 'too long for this key and padding');
  }
  const db = new Uint8Array(k - hLen - 1);
  db.set(hashParts(p.hash, p.label ?? new Uint8Array()));
  db[db.length - message.length - 1] = 0x01;
  db.set(message, db.length - message.length);
  const seed = new Uint8Array(randomBytes(hLen));
  xorInto(db, mgf1(p.mgf1Hash, seed, db.length));
  xorInto(seed, mgf1(p.mgf1Hash, db, hLen));
  const em = new Uint8Array(k);
  em.set(seed, 1);
  em.set(db, 1 + hLen);
  return em;
}

/**
 * EME-OAEP decoding (RFC 8017 §7.1.2 step 3). Constant-time as far as JavaScript allows: the
 * checks combine into one flag with bit operations and every byte is visited.
 * @throws CryptoDecryptError for any malformed encoding.
 */
export function decodeOaep(p: OaepParams, em: Uint8Array): Uint8Array {
  const hLen = RSA_PADDING_HASHES[p.hash].length;
  const k = em.length;
  if (k < 2 * hLen + 2) throw new CryptoDecryptError();
  const seed = em.slice(1, 1 + hLen);
  const db = em.slice(1 + hLen);
  xorInto(seed, mgf1(p.mgf1Hash, db, hLen));
  xorInto(db, mgf1(p.mgf1Hash, seed, db.length));
  const lHash = hashParts(p.hash, p.label ?? new Uint8Array());
  let bad = em[0] ?? 0;
  for (let i = 0; i < hLen; i++) bad |= (db[i] ?? 0) ^ (lHash[i] ?? 0);
  // Find the 0x01 after the zero padding: `found` turns 1 at the first non-zero byte, which
  // must be 0x01; `start` keeps that index + 1.
  let found = 0;
  let start = 0;
  for (let i = hLen; i < db.length; i++) {
    const b = db[i] ?? 0;
    const isZero = ((b | -b) >>> 31) ^ 1; // 1 when b === 0
    const isOne = (((b ^ 1) | -(b ^ 1)) >>> 31) ^ 1; // 1 when b === 1
    const isFirst = (found ^ 1) & (isZero ^ 1); // first non-zero byte
    bad |= isFirst & (isOne ^ 1);
    start |= -isFirst & (i + 1);
    found |= isFirst;
  }
  bad |= found ^ 1;
  if (bad !== 0) throw new CryptoDecryptError();
  return db.slice(start);
}

/** RSAES-OAEP-ENCRYPT (RFC 8017 §7.1.1) with a public key. */
export function encryptOaep(key: KeyObject, p: OaepParams, message: Uint8Array): Uint8Array {
  const k = modulusBytes(key);
  return rsaPublicRaw(key, encodeOaep(p, message, k));
}

/**
 * RSAES-OAEP-DECRYPT (RFC 8017 §7.1.2) with a private key.
 * @throws CryptoDecryptError for a ciphertext of the wrong length or any decoding failure.
 */
export function decryptOaep(key: KeyObject, p: OaepParams, ciphertext: Uint8Array): Uint8Array {
  const k = modulusBytes(key);
  if (ciphertext.length !== k) throw new CryptoDecryptError();
  let em: Uint8Array;
  try {
    em = rsaPrivateRaw(key, ciphertext);
  } catch {
    throw new CryptoDecryptError();
  }
  return decodeOaep(p, em);
}
