/**
 * Binary TTLV encoder (KMIP 1.0 §9.1). Two walks over the tree: the first validates every
 * value and sums the exact size, the second writes into one buffer of that size. Structure
 * lengths are back-patched once their children are written, so no sizes need storing.
 */
import { TtlvEncodeError } from '../errors.ts';
import type { KmipItem } from '../item.ts';
import { ItemType } from '../item.ts';
import { isValidTag, ITEM_HEADER_LENGTH, MAX_LENGTH_FIELD, paddedLength } from './ttlv-format.ts';

/**
 * Deepest Structure nesting the encoder accepts. Far beyond any KMIP message; it turns a
 * cyclic tree into an error instead of a stack overflow.
 */
export const MAX_ENCODE_DEPTH = 512;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;
const TWO_POW_32 = 4294967296;
const utf8Encoder = new TextEncoder();

/**
 * Encodes an item tree as binary TTLV. A DateTime's milliseconds are dropped (the wire holds
 * whole seconds, rounded down).
 * @throws {TtlvEncodeError} KW_TTLV_ENCODE for a bad tag, an unknown type, a value of the
 *   wrong JS type or out of range for its item type, or nesting beyond MAX_ENCODE_DEPTH.
 */
export function encodeTtlv(item: KmipItem): Uint8Array {
  const size = measure(item, 1);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  write(item, out, view, 0);
  return out;
}

/**
 * The number of bytes `encodeTtlv(item)` produces, header and padding included.
 * @throws {TtlvEncodeError} KW_TTLV_ENCODE as `encodeTtlv` does.
 */
export function encodedLength(item: KmipItem): number {
  return measure(item, 1);
}

/** Validates `item` and returns its encoded size. */
function measure(item: KmipItem, depth: number): number {
  const tag = item.tag;
  if (!isValidTag(tag)) throw new TtlvEncodeError('tag outside 0x42xxxx and 0x54xxxx', tag);
  const value: unknown = item.value;
  switch (item.type) {
    case 'Structure': {
      if (depth > MAX_ENCODE_DEPTH) {
        throw new TtlvEncodeError(`Structures nested deeper than ${MAX_ENCODE_DEPTH}`, tag);
      }
      if (!Array.isArray(value)) throw wrongType(item, 'an array');
      let size = 0;
      for (const child of value as readonly KmipItem[]) size += measure(child, depth + 1);
      if (size > MAX_LENGTH_FIELD)
        throw new TtlvEncodeError('Structure longer than 2^32-1 bytes', tag);
      return ITEM_HEADER_LENGTH + size;
    }
    case 'Integer':
      if (!isIntegerIn(value, INT32_MIN, INT32_MAX))
        throw outOfRange(item, 'a 32-bit signed integer');
      return 16;
    case 'Enumeration':
    case 'Interval':
      if (!isIntegerIn(value, 0, UINT32_MAX)) throw outOfRange(item, 'a 32-bit unsigned integer');
      return 16;
    case 'LongInteger':
    case 'DateTimeExtended':
      if (typeof value !== 'bigint') throw wrongType(item, 'a bigint');
      if (BigInt.asIntN(64, value) !== value) throw outOfRange(item, 'a 64-bit signed integer');
      return 16;
    case 'BigInteger':
      if (typeof value !== 'bigint') throw wrongType(item, 'a bigint');
      return ITEM_HEADER_LENGTH + bigIntegerLength(value);
    case 'Boolean':
      if (typeof value !== 'boolean') throw wrongType(item, 'a boolean');
      return 16;
    case 'TextString': {
      if (typeof value !== 'string') throw wrongType(item, 'a string');
      // A lone surrogate would silently become U+FFFD: refuse rather than change the text.
      if (!value.isWellFormed()) throw new TtlvEncodeError('TextString has a lone surrogate', tag);
      const length = utf8Length(value);
      if (length > MAX_LENGTH_FIELD)
        throw new TtlvEncodeError('TextString longer than 2^32-1 bytes', tag);
      return ITEM_HEADER_LENGTH + paddedLength(length);
    }
    case 'ByteString':
      if (!(value instanceof Uint8Array)) throw wrongType(item, 'a Uint8Array');
      if (value.length > MAX_LENGTH_FIELD)
        throw new TtlvEncodeError('ByteString longer than 2^32-1 bytes', tag);
      return ITEM_HEADER_LENGTH + paddedLength(value.length);
    case 'DateTime':
      if (!(value instanceof Date)) throw wrongType(item, 'a Date');
      if (Number.isNaN(value.getTime())) throw outOfRange(item, 'a valid Date');
      return 16;
    default:
      throw new TtlvEncodeError(
        `unknown item type ${JSON.stringify((item as { type: unknown }).type)}`,
        tag,
      );
  }
}

