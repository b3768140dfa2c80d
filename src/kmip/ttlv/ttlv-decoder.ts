/**
 * Binary TTLV decoder (KMIP 1.0 §9.1, unchanged through 2.1 except Date Time Extended).
 * Iterative (an explicit Structure stack), so hostile nesting cannot overflow the call stack,
 * and every length is checked against its enclosing bounds before anything is read or allocated.
 * An item header (tag and type, then length) is read as two 32-bit words.
 */
import { TtlvDecodeError } from '../errors.ts';
import type { KmipItem } from '../item.ts';
import { HEX_BY_BYTE, ITEM_HEADER_LENGTH, paddedLength } from './ttlv-format.ts';
import { readText } from './utf8-text.ts';

/** Options of `decodeTtlv`, `decodeTtlvPrefix` and the message reader. */
export interface TtlvDecodeOptions {
  /** Largest accepted top-level item, header included, in bytes (default 1 MiB). */
  readonly maxMessageSize?: number;
  /** Deepest accepted Structure nesting; the top-level Structure is depth 1 (default 32). */
  readonly maxDepth?: number;
  /** Strict decoding: a tag this returns false for is rejected with KW_TTLV_UNKNOWN_TAG. */
  readonly isKnownTag?: (tag: number) => boolean;
  /**
   * Byte Strings of at least SHARED_BYTE_STRING_MIN bytes become views of the input instead
   * of copies (default false). Only for a caller that hands the input over: it must never
   * change or reuse those bytes afterwards, as the server's listener allocates one buffer per
   * message. Smaller Byte Strings are still copies, so an IV or a key never pins a large buffer.
   */
  readonly shareByteStrings?: boolean;
}

/** The result of `decodeTtlvPrefix`: the first item and how many bytes it took. */
export interface TtlvPrefixResult {
  readonly item: KmipItem;
  /** Bytes consumed: the item's header, value and padding. */
  readonly length: number;
}

/** Default `maxMessageSize`: 1 MiB. */
export const DEFAULT_MAX_MESSAGE_SIZE = 1_048_576;
/** Default `maxDepth`. */
export const DEFAULT_MAX_DEPTH = 32;
/** With `shareByteStrings`, Byte Strings at least this long are views of the input. */
export const SHARED_BYTE_STRING_MIN = 4096;

// Date's range is ±8.64e15 ms (ECMA-262 §21.4.1.22), i.e. ±8.64e12 s.
const MAX_DATE_SECONDS = 8.64e12;
const TWO_POW_32 = 4294967296;

/**
 * Decodes exactly one TTLV item that fills `bytes`.
 * @throws {TtlvDecodeError} any KW_TTLV_* decode code; KW_TTLV_TRAILING if bytes follow the item.
 */
export function decodeTtlv(bytes: Uint8Array, options?: TtlvDecodeOptions): KmipItem {
  const { item, length } = decodeTtlvPrefix(bytes, options);
  if (length !== bytes.length) {
    throw new TtlvDecodeError(
      'KW_TTLV_TRAILING',
      length,
      `${bytes.length - length} byte(s) follow the top-level item`,
    );
  }
  return item;
}

/**
 * Decodes the first TTLV item of `bytes`; bytes after it are left alone.
 * Byte String values are copies, never views of `bytes` (unless `shareByteStrings`).
 * @throws {TtlvDecodeError} any KW_TTLV_* decode code except KW_TTLV_TRAILING.
 */
