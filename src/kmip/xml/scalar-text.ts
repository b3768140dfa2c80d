/**
 * One scalar item value ↔ its text in the KMIP XML encoding (KMIP Additional Message
 * Encodings v1.0 §6.1.5); the JSON encoding reuses the parser for its string values.
 */
import type { ItemTypeName, KmipItem } from '../item.ts';
import {
  type Fail,
  formatBigIntegerHex,
  formatDateTime,
  formatDateTimeExtended,
  formatHexBytes,
  parseBigIntegerHex,
  parseBooleanText,
  parseDateTimeExtendedText,
  parseDateTimeText,
  parseHexBytes,
  parseInt64,
  parseUint32,
} from './text-values.ts';
import {
  formatEnumeration,
  formatMask,
  parseEnumerationText,
  parseIntegerText,
  type ValueNames,
} from './value-names.ts';

/** The value of a scalar item (every item type but Structure). */
export type ScalarValue = Exclude<KmipItem, { type: 'Structure' }>['value'];

/**
 * Parses the text of a scalar value of item type `type`. Surrounding whitespace is ignored
 * except in a Text String (xsd `collapse` for the non-string types). A Big Integer may carry
 * a `0x` prefix.
 */
export function parseScalarText(
  type: Exclude<ItemTypeName, 'Structure'>,
  text: string,
  names: ValueNames,
  fail: Fail,
): ScalarValue {
  if (type === 'TextString') return text;
  const t = text.trim();
  switch (type) {
    case 'Integer':
      return parseIntegerText(t, names, fail);
    case 'LongInteger':
      return parseInt64(t, fail);
    case 'BigInteger':
      return parseBigIntegerHex(/^0[xX]/.test(t) ? t.slice(2) : t, fail);
    case 'Enumeration':
      return parseEnumerationText(t, names, fail);
    case 'Boolean':
      return parseBooleanText(t, fail);
    case 'ByteString':
      return parseHexBytes(t, fail);
    case 'DateTime':
      return parseDateTimeText(t, fail);
    case 'Interval':
      return parseUint32(t, fail);
    case 'DateTimeExtended':
      return parseDateTimeExtendedText(t, fail);
  }
}

/**
 * The XML text of a scalar item's value: masks as space-separated names, Big Integers and
 * Byte Strings as bare hex. The item must have passed `checkItem`.
 */
export function formatScalarText(
  item: Exclude<KmipItem, { type: 'Structure' }>,
  names: ValueNames,
): string {
  switch (item.type) {
    case 'Integer':
      return formatMask(item.value, names, ' ') ?? String(item.value);
    case 'LongInteger':
    case 'Interval':
      return String(item.value);
    case 'BigInteger':
      return formatBigIntegerHex(item.value);
    case 'Enumeration':
      return formatEnumeration(item.value, names);
    case 'Boolean':
      return item.value ? 'true' : 'false';
    case 'TextString':
      return item.value;
    case 'ByteString':
      return formatHexBytes(item.value);
    case 'DateTime':
      return formatDateTime(item.value);
    case 'DateTimeExtended':
      return formatDateTimeExtended(item.value);
  }
}
