/**
 * Binary TTLV encoder (KMIP 1.0 §9.1). One walk over the tree validates each item and writes
 * it into a reused scratch buffer (scratch-writer.ts), back-patching Structure lengths once
 * their children are written; the result is then copied out at its exact size (a large one
 * into a reused buffer, output-pool.ts: see `releaseEncoded`). Measuring
 * first would cost a second pass over every Text String, the bulk of a Locate response.
 * The scratch is zeroed between uses, so padding needs no writes.
 */
import { TtlvEncodeError } from '../errors.ts';
import type { KmipItem } from '../item.ts';
import { ItemType } from '../item.ts';
import { acquireWriter, DIRECT_COPY_MIN, releaseWriter } from './scratch-writer.ts';
import type { ScratchWriter } from './scratch-writer.ts';
import { isValidTag, ITEM_HEADER_LENGTH, MAX_LENGTH_FIELD, paddedLength } from './ttlv-format.ts';
import { utf8Length, writeText } from './utf8-text.ts';

/**
 * Deepest Structure nesting the encoder accepts. Far beyond any KMIP message; it turns a
 * cyclic tree into an error instead of a stack overflow.
 */
export const MAX_ENCODE_DEPTH = 512;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;
const TWO_POW_32 = 4294967296;
/** Text Strings whose worst-case size exceeds this are measured before being written. */
const TEXT_RESERVE_MAX = 64 * 1024;

/**
 * Encodes an item tree as binary TTLV. A DateTime's milliseconds are dropped (the wire holds
 * whole seconds, rounded down).
 * @throws {TtlvEncodeError} KW_TTLV_ENCODE for a bad tag, an unknown type, a value of the
 *   wrong JS type or out of range for its item type, or nesting beyond MAX_ENCODE_DEPTH.
 */
export function encodeTtlv(item: KmipItem): Uint8Array {
  const writer = acquireWriter();
  let failed = true;
  try {
    writeItem(writer, item, 1);
    const out = writer.copyOut();
    failed = false;
    return out;
  } finally {
    releaseWriter(writer, failed);
  }
}

/**
 * The number of bytes `encodeTtlv(item)` produces, header and padding included.
 * @throws {TtlvEncodeError} KW_TTLV_ENCODE as `encodeTtlv` does.
 */
export function encodedLength(item: KmipItem): number {
  // The same walk as encodeTtlv, so both validate exactly alike; nothing is copied out.
  const writer = acquireWriter();
  let failed = true;
  try {
    writeItem(writer, item, 1);
    failed = false;
    return writer.pos;
  } finally {
    releaseWriter(writer, failed);
  }
}

