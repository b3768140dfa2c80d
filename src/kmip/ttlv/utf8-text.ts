/**
 * Text String values (KMIP 1.0 §9.1.1.4: UTF-8) with ASCII fast paths. Identifiers, names
 * and attribute names are short ASCII, and for them a JS loop beats the fixed cost of a
 * native TextDecoder/TextEncoder call (~65–110 ns, including the subarray it needs).
 * Anything else goes through the strict native codec, whose errors are kept exactly.
 */

// fatal: malformed UTF-8 is an error, not U+FFFD; ignoreBOM: keep a leading U+FEFF (lossless).
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Longest value (bytes) decoded on the ASCII path. Past ~12 characters the string it builds
 * from chunks is a rope, which its first user must flatten; counting that, TextDecoder's flat
 * string is cheaper beyond ~32 bytes (a 36-byte UUID included).
 */
export const ASCII_DECODE_MAX = 32;
/**
 * Longest value (characters) encoded on the ASCII path. A JS loop's cost depends on how the
 * string was built (a rope from concatenation, e.g. randomUUID or a template literal, reads
 * ~40 % slower than a flat string); encodeInto's does not, and beyond ~32 characters it wins
 * on ropes and costs little more on flat strings.
 */
export const ASCII_ENCODE_MAX = 32;

const fromCharCode = String.fromCharCode;

/**
 * Decodes `length` bytes of UTF-8 at `from`; null if they are not valid UTF-8
 * (overlong forms, surrogates and cut sequences included).
 */
export function readText(u8: Uint8Array, from: number, length: number): string | null {
  if (length <= ASCII_DECODE_MAX) {
    const ascii = readAscii(u8, from, from + length);
    if (ascii !== null) return ascii;
  }
  try {
    return utf8Decoder.decode(u8.subarray(from, from + length));
  } catch {
    return null;
  }
}

/** The bytes in [from, to) as a string if all are ASCII, else null. */
function readAscii(u8: Uint8Array, from: number, to: number): string | null {
  let text = '';
  let i = from;
  // Up to 16 bytes per String.fromCharCode call: one string per chunk, not per character.
  for (; i + 16 <= to; i += 16) {
    const b0 = u8[i]!;
    const b1 = u8[i + 1]!;
    const b2 = u8[i + 2]!;
    const b3 = u8[i + 3]!;
    const b4 = u8[i + 4]!;
    const b5 = u8[i + 5]!;
    const b6 = u8[i + 6]!;
    const b7 = u8[i + 7]!;
    const b8 = u8[i + 8]!;
    const b9 = u8[i + 9]!;
    const b10 = u8[i + 10]!;
    const b11 = u8[i + 11]!;
    const b12 = u8[i + 12]!;
    const b13 = u8[i + 13]!;
    const b14 = u8[i + 14]!;
    const b15 = u8[i + 15]!;
    if (
      (b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7 | b8 | b9 | b10 | b11 | b12 | b13 | b14 | b15) >=
      0x80
    )
      return null;
    text += fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15);
  }
  if (i + 8 <= to) {
    const b0 = u8[i]!;
    const b1 = u8[i + 1]!;
    const b2 = u8[i + 2]!;
    const b3 = u8[i + 3]!;
    const b4 = u8[i + 4]!;
    const b5 = u8[i + 5]!;
    const b6 = u8[i + 6]!;
    const b7 = u8[i + 7]!;
    if ((b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7) >= 0x80) return null;
    text += fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7);
    i += 8;
  }
  if (i + 4 <= to) {
    const b0 = u8[i]!;
    const b1 = u8[i + 1]!;
    const b2 = u8[i + 2]!;
    const b3 = u8[i + 3]!;
    if ((b0 | b1 | b2 | b3) >= 0x80) return null;
    text += fromCharCode(b0, b1, b2, b3);
    i += 4;
  }
  for (; i < to; i++) {
    const b = u8[i]!;
    if (b >= 0x80) return null;
    text += fromCharCode(b);
  }
  return text;
}

/**
 * The UTF-8 length of `text`, or -1 if it holds a lone surrogate (which UTF-8 cannot carry:
 * encoding would silently turn it into U+FFFD).
 */
export function utf8Length(text: string): number {
  const n = text.length;
  let length = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      length += 1;
      continue;
    }
    // 3 bytes for one UTF-16 unit, 4 for a surrogate pair (2 units): both add 2.
    length += 2;
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c >= 0xdc00) return -1; // a low surrogate with no high one before it
      const next = text.charCodeAt(i + 1); // NaN past the end
      if (!(next >= 0xdc00 && next <= 0xdfff)) return -1;
      i++;
    }
  }
  return length;
}

/**
 * Writes `text` as UTF-8 at `at`, where `out` has room for 3 bytes per UTF-16 unit; returns
 * the byte length, or -1 (nothing written past `at` matters then) for a lone surrogate.
 */
export function writeText(text: string, out: Uint8Array, at: number): number {
  const n = text.length;
  if (n <= ASCII_ENCODE_MAX && writeAscii(text, out, at)) return n;
  const written = utf8Encoder.encodeInto(text, out.subarray(at)).written;
  // encodeInto silently writes U+FFFD for a lone surrogate; all-ASCII text has none.
  if (written !== n && !text.isWellFormed()) return -1;
  return written;
}

/** Writes `text` one byte per character if all are ASCII; false (partly written) if not. */
function writeAscii(text: string, out: Uint8Array, at: number): boolean {
  const n = text.length;
  let i = 0;
  // Four characters per test: a quarter of the branches of a plain loop.
  for (; i + 4 <= n; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 0x80) return false;
    out[at + i] = c0;
    out[at + i + 1] = c1;
    out[at + i + 2] = c2;
    out[at + i + 3] = c3;
  }
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return false;
    out[at + i] = c;
  }
  return true;
}
