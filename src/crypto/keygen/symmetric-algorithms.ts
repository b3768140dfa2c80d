/**
 * Which key lengths each symmetric algorithm accepts, for Create and Register. Names are the
 * KMIP registry's CryptographicAlgorithm names (src/kmip/generated/registry.ts); the server maps
 * enumerations to them. Lengths are in bits, as KMIP Cryptographic Length carries them.
 */

/** A set of allowed key lengths: listed values, or every multiple of `step` in [min, max]. */
export type KeyLengthRule =
  | { readonly kind: 'list'; readonly lengths: readonly number[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly step: number };

const list = (...lengths: number[]): KeyLengthRule => ({ kind: 'list', lengths });
const range = (min: number, max: number, step = 8): KeyLengthRule => ({
  kind: 'range',
  min,
  max,
  step,
});

// HMAC keys: at least half the tag length, and never under 112 bits. Generic birthday forgeries
// on an iterated MAC cost about 2^(L/2) (Preneel & van Oorschot, 1995), so a shorter key would
// make key search the cheapest attack; 112 bits is the floor NIST SP 800-131A Rev. 2 §9 sets
// for HMAC keys. Above the hash block size RFC 2104 §3 hashes the key down, which adds nothing,
// but registered keys may be long: accept up to 4096 bits to keep inputs bounded.
const HMAC_MAX_BITS = 4096;
const hmac = (tagBits: number): KeyLengthRule => range(Math.max(112, tagBits / 2), HMAC_MAX_BITS);

/** The symmetric algorithms Keywarden creates and registers keys for, with their lengths. */
export const SYMMETRIC_KEY_LENGTHS = {
  AES: list(128, 192, 256),
  // 64 / 128 / 192 bits are one-, two- and three-key DES3 including parity bits (NIST SP 800-67
  // Rev. 2 §3.1), the set PyKMIP (pyca/cryptography TripleDES.key_sizes) accepts; 112 / 168 are
  // the same two- and three-key bundles by their effective length without parity (SP 800-67
  // §3.1), which the OASIS profiles use (SKFF-M-4: Create DES3 of length 168).
  // 64 bits is single-DES strength: allowed for interoperability, the policy decides on use.
  DES3: list(64, 112, 128, 168, 192),
  // pyca/cryptography Blowfish.key_sizes: 32..448 in steps of 8.
  Blowfish: range(32, 448),
  Camellia: list(128, 192, 256),
  // RFC 2144 §2.1: CAST-128 keys of 40 to 128 bits in 8-bit steps.
  CAST5: range(40, 128),
  IDEA: list(128),
  // RC4 takes 1..256 byte keys; under 40 bits is below anything a peer would send. PyKMIP
  // allows only 40, 56, 64, 80, 128, 160, 192, 256; this is a superset.
  RC4: range(40, 2048),
  HMAC_SHA1: hmac(160),
  HMAC_SHA224: hmac(224),
  HMAC_SHA256: hmac(256),
  HMAC_SHA384: hmac(384),
  HMAC_SHA512: hmac(512),
  HMAC_SHA3_224: hmac(224),
  HMAC_SHA3_256: hmac(256),
  HMAC_SHA3_384: hmac(384),
  HMAC_SHA3_512: hmac(512),
  // RFC 8439 §2.3: ChaCha20 keys are 256 bits.
  ChaCha20: list(256),
  ChaCha20Poly1305: list(256),
} as const satisfies Record<string, KeyLengthRule>;

/** A symmetric algorithm name Keywarden supports (KMIP registry spelling). */
export type SymmetricAlgorithm = keyof typeof SYMMETRIC_KEY_LENGTHS;

/** Tells whether `name` is a supported symmetric algorithm. */
export function isSymmetricAlgorithm(name: string): name is SymmetricAlgorithm {
  return Object.hasOwn(SYMMETRIC_KEY_LENGTHS, name);
}

// Effective DES3 lengths → the bytes of the key bundle, parity bits included (8 per key).
const DES3_EFFECTIVE_BYTES: Readonly<Record<number, number>> = { 112: 16, 168: 24 };

/**
 * The number of key bytes of a `lengthBits` key of `algorithm`: `lengthBits / 8`, except DES3
 * given by its effective length (112 → 16 bytes, 168 → 24 bytes).
 */
export function symmetricKeyBytes(algorithm: string, lengthBits: number): number {
  if (algorithm === 'DES3') return DES3_EFFECTIVE_BYTES[lengthBits] ?? lengthBits / 8;
  return lengthBits / 8;
}

/** Tells whether `rule` allows a key of `lengthBits` bits. */
export function isAllowedLength(rule: KeyLengthRule, lengthBits: number): boolean {
  if (!Number.isSafeInteger(lengthBits)) return false;
  if (rule.kind === 'list') return rule.lengths.includes(lengthBits);
  return (
    lengthBits >= rule.min && lengthBits <= rule.max && (lengthBits - rule.min) % rule.step === 0
  );
}