/** Validates `item` and writes it at `writer.pos`, advancing it past the item. */
function writeItem(writer: ScratchWriter, item: KmipItem, depth: number): void {
  const tag = item.tag;
  if (!isValidTag(tag)) throw new TtlvEncodeError('tag outside 0x42xxxx and 0x54xxxx', tag);
  const value: unknown = item.value;
  // `v` is the value's offset in the output, `at` the item's offset in the writer's buffer.
  const v = writer.pos + ITEM_HEADER_LENGTH;
  const at = writer.pos - writer.skipped;
  // Each case validates, reserves room, then writes the header and the value.
  switch (item.type) {
    case 'Structure': {
      if (depth > MAX_ENCODE_DEPTH) {
        throw new TtlvEncodeError(`Structures nested deeper than ${MAX_ENCODE_DEPTH}`, tag);
      }
      if (!Array.isArray(value)) throw wrongType(item, 'an array');
      writer.reserve(ITEM_HEADER_LENGTH);
      writer.pos = v;
      const children = value as readonly KmipItem[];
      for (let i = 0; i < children.length; i++) writeItem(writer, children[i]!, depth + 1);
      const size = writer.pos - v;
      if (size > MAX_LENGTH_FIELD)
        throw new TtlvEncodeError('Structure longer than 2^32-1 bytes', tag);
      // Written last, and through `writer.view`: the children may have grown the buffer.
      writeHeader(writer.view, at, tag, ItemType.Structure, size);
      return;
    }
    case 'Integer':
      if (!isIntegerIn(value, INT32_MIN, INT32_MAX))
        throw outOfRange(item, 'a 32-bit signed integer');
      writer.reserve(16);
      writeHeader(writer.view, at, tag, ItemType.Integer, 4);
      writer.view.setInt32(at + 8, value as number);
      writer.pos = v + 8;
      return;
    case 'Enumeration':
    case 'Interval': {
      if (!isIntegerIn(value, 0, UINT32_MAX)) throw outOfRange(item, 'a 32-bit unsigned integer');
      const type = item.type === 'Enumeration' ? ItemType.Enumeration : ItemType.Interval;
      writer.reserve(16);
      writeHeader(writer.view, at, tag, type, 4);
      writer.view.setUint32(at + 8, value as number);
      writer.pos = v + 8;
      return;
    }
    case 'LongInteger':
    case 'DateTimeExtended': {
      if (typeof value !== 'bigint') throw wrongType(item, 'a bigint');
      if (BigInt.asIntN(64, value) !== value) throw outOfRange(item, 'a 64-bit signed integer');
      const type = item.type === 'LongInteger' ? ItemType.LongInteger : ItemType.DateTimeExtended;
      writer.reserve(16);
      writeHeader(writer.view, at, tag, type, 8);
      writer.view.setBigInt64(at + 8, value);
      writer.pos = v + 8;
      return;
    }
    case 'BigInteger': {
      if (typeof value !== 'bigint') throw wrongType(item, 'a bigint');
      const length = bigIntegerLength(value);
      writer.reserve(ITEM_HEADER_LENGTH + length);
      writeHeader(writer.view, at, tag, ItemType.BigInteger, length);
      writeBigInteger(value, length, writer.buf, at + 8);
      writer.pos = v + length;
      return;
    }
    case 'Boolean':
      if (typeof value !== 'boolean') throw wrongType(item, 'a boolean');
      writer.reserve(16);
      writeHeader(writer.view, at, tag, ItemType.Boolean, 8);
      writer.view.setUint32(at + 12, value ? 1 : 0); // the low half of a 64-bit 0 or 1
      writer.pos = v + 8;
      return;
    case 'TextString': {
      if (typeof value !== 'string') throw wrongType(item, 'a string');
      // Room for the worst case, 3 bytes per UTF-16 unit; a long text is measured instead,
      // so the buffer does not grow to three times its size.
      let room = value.length * 3;
      if (room > TEXT_RESERVE_MAX) {
        room = utf8Length(value);
        if (room < 0) throw loneSurrogate(tag);
      }
      writer.reserve(ITEM_HEADER_LENGTH + paddedLength(room));
      const length = writeText(value, writer.buf, at + 8);
      // A lone surrogate would silently become U+FFFD: refuse rather than change the text.
      if (length < 0) throw loneSurrogate(tag);
      if (length > MAX_LENGTH_FIELD)
        throw new TtlvEncodeError('TextString longer than 2^32-1 bytes', tag);
      writeHeader(writer.view, at, tag, ItemType.TextString, length);
      writer.pos = v + paddedLength(length);
      return;
    }
    case 'ByteString': {
      if (!(value instanceof Uint8Array)) throw wrongType(item, 'a Uint8Array');
      const length = value.length;
      if (length > MAX_LENGTH_FIELD)
        throw new TtlvEncodeError('ByteString longer than 2^32-1 bytes', tag);
      const padded = paddedLength(length);
      if (length >= DIRECT_COPY_MIN) {
        writer.reserve(ITEM_HEADER_LENGTH);
        writeHeader(writer.view, at, tag, ItemType.ByteString, length);
        writer.pos = v;
        writer.placeDirect(value, length, padded);
        return;
      }
      writer.reserve(ITEM_HEADER_LENGTH + padded);
      writeHeader(writer.view, at, tag, ItemType.ByteString, length);
      writer.buf.set(value, at + 8);
      writer.pos = v + padded;
      return;
    }
    case 'DateTime': {
      if (!(value instanceof Date)) throw wrongType(item, 'a Date');
      const ms = value.getTime();
      if (Number.isNaN(ms)) throw outOfRange(item, 'a valid Date');
      // Whole seconds, rounded down, as a signed 64-bit number in two 32-bit halves.
      const seconds = Math.floor(ms / 1000);
      const high = Math.floor(seconds / TWO_POW_32);
      writer.reserve(16);
      const view = writer.view;
      writeHeader(view, at, tag, ItemType.DateTime, 8);
      view.setInt32(at + 8, high);
      view.setUint32(at + 12, seconds - high * TWO_POW_32);
      writer.pos = v + 8;
      return;
    }
    default:
      throw new TtlvEncodeError(
        `unknown item type ${JSON.stringify((item as { type: unknown }).type)}`,
        tag,
      );
  }
}

/** Writes an item header at buffer offset `at`: tag and type as one 32-bit word, then length. */
function writeHeader(view: DataView, at: number, tag: number, type: number, length: number): void {
  view.setUint32(at, (tag << 8) | type); // a valid tag is < 2^23, so this stays positive
  view.setUint32(at + 4, length);
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

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function loneSurrogate(tag: number): TtlvEncodeError {
  return new TtlvEncodeError('TextString has a lone surrogate', tag);
}

function wrongType(item: KmipItem, expected: string): TtlvEncodeError {
  return new TtlvEncodeError(`${item.type} value must be ${expected}`, item.tag);
}

function outOfRange(item: KmipItem, expected: string): TtlvEncodeError {
  return new TtlvEncodeError(`${item.type} value is not ${expected}`, item.tag);
}
