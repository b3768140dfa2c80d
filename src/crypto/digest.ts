import { hash } from 'node:crypto';
import { CryptoUnsupportedAlgorithmError } from './keygen/errors.ts';

/**
 * Hash algorithms for the KMIP Digest attribute, by KMIP HashingAlgorithm name, with OpenSSL's
 * name. MD5 and RIPEMD_160 are here for Digest values older clients ask for, not for security.
 */
export const DIGEST_ALGORITHMS = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_224: 'sha224',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
  SHA_512_224: 'sha512-224',
  SHA_512_256: 'sha512-256',
  SHA3_224: 'sha3-224',
  SHA3_256: 'sha3-256',
  SHA3_384: 'sha3-384',
  SHA3_512: 'sha3-512',
  RIPEMD_160: 'ripemd160',
} as const;

/** A supported KMIP HashingAlgorithm name. */
export type DigestAlgorithm = keyof typeof DIGEST_ALGORITHMS;

/** KMIP 1.4 §3.17 Digest: SHA-256 is the algorithm the spec makes mandatory; our default. */
export const DEFAULT_DIGEST_ALGORITHM: DigestAlgorithm = 'SHA_256';

/**
 * Hashes `data` (for KMIP Digest: the key material in its stored Key Format Type, or the
 * certificate DER).
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for a name not in
 *   DIGEST_ALGORITHMS, or one the runtime refuses (MD5 under a FIPS provider).
 * @example
 * const value = digest('SHA_256', keyMaterial); // 32 bytes
 */
export function digest(algorithm: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(oneShotHash(algorithm, data, 'buffer') as Buffer);
}

/**
 * Hashes a string (its UTF-8 bytes) to lowercase hex, in one call: what the audit log's hash
 * chain computes for every record.
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) as {@link digest}.
 * @example
 * digestHex('SHA_256', 'abc'); // 'ba7816bf…'
 */
export function digestHex(algorithm: string, text: string): string {
  return oneShotHash(algorithm, text, 'hex') as string;
}

/**
 * node:crypto's one-shot `hash` (no Hash object per call: every new object gets two digests,
 * the audit chain one per record; issue #9) under a KMIP HashingAlgorithm name.
 */
function oneShotHash(
  algorithm: string,
  data: Uint8Array | string,
  encoding: 'buffer' | 'hex',
): Buffer | string {
  if (!Object.hasOwn(DIGEST_ALGORITHMS, algorithm)) {
    throw new CryptoUnsupportedAlgorithmError(algorithm);
  }
  try {
    return hash(DIGEST_ALGORITHMS[algorithm as DigestAlgorithm], data, encoding);
  } catch {
    throw new CryptoUnsupportedAlgorithmError(algorithm);
  }
}