/** Writes an item measured valid by `measure` at `pos`; returns the position after it. */
function write(item: KmipItem, out: Uint8Array, view: DataView, pos: number): number {
  const tag = item.tag;
  out[pos] = tag >>> 16;
  out[pos + 1] = (tag >>> 8) & 0xff;
  out[pos + 2] = tag & 0xff;
  out[pos + 3] = ItemType[item.type];
  const v = pos + ITEM_HEADER_LENGTH;
  // The buffer starts zeroed, so padding needs no writes.
  switch (item.type) {
    case 'Structure': {
      let p = v;
      for (const child of item.value) p = write(child, out, view, p);
      view.setUint32(pos + 4, p - v);
      return p;
    }
    case 'Integer':
      view.setUint32(pos + 4, 4);
      view.setInt32(v, item.value);
      return v + 8;
    case 'Enumeration':
    case 'Interval':
      view.setUint32(pos + 4, 4);
      view.setUint32(v, item.value);
      return v + 8;
    case 'LongInteger':
    case 'DateTimeExtended':
      view.setUint32(pos + 4, 8);
      view.setBigInt64(v, item.value);
      return v + 8;
    case 'BigInteger': {
      const length = bigIntegerLength(item.value);
      view.setUint32(pos + 4, length);
      writeBigInteger(item.value, length, out, v);
      return v + length;
    }
    case 'Boolean':
      view.setUint32(pos + 4, 8);
      out[v + 7] = item.value ? 1 : 0;
      return v + 8;
    case 'TextString': {
      const length = writeUtf8(item.value, out, v);
      view.setUint32(pos + 4, length);
      return v + paddedLength(length);
    }
    case 'ByteString':
      view.setUint32(pos + 4, item.value.length);
      out.set(item.value, v);
      return v + paddedLength(item.value.length);
    case 'DateTime': {
      const seconds = Math.floor(item.value.getTime() / 1000);
      const high = Math.floor(seconds / TWO_POW_32);
      view.setUint32(pos + 4, 8);
      view.setInt32(v, high);
      view.setUint32(v + 4, seconds - high * TWO_POW_32);
      return v + 8;
    }
  }
}

/**
 * KMIP 1.0 §9.1.1.4: a Big Integer is two's complement, big-endian, padded with the minimal
 * number of leading sign-extended bytes to a multiple of 8 bytes.
 */
function bigIntegerLength(value: bigint): number {
  // Bits of the magnitude without the sign bit: for a negative n, those of ~n = -n-1.
  const magnitude = value < 0n ? ~value : value;
  const bits = magnitude === 0n ? 0 : magnitude.toString(2).length;
  return paddedLength(Math.floor(bits / 8) + 1);
}

function writeBigInteger(value: bigint, length: number, out: Uint8Array, at: number): void {
  // Through hex: linear in the length, where shifting a bigint per word would be quadratic.
  const hex = BigInt.asUintN(length * 8, value)
    .toString(16)
    .padStart(length * 2, '0');
  for (let i = 0; i < length; i++) out[at + i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
}

/** UTF-8 byte length of a well-formed string, without encoding it. */
function utf8Length(s: string): number {
  let length = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) length += 1;
    else {
      // 3 bytes for one UTF-16 unit, 4 for a surrogate pair (2 units): both add 2.
      length += 2;
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
  }
  return length;
}

function writeUtf8(s: string, out: Uint8Array, at: number): number {
  // Short ASCII strings are the common case; skip the native call for them.
  if (s.length <= 64) {
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      out[at + i] = c;
    }
    if (i === s.length) return i;
  }
  return utf8Encoder.encodeInto(s, out.subarray(at)).written;
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function wrongType(item: KmipItem, expected: string): TtlvEncodeError {
  return new TtlvEncodeError(`${item.type} value must be ${expected}`, item.tag);
}

function outOfRange(item: KmipItem, expected: string): TtlvEncodeError {
  return new TtlvEncodeError(`${item.type} value is not ${expected}`, item.tag);
}
