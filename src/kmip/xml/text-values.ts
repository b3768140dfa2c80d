/**
 * Text forms of KMIP scalar values shared by the XML and JSON encodings (KMIP Additional
 * Message Encodings v1.0 §4.1.1/§6.1.1 "Hex representations", §4.1.5/§6.1.5 "Value"):
 * decimal numbers, `0x` hex numbers (big-endian, two's complement), hex byte strings,
 * booleans and ISO 8601 date-times.
 *
 * Parsers take a `fail` callback so each encoding throws its own typed error with its own
 * path; problem texts never quote the value (it may be key material).
 */
import { formatIsoMicros, parseIsoMicros } from './iso-date-time.ts';

/** Throws the caller's typed error for a value problem. */
export type Fail = (problem: string) => never;

const DECIMAL = /^[+-]?[0-9]+$/;
const HEX_NUMBER = /^0[xX]([0-9A-Fa-f]+)$/;
const HEX_DIGITS = /^[0-9A-Fa-f]*$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const MICROS_PER_SECOND = 1_000_000n;
// Date's range is ±8.64e15 ms (ECMA-262 §21.4.1.22).
const MAX_DATE_MICROS = 8_640_000_000_000_000_000n;
// Longest decimal an int64 needs, sign and leading zeros aside: bounds BigInt() work.
const MAX_DECIMAL_DIGITS = 40;

/**
 * The unsigned value of a `0x` hex number of at most `bytes` bytes (leading zeros aside),
 * or undefined when `text` is not in `0x` form.
 */
export function parseHexNumber(text: string, bytes: number, fail: Fail): bigint | undefined {
  const m = HEX_NUMBER.exec(text);
  if (m === null) return undefined;
  const digits = m[1]!.replace(/^0+/, '');
  if (digits.length > bytes * 2) fail(`hex value longer than ${bytes} bytes`);
  return digits === '' ? 0n : BigInt(`0x${digits}`);
}

function parseDecimal(text: string, fail: Fail): bigint | undefined {
  if (!DECIMAL.test(text)) return undefined;
  if (text.length > MAX_DECIMAL_DIGITS) fail('number out of range');
  return BigInt(text);
}

/** Parses a 32-bit signed Integer: decimal or `0x` hex (two's complement). */
export function parseInt32(text: string, fail: Fail): number {
  const hex = parseHexNumber(text, 4, fail);
  if (hex !== undefined) return Number(BigInt.asIntN(32, hex));
  const n = parseDecimal(text, fail);
  if (n === undefined) fail('not an Integer');
  if (n < BigInt(INT32_MIN) || n > BigInt(INT32_MAX)) fail('Integer out of range');
  return Number(n);
}

/** Parses a 32-bit unsigned number (Interval, numeric Enumeration): decimal or `0x` hex. */
export function parseUint32(text: string, fail: Fail): number {
  const hex = parseHexNumber(text, 4, fail);
  if (hex !== undefined) return Number(hex);
  const n = parseDecimal(text, fail);
  if (n === undefined) fail('not an unsigned 32-bit number');
  if (n < 0n || n > BigInt(UINT32_MAX)) fail('number out of the unsigned 32-bit range');
  return Number(n);
}

/** Parses a 64-bit signed Long Integer: decimal or `0x` hex (two's complement). */
export function parseInt64(text: string, fail: Fail): bigint {
  const hex = parseHexNumber(text, 8, fail);
  if (hex !== undefined) return BigInt.asIntN(64, hex);
  const n = parseDecimal(text, fail);
  if (n === undefined) fail('not a Long Integer');
  if (n < INT64_MIN || n > INT64_MAX) fail('Long Integer out of range');
  return n;
}

