/**
 * Error classes of src/kmip. Callers branch on `code`, never on the message text.
 * Messages name offsets, tags, type bytes and lengths only: never item values,
 * which may be key material.
 */
import { KeywardenError } from '../errors.ts';

/** The codes a TTLV decode failure carries. */
export type TtlvDecodeErrorCode =
  /** The input ends inside an item (header or value). */
  | 'KW_TTLV_TRUNCATED'
  /** A message is larger than the configured maximum size. */
  | 'KW_TTLV_TOO_LARGE'
  /** The item type byte is not a known TTLV type (or not a Structure where one is required). */
  | 'KW_TTLV_BAD_TYPE'
  /** The length field is invalid for the item type, or runs past the enclosing Structure. */
  | 'KW_TTLV_BAD_LENGTH'
  /** A padding byte is not zero (KMIP 1.0 §9.1.1). */
  | 'KW_TTLV_BAD_PADDING'
  /** The value is not valid for its type (Boolean not 0/1, Date-Time outside the `Date` range). */
  | 'KW_TTLV_BAD_VALUE'
  /** A Text String is not valid UTF-8. */
  | 'KW_TTLV_BAD_UTF8'
  /** The tag is not known to the caller's registry (strict decoding). */
  | 'KW_TTLV_UNKNOWN_TAG'
  /** Structures are nested deeper than the configured maximum. */
  | 'KW_TTLV_TOO_DEEP'
  /** Bytes follow the item where exactly one item was expected. */
  | 'KW_TTLV_TRAILING'
  /** The tag is outside 0x420000–0x42FFFF and 0x540000–0x54FFFF. */
  | 'KW_TTLV_BAD_TAG';

/**
 * A TTLV input could not be decoded. `offset` is the byte offset (from the start of the
 * input, or of the stream for the message reader) of the field at fault: the item start for
 * TRUNCATED, TOO_LARGE, BAD_TAG, UNKNOWN_TAG and TOO_DEEP; the type byte for BAD_TYPE; the
 * length field for BAD_LENGTH; the first non-zero byte for BAD_PADDING; the value for
 * BAD_VALUE and BAD_UTF8; the first extra byte for TRAILING.
 */
export class TtlvDecodeError extends KeywardenError {
  readonly code: TtlvDecodeErrorCode;
  /** Byte offset of the field at fault. */
  readonly offset: number;
  /** Tag of the item at fault, where its header could be read. */
  readonly tag: number | undefined;

  constructor(code: TtlvDecodeErrorCode, offset: number, problem: string, tag?: number) {
    const where = tag === undefined ? '' : ` (tag ${formatTtlvTag(tag)})`;
    super(`TTLV decode failed at offset ${offset}${where}: ${problem}`);
    this.code = code;
    this.offset = offset;
    this.tag = tag;
  }
}

/** An item cannot be encoded as TTLV (value out of range for its type, bad tag, ...). */
export class TtlvEncodeError extends KeywardenError {
  readonly code = 'KW_TTLV_ENCODE' as const;
  /** Tag of the item at fault. */
  readonly tag: number | undefined;

  constructor(problem: string, tag?: number) {
    const where = tag === undefined ? '' : ` (tag ${formatTtlvTag(tag)})`;
    super(`TTLV encode failed${where}: ${problem}`);
    this.tag = tag;
  }
}

/** A hex string given to `hexToBytes` is malformed. */
export class HexFormatError extends KeywardenError {
  readonly code = 'KW_TTLV_BAD_HEX' as const;
  /** Character offset of the problem in the input string. */
  readonly offset: number;

  constructor(offset: number, problem: string) {
    super(`invalid hex at character ${offset}: ${problem}`);
    this.offset = offset;
  }
}

// Local copy of item.ts's formatTag so this file stays free of model imports.
function formatTtlvTag(tag: number): string {
  return Number.isInteger(tag) && tag >= 0
    ? `0x${tag.toString(16).toUpperCase().padStart(6, '0')}`
    : String(tag);
}