export function decodeTtlvPrefix(bytes: Uint8Array, options?: TtlvDecodeOptions): TtlvPrefixResult {
  const maxMessageSize = options?.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  const maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
  const isKnownTag = options?.isKnownTag;
  // A 1 MiB Encrypt's Data would otherwise be copied once more here (issue #6).
  const shareFrom = options?.shareByteStrings === true ? SHARED_BYTE_STRING_MIN : Infinity;
  // A plain Uint8Array view: Buffer#slice would return views, and values must be plain copies.
  const u8 =
    bytes.constructor === Uint8Array
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);

  // The enclosing Structures' state, four entries a level (children, count, tag, end),
  // innermost last: one array where four would each reserve 17 slots (issue #9).
  // `children === null` means we are at the top level.
  const open: (KmipItem[] | number)[] = [];
  let children: KmipItem[] | null = null;
  // Items in `children` so far (it is allocated at the size countChildren gives).
  let count = 0;
  let structTag = 0;
  let end = u8.length;
  let pos = 0;

  for (;;) {
    if (children !== null && pos === end) {
      // The open Structure is complete: pop it into its parent. (The count ahead is exact for
      // anything that decodes; the check only keeps a miscount from leaving holes.)
      if (count !== children.length) children.length = count;
      const done: KmipItem = { tag: structTag, type: 'Structure', value: children };
      if (open.length === 0) return { item: done, length: pos };
      end = open.pop() as number;
      structTag = open.pop() as number;
      count = open.pop() as number;
      children = open.pop() as KmipItem[];
      children[count++] = done;
      continue;
    }

    const start = pos;
    const isTop = children === null;
    if (end - start < ITEM_HEADER_LENGTH) {
      if (isTop) throw truncated(start, 'input ends inside an item header');
      throw new TtlvDecodeError(
        'KW_TTLV_BAD_LENGTH',
        start,
        `${end - start} byte(s) left in the enclosing Structure, too few for an item header`,
        structTag,
      );
    }
    const word = view.getUint32(start);
    const tagHigh = word >>> 24;
    const tag = word >>> 8;
    // KMIP 1.0 §9.1.3.1: tags are 0x42xxxx (standard) or 0x54xxxx (extensions).
    if (tagHigh !== 0x42 && tagHigh !== 0x54) {
      throw new TtlvDecodeError('KW_TTLV_BAD_TAG', start, 'tag outside 0x42xxxx and 0x54xxxx', tag);
    }
    if (isKnownTag !== undefined && !isKnownTag(tag)) {
      throw new TtlvDecodeError('KW_TTLV_UNKNOWN_TAG', start, 'tag not in the registry', tag);
    }
    const type = word & 0xff;
    const length = view.getUint32(start + 4);
    const v = start + ITEM_HEADER_LENGTH;

    if (type === 0x01) {
      // Structure: its length is the sum of its children's padded sizes.
      // Depth of the open Structure is open.length / 4 + 1; the top-level one is depth 1.
      const depth = isTop ? 1 : open.length / 4 + 2;
      if (depth > maxDepth) {
        throw new TtlvDecodeError(
          'KW_TTLV_TOO_DEEP',
          start,
          `Structures nested deeper than ${maxDepth}`,
          tag,
        );
      }
      checkBounds(start, tag, length, end, isTop, maxMessageSize);
      if (children !== null) {
        open.push(children, count, structTag, end);
      }
      children = new Array<KmipItem>(countChildren(view, v, Math.min(v + length, u8.length)));
      count = 0;
      structTag = tag;
      end = v + length;
      pos = v;
      continue;
    }

    let item: KmipItem;
    switch (type) {
      case 0x02: // Integer
        expectLength(start, tag, length, 4, 'Integer');
        checkBounds(start, tag, 8, end, isTop, maxMessageSize);
        checkPadding(u8, v + 4, v + 8, tag);
        item = { tag, type: 'Integer', value: view.getInt32(v) };
        break;
      case 0x03: // Long Integer
        expectLength(start, tag, length, 8, 'LongInteger');
        checkBounds(start, tag, 8, end, isTop, maxMessageSize);
        item = { tag, type: 'LongInteger', value: view.getBigInt64(v) };
        break;
      case 0x04: // Big Integer: two's complement, a multiple of 8 bytes (KMIP 1.0 §9.1.1.4)
        if (length === 0 || length % 8 !== 0) {
          throw new TtlvDecodeError(
            'KW_TTLV_BAD_LENGTH',
            start + 4,
            `BigInteger length ${length} is not a positive multiple of 8`,
            tag,
          );
        }
        checkBounds(start, tag, length, end, isTop, maxMessageSize);
        item = { tag, type: 'BigInteger', value: readBigInteger(u8, v, length) };
        break;
      case 0x05: // Enumeration
        expectLength(start, tag, length, 4, 'Enumeration');
        checkBounds(start, tag, 8, end, isTop, maxMessageSize);
        checkPadding(u8, v + 4, v + 8, tag);
        item = { tag, type: 'Enumeration', value: view.getUint32(v) };
        break;
      case 0x06: {
        // Boolean: exactly 0 or 1 in 8 bytes (KMIP 1.0 §9.1.1.4)
        expectLength(start, tag, length, 8, 'Boolean');
        checkBounds(start, tag, 8, end, isTop, maxMessageSize);
        const low = view.getUint32(v + 4);
        if (view.getUint32(v) !== 0 || low > 1) {
          throw new TtlvDecodeError('KW_TTLV_BAD_VALUE', v, 'Boolean is neither 0 nor 1', tag);
        }
        item = { tag, type: 'Boolean', value: low === 1 };
        break;
      }
      case 0x07: {
        // Text String: UTF-8, zero-padded to 8 bytes
        const padded = paddedLength(length);
        checkBounds(start, tag, padded, end, isTop, maxMessageSize);
        checkPadding(u8, v + length, v + padded, tag);
        const text = readText(u8, v, length);
        if (text === null) {
          throw new TtlvDecodeError('KW_TTLV_BAD_UTF8', v, 'TextString is not valid UTF-8', tag);
        }
        item = { tag, type: 'TextString', value: text };
        break;
      }
      case 0x08: {
        // Byte String: copied so the caller may reuse or wipe the input buffer, unless the
        // caller handed the buffer over (shareByteStrings) and the value is large.
        const padded = paddedLength(length);
        checkBounds(start, tag, padded, end, isTop, maxMessageSize);
        checkPadding(u8, v + length, v + padded, tag);
        const value = length >= shareFrom ? u8.subarray(v, v + length) : u8.slice(v, v + length);
        item = { tag, type: 'ByteString', value };
        break;
      }
      case 0x09: {
        // Date-Time: signed seconds since the epoch, held as a Date
        expectLength(start, tag, length, 8, 'DateTime');
        checkBounds(start, tag, 8, end, isTop, maxMessageSize);
        const high = view.getInt32(v);
        // Bounding `high` first keeps the sum exact (< 2^44); then check Date's own range.
        const seconds = high * TWO_POW_32 + view.getUint32(v + 4);
        if (
          high > 2048 ||
          high < -2048 ||
          seconds > MAX_DATE_SECONDS ||
          seconds < -MAX_DATE_SECONDS
        ) {
          throw new TtlvDecodeError(
            'KW_TTLV_BAD_VALUE',
            v,
            'DateTime outside the range of Date',
            tag,
          );
        }
        item = { tag, type: 'DateTime', value: new Date(seconds * 1000) };
        break;
      }
      case 0x0a: // Interval
        expectLength(start, tag, length, 4, 'Interval');
        checkBounds(start, tag, 8, end, isTop, maxMessageSize);
        checkPadding(u8, v + 4, v + 8, tag);
        item = { tag, type: 'Interval', value: view.getUint32(v) };
        break;
      case 0x0b: // Date-Time Extended (KMIP 2.0 §9.1.1.4): signed microseconds
        expectLength(start, tag, length, 8, 'DateTimeExtended');
        checkBounds(start, tag, 8, end, isTop, maxMessageSize);
        item = { tag, type: 'DateTimeExtended', value: view.getBigInt64(v) };
        break;
      default:
        throw new TtlvDecodeError(
          'KW_TTLV_BAD_TYPE',
          start + 3,
          `unknown item type 0x${type.toString(16).padStart(2, '0')}`,
          tag,
        );
    }
    // Every primitive's padded size is 8 except Big Integer, Text String and Byte String.
    pos = v + (type === 0x04 ? length : type === 0x07 || type === 0x08 ? paddedLength(length) : 8);
    if (children === null) return { item, length: pos };
    children[count++] = item;
  }
}

