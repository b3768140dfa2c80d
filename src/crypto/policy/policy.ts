import { CryptoPolicyError } from './errors.ts';
import { LEGACY_ALGORITHMS, securityStrength } from './strength.ts';

/** What the weak-algorithm policy allows. */
export interface CryptoPolicy {
  /** Allow legacy algorithms (DES, RC4, Blowfish, CAST5, IDEA, SEED, HMAC-MD5 ...). */
  readonly allowLegacy: boolean;
  /** Minimum security strength in bits (SP 800-131A: 112 since 2014). */
  readonly minSecurityBits: number;
  /**
   * KMIP Cryptographic Algorithm names allowed at all (`AES`, `RSA`, `HMAC_SHA256` ...);
   * absent or empty: every algorithm that passes the two checks above.
   */
  readonly allowedAlgorithms?: readonly string[];
}

/** The default policy: no legacy algorithms, at least 112-bit security. */
export const DEFAULT_CRYPTO_POLICY: CryptoPolicy = Object.freeze({
  allowLegacy: false,
  minSecurityBits: 112,
});

/** What a key is about to be used for (recorded in the refusal). */
export type CryptoUse =
  | 'encrypt'
  | 'decrypt'
  | 'sign'
  | 'verify'
  | 'mac'
  | 'derive'
  | 'wrap'
  | 'unwrap'
  | 'generate'
  | 'register';

/**
 * Judge `algorithm` with a `keyLengthBits` key for `use` under `policy`: returns undefined
 * when allowed, else the CryptoPolicyError saying why and which switch would allow it.
 */
export function checkAlgorithm(
  algorithm: string,
  keyLengthBits: number | undefined,
  use: CryptoUse,
  policy: CryptoPolicy = DEFAULT_CRYPTO_POLICY,
): CryptoPolicyError | undefined {
  const strength = securityStrength(algorithm, keyLengthBits);
  const allowed = policy.allowedAlgorithms;
  if (allowed !== undefined && allowed.length > 0 && !allowed.includes(algorithm)) {
    return new CryptoPolicyError('not-allowed', algorithm, keyLengthBits, strength, use);
  }
  if (LEGACY_ALGORITHMS.has(algorithm) && !policy.allowLegacy) {
    return new CryptoPolicyError('legacy', algorithm, keyLengthBits, strength, use);
  }
  if (strength < policy.minSecurityBits) {
    return new CryptoPolicyError('weak', algorithm, keyLengthBits, strength, use);
  }
  return undefined;
}

/** As checkAlgorithm, but throws the CryptoPolicyError. */
export function assertAlgorithmAllowed(
  algorithm: string,
  keyLengthBits: number | undefined,
  use: CryptoUse,
  policy: CryptoPolicy = DEFAULT_CRYPTO_POLICY,
): void {
  const refusal = checkAlgorithm(algorithm, keyLengthBits, use, policy);
  if (refusal) throw refusal;
}
