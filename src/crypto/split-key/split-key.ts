/**
 * Key splitting for KMIP Create Split Key / Join Split Key (KMIP 1.4 §2.2.5, §9.1.3.2.30):
 * XOR (every part needed: threshold = parts), polynomial sharing (Shamir, 1979) byte by byte
 * in GF(2^8) with x^8 + x^4 + x^3 + x^2 + 1 (0x11D — the field the OASIS KMIP test cases
 * TC-SJ-3 use; their parts do not join in the AES field 0x11B), in
 * GF(2^16) word by word (gf65536.ts), and polynomial sharing in a prime field of the given Prime Field Size. A part's Key Part
 * Identifier is its x coordinate (1 ... parts); polynomial coefficients come from the CSPRNG.
 */
import { CryptoParameterError } from '../ciphers/errors.ts';
import { randomBytes } from '../random.ts';
import { joinGf65536, splitGf65536 } from './gf65536.ts';

/** The KMIP Split Key Methods implemented here (registry names). */
export type SplitKeyMethodName =
  'XOR' | 'PolynomialSharingGF2_8' | 'PolynomialSharingGF2_16' | 'PolynomialSharingPrimeField';

/** One part: its Key Part Identifier (x) and value. */
export interface KeyShare {
  readonly x: number;
  readonly value: Uint8Array;
}

/** How to split or join. */
export interface SplitParams {
  readonly method: SplitKeyMethodName;
  readonly parts: number;
  readonly threshold: number;
  /** PolynomialSharingPrimeField only: the prime. */
  readonly prime?: bigint;
  /** Randomness (tests inject fixed bytes); default the OS CSPRNG. */
  readonly random?: (length: number) => Uint8Array;
}

/** The GF(2^8) polynomial x^8 + x^4 + x^3 + x^2 + 1 (primitive: x generates the group). */
export const GF256_POLYNOMIAL = 0x11d;

// GF(2^8) log/antilog tables with generator x (0x02).
const EXP = new Uint8Array(510);
const LOG = new Uint8Array(256);
{
  let value = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = value;
    LOG[value] = i;
    value <<= 1;
    if (value & 0x100) value ^= GF256_POLYNOMIAL;
  }
  for (let i = 255; i < 510; i++) EXP[i] = EXP[i - 255] ?? 0;
}

/** Multiplication in GF(2^8) modulo {@link GF256_POLYNOMIAL}. */
export function gf256Multiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[(LOG[a] ?? 0) + (LOG[b] ?? 0)] ?? 0;
}

function gf256Divide(a: number, b: number): number {
  if (a === 0) return 0;
  return EXP[(LOG[a] ?? 0) + 255 - (LOG[b] ?? 0)] ?? 0;
}

function checkParams(p: SplitParams): void {
  const { parts, threshold, method } = p;
  if (
    !Number.isInteger(parts) ||
    !Number.isInteger(threshold) ||
    threshold < 1 ||
    threshold > parts
  ) {
    throw new CryptoParameterError('threshold', 'needs 1 <= threshold <= parts');
  }
  if (method === 'XOR' && threshold !== parts) {
    throw new CryptoParameterError(
      'threshold',
      'XOR splitting needs every part: threshold = parts',
    );
  }
  if (method === 'PolynomialSharingGF2_8' && parts > 255) {
    throw new CryptoParameterError('parts', 'GF(2^8) sharing allows at most 255 parts');
  }
  if (method === 'PolynomialSharingGF2_16' && parts > 65535) {
    throw new CryptoParameterError('parts', 'GF(2^16) sharing allows at most 65 535 parts');
  }
  if (method === 'PolynomialSharingPrimeField' && (p.prime === undefined || p.prime < 3n)) {
    throw new CryptoParameterError('prime', 'prime field sharing needs a Prime Field Size');
  }
}

const toBigInt = (bytes: Uint8Array): bigint =>
  bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

function toBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2)
    throw new CryptoParameterError('length', 'value longer than its field');
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

const modulo = (a: bigint, p: bigint) => ((a % p) + p) % p;

