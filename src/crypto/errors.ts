import { KeywardenError } from '../errors.ts';

/**
 * Authenticated decryption failed: wrong key, wrong associated data, a tampered or
 * truncated ciphertext, or an unknown format version. One fixed message for every
 * cause, so the error tells an attacker nothing about which check failed (as jose does).
 */
export class CryptoDecryptError extends KeywardenError {
  readonly code = 'KW_CRYPTO_DECRYPT';

  constructor() {
    super('decryption failed');
  }
}

/** A key handed to a crypto primitive has the wrong size for it. */
export class CryptoKeyLengthError extends KeywardenError {
  readonly code = 'KW_CRYPTO_KEY_LENGTH';
  /** The length the primitive needs, in bytes. */
  readonly expected: number;
  /** The length it was given, in bytes. */
  readonly actual: number;

  constructor(expected: number, actual: number) {
    super(`key must be ${expected} bytes, got ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * A combination this layer deliberately does not implement, as opposed to an unknown
 * algorithm: e.g. ECDSA signing of a digest the caller computed on a curve the digest signer
 * does not cover (P-224, Brainpool; docs/crypto.md, "Platform limits").
 */
export class CryptoUnsupportedFeatureError extends KeywardenError {
  readonly code = 'KW_CRYPTO_UNSUPPORTED_FEATURE';
  /** Which feature: `ecdsa-sign-digest` ... */
  readonly feature: string;

  constructor(feature: string, detail: string) {
    super(`not supported: ${detail}`);
    this.feature = feature;
  }
}
