import { createHmac, timingSafeEqual } from 'node:crypto';
import { CryptoUnsupportedCipherError } from '../ciphers/errors.ts';
import { assertAlgorithmAllowed, DEFAULT_CRYPTO_POLICY } from '../policy/policy.ts';
import type { CryptoPolicy } from '../policy/policy.ts';
import { secretKeyOf } from '../secret-key.ts';
import { aesCmac } from './cmac.ts';

// KMIP Cryptographic Algorithm name → OpenSSL digest for HMAC.
const HMAC_DIGESTS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA1: 'sha1',
  HMAC_SHA224: 'sha224',
  HMAC_SHA256: 'sha256',
  HMAC_SHA384: 'sha384',
  HMAC_SHA512: 'sha512',
  HMAC_SHA3_224: 'sha3-224',
  HMAC_SHA3_256: 'sha3-256',
  HMAC_SHA3_384: 'sha3-384',
  HMAC_SHA3_512: 'sha3-512',
};

/** MAC algorithms this layer computes: the KMIP HMAC_* names, plus `CMAC` (AES-CMAC). */
export const MAC_ALGORITHMS: readonly string[] = [...Object.keys(HMAC_DIGESTS), 'CMAC'];

/** Inputs of mac()/macVerify(). `algorithm` is a KMIP HMAC_* name or `CMAC` (AES key). */
export interface MacParams {
  readonly algorithm: string;
  readonly key: Uint8Array;
  readonly data: Uint8Array;
  readonly policy?: CryptoPolicy;
}

/** Compute the MAC of `data`. */
export function mac(p: MacParams): Uint8Array {
  if (p.algorithm === 'CMAC') {
    assertAlgorithmAllowed('AES', p.key.length * 8, 'mac', p.policy ?? DEFAULT_CRYPTO_POLICY);
    return aesCmac(p.key, p.data);
  }
  const digest = HMAC_DIGESTS[p.algorithm];
  if (!digest) throw new CryptoUnsupportedCipherError(p.algorithm);
  assertAlgorithmAllowed(p.algorithm, p.key.length * 8, 'mac', p.policy ?? DEFAULT_CRYPTO_POLICY);
  return new Uint8Array(createHmac(digest, secretKeyOf(p.key)).update(p.data).digest());
}

/** Check `expected` against the MAC of `data` in constant time; a truncated MAC never matches. */
export function macVerify(p: MacParams & { readonly expected: Uint8Array }): boolean {
  const actual = mac(p);
  return actual.length === p.expected.length && timingSafeEqual(actual, p.expected);
}