function inverse(a: bigint, p: bigint): bigint {
  // Extended Euclid; p is prime, so every non-zero a has an inverse.
  let [r0, r1, s0, s1] = [modulo(a, p), p, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return modulo(s0, p);
}

/**
 * Splits `secret` into `parts` shares, any `threshold` of which rebuild it.
 * @throws CryptoParameterError (KW_CRYPTO_PARAMETER) for inconsistent parameters or a secret
 *   not below the prime.
 */
export function splitSecret(secret: Uint8Array, p: SplitParams): KeyShare[] {
  checkParams(p);
  const random = p.random ?? randomBytes;
  const xs = Array.from({ length: p.parts }, (_, i) => i + 1);
  if (p.method === 'XOR') {
    const shares = xs.slice(0, -1).map((x) => ({ x, value: random(secret.length) }));
    const last = secret.slice();
    for (const share of shares)
      last.forEach((_, i) => (last[i] = (last[i] ?? 0) ^ (share.value[i] ?? 0)));
    return [...shares, { x: p.parts, value: last }];
  }
  if (p.method === 'PolynomialSharingGF2_8') {
    const coefficients = Array.from({ length: p.threshold - 1 }, () => random(secret.length));
    return xs.map((x) => {
      const value = secret.map((byte, i) => {
        // Horner: f(x) = a0 + x(a1 + x(a2 + ...)); addition is XOR.
        let y = 0;
        for (let k = coefficients.length - 1; k >= 0; k--)
          y = gf256Multiply(y, x) ^ (coefficients[k]?.[i] ?? 0);
        return gf256Multiply(y, x) ^ byte;
      });
      return { x, value };
    });
  }
  if (p.method === 'PolynomialSharingGF2_16') return splitGf65536(secret, xs, p.threshold, random);
  const prime = p.prime as bigint;
  const s = toBigInt(secret);
  if (s >= prime)
    throw new CryptoParameterError('prime', 'the secret must be smaller than the prime');
  const width = Math.ceil(prime.toString(16).length / 2);
  const coefficients = Array.from({ length: p.threshold - 1 }, () =>
    modulo(toBigInt(random(width + 8)), prime),
  );
  return xs.map((x) => {
    let y = 0n;
    for (let k = coefficients.length - 1; k >= 0; k--)
      y = modulo(y * BigInt(x) + (coefficients[k] ?? 0n), prime);
    return { x, value: toBytes(modulo(y * BigInt(x) + s, prime), width) };
  });
}

/**
 * Rebuilds the secret from `threshold` or more shares (the first `threshold` are used);
 * `length` is the secret's length in bytes (prime field sharing loses leading zeros).
 * @throws CryptoParameterError (KW_CRYPTO_PARAMETER) for too few or duplicate shares, or
 *   shares of different lengths.
 */
export function joinSecret(
  shares: readonly KeyShare[],
  p: SplitParams,
  length: number,
): Uint8Array {
  checkParams(p);
  const used = shares.slice(0, p.threshold);
  if (used.length < p.threshold)
    throw new CryptoParameterError('shares', 'fewer shares than the threshold');
  if (new Set(used.map((s) => s.x)).size !== used.length)
    throw new CryptoParameterError('shares', 'duplicate Key Part Identifiers');
  const size = used[0]?.value.length ?? 0;
  if (used.some((s) => s.value.length !== size))
    throw new CryptoParameterError('shares', 'shares of different lengths');
  if (p.method === 'XOR') {
    const out = new Uint8Array(size);
    for (const share of used)
      out.forEach((_, i) => (out[i] = (out[i] ?? 0) ^ (share.value[i] ?? 0)));
    return out;
  }
  if (p.method === 'PolynomialSharingGF2_8') {
    // Lagrange at 0: f(0) = sum_j y_j * prod_{m != j} x_m / (x_m - x_j); minus is XOR.
    const weights = used.map((sj) =>
      used.reduce((w, sm) => (sm === sj ? w : gf256Multiply(w, gf256Divide(sm.x, sm.x ^ sj.x))), 1),
    );
    const out = new Uint8Array(size);
    used.forEach((share, j) =>
      share.value.forEach((y, i) => (out[i] = (out[i] ?? 0) ^ gf256Multiply(y, weights[j] ?? 0))),
    );
    return out;
  }
  if (p.method === 'PolynomialSharingGF2_16') {
    if (size % 2 !== 0 || length > size)
      throw new CryptoParameterError('shares', 'GF(2^16) shares are whole 16-bit words');
    return joinGf65536(used, length);
  }
  const prime = p.prime as bigint;
  let secret = 0n;
  for (const sj of used) {
    let weight = 1n;
    for (const sm of used) {
      if (sm !== sj)
        weight = modulo(weight * BigInt(sm.x) * inverse(BigInt(sm.x - sj.x), prime), prime);
    }
    secret = modulo(secret + toBigInt(sj.value) * weight, prime);
  }
  return toBytes(secret, length);
}