/**
 * How many items start back to back in `[from, to)`, up to 64, reading only their headers: a
 * Structure's child array is allocated at its size (an empty array grown by push reserves 17
 * slots, for structures that mostly hold one to four; issue #9). Malformed input only makes
 * the count wrong: the decode that follows checks everything.
 */
function countChildren(view: DataView, from: number, to: number): number {
  let count = 0;
  for (let at = from; at + ITEM_HEADER_LENGTH <= to && count < 64; count++) {
    const length = view.getUint32(at + 4);
    at += ITEM_HEADER_LENGTH + length + ((8 - (length % 8)) % 8);
  }
  return count;
}

function truncated(offset: number, problem: string, tag?: number): TtlvDecodeError {
  return new TtlvDecodeError('KW_TTLV_TRUNCATED', offset, problem, tag);
}

function expectLength(
  start: number,
  tag: number,
  length: number,
  want: number,
  name: string,
): void {
  if (length !== want) {
    throw new TtlvDecodeError(
      'KW_TTLV_BAD_LENGTH',
      start + 4,
      `${name} length ${length}, expected ${want}`,
      tag,
    );
  }
}

/**
 * Checks that a value of `size` bytes (padding included) fits before `end`. At the top level
 * `end` is the input's end (a short input is truncated, and the size limit applies); inside a
 * Structure a child that overruns its parent makes the parent's or the child's length wrong.
 */
function checkBounds(
  start: number,
  tag: number,
  size: number,
  end: number,
  isTop: boolean,
  maxMessageSize: number,
): void {
  const available = end - start - ITEM_HEADER_LENGTH;
  if (size <= available && (!isTop || size + ITEM_HEADER_LENGTH <= maxMessageSize)) return;
  if (!isTop) {
    throw new TtlvDecodeError(
      'KW_TTLV_BAD_LENGTH',
      start + 4,
      `value of ${size} byte(s) runs past the enclosing Structure (${available} left)`,
      tag,
    );
  }
  if (size + ITEM_HEADER_LENGTH > maxMessageSize) {
    throw new TtlvDecodeError(
      'KW_TTLV_TOO_LARGE',
      start,
      `item of ${size + ITEM_HEADER_LENGTH} bytes exceeds the maximum of ${maxMessageSize}`,
      tag,
    );
  }
  throw truncated(start, `item needs ${size} value byte(s), ${available} available`, tag);
}

// KMIP 1.0 §9.1.1: padding bytes SHALL be zero; rejecting others keeps decoding canonical.
function checkPadding(u8: Uint8Array, from: number, to: number, tag: number): void {
  for (let i = from; i < to; i++) {
    if (u8[i] !== 0)
      throw new TtlvDecodeError('KW_TTLV_BAD_PADDING', i, 'non-zero padding byte', tag);
  }
}

function readBigInteger(u8: Uint8Array, from: number, length: number): bigint {
  // Through hex: linear in the length, where shifting a bigint per word would be quadratic.
  let hex = '0x';
  for (let i = from; i < from + length; i++) hex += HEX_BY_BYTE[u8[i]!]!;
  return BigInt.asIntN(length * 8, BigInt(hex));
}
