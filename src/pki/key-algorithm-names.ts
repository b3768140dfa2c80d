/**
 * The key algorithms the PKI issues certificates for, by name: apart from key-algorithm.ts so
 * that checking a setting loads no X.509 library (issue #9).
 */
/** Key algorithms for generated key pairs; ECDSA P-256 is the default. */
export const KEY_ALGORITHMS = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072'] as const;

/** A key algorithm name, e.g. `'ecdsa-p256'` or `'rsa-3072'`. */
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** The default key algorithm of generated key pairs. */
export const DEFAULT_KEY_ALGORITHM: KeyAlgorithm = 'ecdsa-p256';

/** Whether `value` names a supported key algorithm. */
export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return typeof value === 'string' && (KEY_ALGORITHMS as readonly string[]).includes(value);
}
