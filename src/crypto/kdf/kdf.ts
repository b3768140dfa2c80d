import { createHmac, hkdfSync, pbkdf2Sync, type Hmac } from 'node:crypto';
import { CryptoParameterError } from '../ciphers/errors.ts';

/** Hash names the KDFs accept: KMIP Hashing Algorithm names. */
export const KDF_HASHES: Record<string, { readonly node: string; readonly length: number }> = {
  SHA_1: { node: 'sha1', length: 20 },
  SHA_224: { node: 'sha224', length: 28 },
  SHA_256: { node: 'sha256', length: 32 },
  SHA_384: { node: 'sha384', length: 48 },
  SHA_512: { node: 'sha512', length: 64 },
  SHA3_224: { node: 'sha3-224', length: 28 },
  SHA3_256: { node: 'sha3-256', length: 32 },
  SHA3_384: { node: 'sha3-384', length: 48 },
  SHA3_512: { node: 'sha3-512', length: 64 },
};

function hashOf(hash: string): { readonly node: string; readonly length: number } {
  const h = KDF_HASHES[hash];
  if (!h) throw new CryptoParameterError('hash', `unsupported hash ${hash}`);
  return h;
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 1) {
    throw new CryptoParameterError('length', 'derived length must be a positive number of bytes');
  }
}

/** PBKDF2 with HMAC-`hash` (RFC 8018 §5.2). */
export function pbkdf2(
  hash: string,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Uint8Array {
  checkLength(length);
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new CryptoParameterError('iterations', 'must be a positive integer');
  }
  return new Uint8Array(pbkdf2Sync(password, salt, iterations, length, hashOf(hash).node));
}

/** HKDF extract-and-expand (RFC 5869). */
export function hkdf(
  hash: string,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  checkLength(length);
  const h = hashOf(hash);
  // RFC 5869 §2.3: L <= 255 * HashLen.
  if (length > 255 * h.length)
    throw new CryptoParameterError('length', 'longer than 255 hash blocks');
  return new Uint8Array(hkdfSync(h.node, ikm, salt, info, length));
}

/**
 * The SP 800-108 block loop shared by its three modes: `length` bytes made of PRF outputs
 * K(1), K(2) …, where `block(prf, counter)` computes K(i) from the HMAC-`hash` PRF keyed
 * with `key` and the 32-bit big-endian counter [i]_32.
 */
function sp800108(
  hash: string,
  key: Uint8Array,
  length: number,
  block: (prf: () => Hmac, counter: Uint8Array) => Uint8Array,
): Uint8Array {
  checkLength(length);
  const h = hashOf(hash);
  const blocks = Math.ceil(length / h.length);
  if (blocks > 0xffffffff)
    throw new CryptoParameterError('length', 'too long for a 32-bit counter');
  const out = new Uint8Array(blocks * h.length);
  const counter = new Uint8Array(4);
  const prf = () => createHmac(h.node, key);
  for (let i = 1; i <= blocks; i++) {
    new DataView(counter.buffer).setUint32(0, i);
    out.set(block(prf, counter), (i - 1) * h.length);
  }
  return out.subarray(0, length);
}

/**
 * NIST SP 800-108r1 §4.1 KDF in counter mode with HMAC-`hash` as PRF: K(i) = PRF(K_I,
 * [i]_32 || fixedInput), counter first and 32 bits wide (the CAVP "BEFORE_FIXED, 32-bit" case).
 * `fixedInput` is Label || 0x00 || Context || [L]_32 when the caller builds it that way.
 */
export function kdfCounterHmac(
  hash: string,
  key: Uint8Array,
  fixedInput: Uint8Array,
  length: number,
): Uint8Array {
  return sp800108(hash, key, length, (prf, counter) =>
    prf().update(counter).update(fixedInput).digest(),
  );
}

/**
 * NIST SP 800-108r1 §4.2 KDF in feedback mode with HMAC-`hash` as PRF and a 32-bit counter after
 * the iteration variable (the CAVP "AFTER_ITER, 32-bit" case): K(0) = `iv` (may be empty),
 * K(i) = PRF(K_I, K(i-1) || [i]_32 || fixedInput).
 */
export function kdfFeedbackHmac(
  hash: string,
  key: Uint8Array,
  iv: Uint8Array,
  fixedInput: Uint8Array,
  length: number,
): Uint8Array {
  let previous: Uint8Array = iv;
  return sp800108(hash, key, length, (prf, counter) => {
    previous = prf().update(previous).update(counter).update(fixedInput).digest();
    return previous;
  });
}

/**
 * NIST SP 800-108r1 §4.3 KDF in double-pipeline iteration mode with HMAC-`hash` as PRF and a
 * 32-bit counter after the iteration variable (the CAVP "AFTER_ITER, 32-bit" case):
 * A(0) = fixedInput, A(i) = PRF(K_I, A(i-1)), K(i) = PRF(K_I, A(i) || [i]_32 || fixedInput).
 */
export function kdfDoublePipelineHmac(
  hash: string,
  key: Uint8Array,
  fixedInput: Uint8Array,
  length: number,
): Uint8Array {
  let a: Uint8Array = fixedInput;
  return sp800108(hash, key, length, (prf, counter) => {
    a = prf().update(a).digest();
    return prf().update(a).update(counter).update(fixedInput).digest();
  });
}

/** SP 800-108 fixed input data: Label || 0x00 || Context || [L]_32 with L in bits (§5). */
export function sp800108FixedInput(
  label: Uint8Array,
  context: Uint8Array,
  lengthBytes: number,
): Uint8Array {
  const out = new Uint8Array(label.length + 1 + context.length + 4);
  out.set(label, 0);
  out.set(context, label.length + 1);
  new DataView(out.buffer).setUint32(label.length + 1 + context.length, lengthBytes * 8);
  return out;
}
