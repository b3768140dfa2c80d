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

/** The codes a KMIP XML encoding failure carries (KMIP XML encoding, KMIP Profiles "XML Profile"). */
export type KmipXmlErrorCode =
  /** Not well-formed XML, or XML the encoding never uses (DOCTYPE, text content, stray attributes). */
  | 'KW_KMIP_XML_MALFORMED'
  /** The input is longer than the configured maximum. */
  | 'KW_KMIP_XML_TOO_LARGE'
  /** Elements are nested deeper than the configured maximum. */
  | 'KW_KMIP_XML_TOO_DEEP'
  /** An element name is neither a known tag name nor `TTLV` with a hex `tag` (or strict decoding refused it). */
  | 'KW_KMIP_XML_UNKNOWN_TAG'
  /** The `type` attribute is not an item type name. */
  | 'KW_KMIP_XML_BAD_TYPE'
  /** A value is missing or invalid for its item type (number, name, hex, date, children). */
  | 'KW_KMIP_XML_BAD_VALUE'
  /** An item tree cannot be written as XML (value of the wrong JS type or range, text XML 1.0 cannot carry). */
  | 'KW_KMIP_XML_ENCODE';

/**
 * A KMIP XML document could not be decoded, or an item tree encoded. Messages name element
 * paths and item types only, never values (which may be key material).
 */
export class KmipXmlError extends KeywardenError {
  readonly code: KmipXmlErrorCode;
  /** Path of the element at fault, e.g. `RequestMessage/BatchItem[2]/Operation`; '' before the first element. */
  readonly path: string;
  /** 1-based line of the fault in the input, where known (decoding only). */
  readonly line: number | undefined;

  constructor(code: KmipXmlErrorCode, path: string, problem: string, line?: number) {
    const where = `${path === '' ? '(document)' : path}${line === undefined ? '' : ` (line ${line})`}`;
    super(
      `KMIP XML ${code === 'KW_KMIP_XML_ENCODE' ? 'encode' : 'decode'} failed at ${where}: ${problem}`,
    );
    this.code = code;
    this.path = path;
    this.line = line;
  }
}

/** The codes a KMIP JSON encoding failure carries (KMIP JSON encoding, KMIP Profiles "JSON Profile"). */
export type KmipJsonErrorCode =
  /** Not JSON, or not the encoding's object shape (`tag`/`type`/`value` members). */
  | 'KW_KMIP_JSON_MALFORMED'
  /** The input is longer than the configured maximum. */
  | 'KW_KMIP_JSON_TOO_LARGE'
  /** Structures are nested deeper than the configured maximum. */
  | 'KW_KMIP_JSON_TOO_DEEP'
  /** A `tag` is neither a known tag name nor a `0x` hex tag (or strict decoding refused it). */
  | 'KW_KMIP_JSON_UNKNOWN_TAG'
  /** The `type` member is not an item type name. */
  | 'KW_KMIP_JSON_BAD_TYPE'
  /** A value is missing or invalid for its item type. */
  | 'KW_KMIP_JSON_BAD_VALUE'
  /** An item tree cannot be written as JSON (value of the wrong JS type or range). */
  | 'KW_KMIP_JSON_ENCODE';

/**
 * A KMIP JSON document could not be decoded, or an item tree encoded. Messages name JSON
 * paths and item types only, never values (which may be key material).
 */
export class KmipJsonError extends KeywardenError {
  readonly code: KmipJsonErrorCode;
  /** JSON Pointer (RFC 6901) of the member at fault, e.g. `/value/1/value/0`; '' for the whole input. */
  readonly path: string;

  constructor(code: KmipJsonErrorCode, path: string, problem: string) {
    super(
      `KMIP JSON ${code === 'KW_KMIP_JSON_ENCODE' ? 'encode' : 'decode'} failed at ${path === '' ? '(root)' : path}: ${problem}`,
    );
    this.code = code;
    this.path = path;
  }
}
