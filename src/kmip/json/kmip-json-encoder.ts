/**
 * Item tree → KMIP JSON (KMIP Additional Message Encodings v1.0 §4.1.6 "JSON Object"):
 * `{"tag": …, "type": …, "value": …}` per item, `type` omitted for a Structure, whose value
 * is an array of such objects.
 */
import { KmipJsonError } from '../errors.ts';
import { Tag } from '../generated/registry.ts';
import { formatTag, type ItemTypeName, type KmipItem } from '../item.ts';
import { MAX_ENCODE_DEPTH } from '../ttlv/index.ts';
import { checkItem, isValidTag } from '../xml/item-checks.ts';
import { tagNameOf } from '../xml/tag-text.ts';
import {
  type Fail,
  formatBigIntegerHex,
  formatDateTime,
  formatDateTimeExtended,
  formatHex64,
  formatHexBytes,
} from '../xml/text-values.ts';
import {
  attributeTagOf,
  formatEnumeration,
  formatMask,
  valueNamesFor,
} from '../xml/value-names.ts';

/** One item in the KMIP JSON encoding. */
export interface KmipJsonNode {
  /** Normalized tag name, or `0x` and six hex digits for an unknown or extension tag. */
  readonly tag: string;
  /** Item type name; absent for a Structure. */
  readonly type?: Exclude<ItemTypeName, 'Structure'>;
  /** The value: children for a Structure; a number, string or boolean otherwise. */
  readonly value: string | number | boolean | readonly KmipJsonNode[];
}

/** Options of `encodeKmipJson`. */
export interface KmipJsonEncodeOptions {
  /** Pretty-print with two-space indentation (default false). */
  readonly indent?: boolean;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Encodes an item tree as KMIP JSON text.
 * @throws {KmipJsonError} KW_KMIP_JSON_ENCODE for a bad tag, an unknown type, a value of
 *   the wrong JS type or range, or nesting beyond 512 Structures.
 */
export function encodeKmipJson(item: KmipItem, options?: KmipJsonEncodeOptions): string {
  return JSON.stringify(encodeKmipJsonObject(item), null, options?.indent === true ? 2 : undefined);
}

/**
 * Encodes an item tree as KMIP JSON objects (what `JSON.parse` of `encodeKmipJson` gives).
 * @throws {KmipJsonError} KW_KMIP_JSON_ENCODE as `encodeKmipJson` does.
 */
export function encodeKmipJsonObject(item: KmipItem): KmipJsonNode {
  return toNode(item, 1, undefined, '');
}

function toNode(
  item: KmipItem,
  depth: number,
  attributeTag: number | undefined,
  parentPath: string,
): KmipJsonNode {
  const tag: unknown = (item as Partial<KmipItem> | null)?.tag;
  const name = typeof tag === 'number' ? tagNameOf(tag) : undefined;
  const tagText = name ?? (isValidTag(tag) ? formatTag(tag) : '?');
  const fail: Fail = (problem) => {
    throw new KmipJsonError('KW_KMIP_JSON_ENCODE', `${parentPath}/${tagText}`, problem);
  };
  checkItem(item, fail);
  if (item.type === 'Structure') {
    if (depth > MAX_ENCODE_DEPTH) fail(`Structures nested deeper than ${MAX_ENCODE_DEPTH}`);
    const children: KmipJsonNode[] = [];
    // KMIP 1.x §2.1.1: an Attribute Value's enumeration or mask follows its Attribute Name.
    let siblingAttributeTag: number | undefined;
    for (const child of item.value) {
      children.push(toNode(child, depth + 1, siblingAttributeTag, `${parentPath}/${tagText}`));
      if (child.tag === Tag.AttributeName && child.type === 'TextString') {
        siblingAttributeTag = attributeTagOf(child.value);
      }
    }
    return { tag: tagText, value: children };
  }
  const names = valueNamesFor(item.tag, item.type, attributeTag);
  let value: string | number | boolean;
  switch (item.type) {
    case 'Integer':
      // "Special case for Masks": names joined by `|`, leftover bits as hex.
      value = formatMask(item.value, names, '|') ?? item.value;
      break;
    case 'LongInteger':
      // A JSON number is a double: beyond 2^53 it would lose digits, so use hex.
      value =
        item.value >= -MAX_SAFE && item.value <= MAX_SAFE
          ? Number(item.value)
          : formatHex64(item.value);
      break;
    case 'BigInteger':
      value = `0x${formatBigIntegerHex(item.value)}`;
      break;
    case 'Enumeration':
      value = formatEnumeration(item.value, names);
      break;
    case 'ByteString':
      value = formatHexBytes(item.value);
      break;
    case 'DateTime':
      value = formatDateTime(item.value);
      break;
    case 'DateTimeExtended':
      value = formatDateTimeExtended(item.value);
      break;
    case 'Boolean':
    case 'TextString':
    case 'Interval':
      value = item.value;
      break;
  }
  return { tag: tagText, type: item.type, value };
}