/** True when a bigint fits a 64-bit signed integer. */
export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** Formats a 32-bit value as `0x` and eight upper-case hex digits (two's complement). */
export function formatHex32(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Formats a 64-bit value as `0x` and sixteen upper-case hex digits (two's complement). */
export function formatHex64(value: bigint): string {
  return `0x${BigInt.asUintN(64, value).toString(16).toUpperCase().padStart(16, '0')}`;
}

/** Parses hex digits (no prefix, even count) into bytes. */
export function parseHexBytes(text: string, fail: Fail): Uint8Array {
  if (text.length % 2 !== 0) fail('odd number of hex digits');
  if (!HEX_DIGITS.test(text)) fail('not hex');
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

const HEX_BY_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).toUpperCase().padStart(2, '0'),
);

/** Formats bytes as upper-case hex digits without prefix. */
export function formatHexBytes(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_BY_BYTE[bytes[i]!]!;
  return hex;
}

/**
 * Parses a Big Integer from its big-endian two's-complement hex digits (any whole number
 * of bytes, at least one).
 */
export function parseBigIntegerHex(digits: string, fail: Fail): bigint {
  if (digits.length === 0) fail('empty Big Integer');
  if (digits.length % 2 !== 0) fail('odd number of hex digits');
  if (!HEX_DIGITS.test(digits)) fail('not hex');
  return BigInt.asIntN(digits.length * 4, BigInt(`0x${digits}`));
}

/**
 * Formats a Big Integer as the hex digits of its two's complement, padded to a multiple of
 * 8 bytes: the same bytes binary TTLV carries (KMIP 1.0 §9.1.1.4).
 */
export function formatBigIntegerHex(value: bigint): string {
  const magnitude = value < 0n ? ~value : value;
  const bits = magnitude === 0n ? 0 : magnitude.toString(2).length;
  const bytes = Math.floor(bits / 8) + 1;
  const length = bytes + ((8 - (bytes % 8)) % 8);
  return BigInt.asUintN(length * 8, value)
    .toString(16)
    .toUpperCase()
    .padStart(length * 2, '0');
}

/** Parses a Boolean: `true`/`false`, `1`/`0` (xsd:boolean) or a `0x` hex 0 or 1. */
export function parseBooleanText(text: string, fail: Fail): boolean {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  const hex = parseHexNumber(text, 8, fail);
  if (hex === 0n) return false;
  if (hex === 1n) return true;
  return fail('not a Boolean');
}

/** Parses a Date-Time: ISO 8601 whole seconds, or `0x` hex seconds since the epoch. */
export function parseDateTimeText(text: string, fail: Fail): Date {
  const hex = parseHexNumber(text, 8, fail);
  let micros: bigint;
  if (hex !== undefined) {
    micros = BigInt.asIntN(64, hex) * MICROS_PER_SECOND;
  } else {
    const parsed = parseIsoMicros(text);
    if (typeof parsed === 'string') return fail(parsed);
    if (parsed % MICROS_PER_SECOND !== 0n) fail('Date-Time has a fraction of a second');
    micros = parsed;
  }
  if (micros < -MAX_DATE_MICROS || micros > MAX_DATE_MICROS)
    fail('Date-Time outside the Date range');
  return new Date(Number(micros / 1000n));
}

/** Formats a Date-Time as ISO 8601 UTC whole seconds (milliseconds dropped, as TTLV does). */
export function formatDateTime(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return formatIsoMicros(BigInt(seconds) * MICROS_PER_SECOND, false);
}

/** Parses a Date Time Extended: ISO 8601 (up to microseconds) or `0x` hex microseconds. */
export function parseDateTimeExtendedText(text: string, fail: Fail): bigint {
  const hex = parseHexNumber(text, 8, fail);
  if (hex !== undefined) return BigInt.asIntN(64, hex);
  const parsed = parseIsoMicros(text);
  return typeof parsed === 'string' ? fail(parsed) : parsed;
}

/** Formats a Date Time Extended as ISO 8601 UTC with six fraction digits. */
export function formatDateTimeExtended(micros: bigint): string {
  return formatIsoMicros(micros, true);
}
