/**
 * Polynomial sharing (Shamir, 1979) over GF(2^16), KMIP Split Key Method "Polynomial Sharing
 * GF(2^16)" (KMIP 1.4 §9.1.3.2.30). KMIP names the field but not its polynomial; Keywarden uses
 * the primitive pentanomial x^16 + x^12 + x^3 + x + 1 (0x1100B), so x (0x0002) generates the
 * multiplicative group. The secret is read as big-endian 16-bit words (an odd-length secret
 * gets one zero byte appended, which the join drops again), each word shared on its own; a part
 * is the words of f(x) for its Key Part Identifier x (1 ... 65 535), big-endian.
 */

/** The field polynomial x^16 + x^12 + x^3 + x + 1. */
export const GF65536_POLYNOMIAL = 0x1100b;

// Log/antilog tables for generator x; EXP is doubled so a sum of two logs needs no reduction.
const ORDER = 0xffff;
const EXP = new Uint16Array(2 * ORDER);
const LOG = new Uint16Array(0x10000);
{
  let value = 1;
  for (let i = 0; i < ORDER; i++) {
    EXP[i] = value;
    LOG[value] = i;
    value <<= 1;
    if (value & 0x10000) value ^= GF65536_POLYNOMIAL;
  }
  for (let i = ORDER; i < 2 * ORDER; i++) EXP[i] = EXP[i - ORDER] ?? 0;
}

/** Multiplication in GF(2^16) modulo {@link GF65536_POLYNOMIAL}. */
export function gf65536Multiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[(LOG[a] ?? 0) + (LOG[b] ?? 0)] ?? 0;
}

/** Division in GF(2^16); `b` must not be 0. */
export function gf65536Divide(a: number, b: number): number {
  if (a === 0) return 0;
  return EXP[(LOG[a] ?? 0) + ORDER - (LOG[b] ?? 0)] ?? 0;
}

function toWords(bytes: Uint8Array): Uint16Array {
  const words = new Uint16Array(Math.ceil(bytes.length / 2));
  words.forEach((_, i) => (words[i] = ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0)));
  return words;
}

function fromWords(words: Uint16Array): Uint8Array {
  const out = new Uint8Array(words.length * 2);
  words.forEach((word, i) => {
    out[2 * i] = word >> 8;
    out[2 * i + 1] = word & 0xff;
  });
  return out;
}

/**
 * The shares of `secret` for Key Part Identifiers `xs`: f(x) with f(0) = the secret words and
 * `threshold - 1` random coefficient words from `random`.
 */
export function splitGf65536(
  secret: Uint8Array,
  xs: readonly number[],
  threshold: number,
  random: (length: number) => Uint8Array,
): { x: number; value: Uint8Array }[] {
  const words = toWords(secret);
  const coefficients = Array.from({ length: threshold - 1 }, () =>
    toWords(random(words.length * 2)),
  );
  return xs.map((x) => {
    const ys = words.map((word, i) => {
      // Horner: f(x) = a0 + x(a1 + x(a2 + ...)); addition is XOR.
      let y = 0;
      for (let k = coefficients.length - 1; k >= 0; k--)
        y = gf65536Multiply(y, x) ^ (coefficients[k]?.[i] ?? 0);
      return gf65536Multiply(y, x) ^ word;
    });
    return { x, value: fromWords(ys) };
  });
}

/** f(0) from `shares` (Lagrange interpolation at 0), cut to `length` bytes. */
export function joinGf65536(
  shares: readonly { readonly x: number; readonly value: Uint8Array }[],
  length: number,
): Uint8Array {
  // f(0) = sum_j y_j * prod_{m != j} x_m / (x_m - x_j); minus is XOR.
  const weights = shares.map((sj) =>
    shares.reduce(
      (w, sm) => (sm === sj ? w : gf65536Multiply(w, gf65536Divide(sm.x, sm.x ^ sj.x))),
      1,
    ),
  );
  const out = new Uint16Array((shares[0]?.value.length ?? 0) / 2);
  shares.forEach((share, j) =>
    toWords(share.value).forEach(
      (y, i) => (out[i] = (out[i] ?? 0) ^ gf65536Multiply(y, weights[j] ?? 0)),
    ),
  );
  return fromWords(out).slice(0, length);
}
