/**
 * KMIP JSON → item tree (KMIP Additional Message Encodings v1.0 §4.1, carried into the
 * KMIP Profiles "JSON Profile"). Numbers may be JSON numbers or `0x` hex strings; a JSON
 * number that is not an exact integer in range is refused rather than rounded.
 */
import { KmipJsonError, type KmipJsonErrorCode } from '../errors.ts';
import { Tag } from '../generated/registry.ts';
import type { ItemTypeName, KmipItem } from '../item.ts';
import { parseScalarText, type ScalarValue } from '../xml/scalar-text.ts';
import { parseItemTypeName, parseTagText } from '../xml/tag-text.ts';
import { type Fail, parseBigIntegerHex } from '../xml/text-values.ts';
import { attributeTagOf, type ValueNames, valueNamesFor } from '../xml/value-names.ts';

/** Options of `decodeKmipJson`. */
export interface KmipJsonDecodeOptions {
  /** Longest accepted JSON text in characters (default 4 MiB); not applied to parsed input. */
  readonly maxLength?: number;
  /** Most items accepted (default 65,536). */
  readonly maxItems?: number;
  /** Deepest accepted Structure nesting; a top-level Structure is depth 1 (default 32). */
  readonly maxDepth?: number;
  /** Strict decoding: a tag this returns false for is rejected with KW_KMIP_JSON_UNKNOWN_TAG. */
  readonly isKnownTag?: (tag: number) => boolean;
}

/** Default `maxLength`: 4 MiB of characters, room for a 1 MiB TTLV message in hex. */
export const DEFAULT_MAX_JSON_LENGTH = 4 * 1024 * 1024;
/** Default `maxItems`: as many as 1 MiB of TTLV can hold (16 bytes an item). */
export const DEFAULT_MAX_JSON_ITEMS = 65_536;
/** Default `maxDepth`, the same as the TTLV decoder's. */
export const DEFAULT_MAX_JSON_DEPTH = 32;

const MEMBERS: ReadonlySet<string> = new Set(['tag', 'type', 'value']);
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;

interface DecodeContext {
  readonly maxDepth: number;
  readonly maxItems: number;
  /** Items decoded so far. */
  itemCount: number;
  readonly isKnownTag: ((tag: number) => boolean) | undefined;
}

/**
 * Decodes one KMIP item from KMIP JSON: text, or a value `JSON.parse` already produced.
 * @throws {KmipJsonError} any KW_KMIP_JSON_* decode code.
 */
export function decodeKmipJson(input: unknown, options?: KmipJsonDecodeOptions): KmipItem {
  let root: unknown = input;
  if (typeof input === 'string') {
    const maxLength = options?.maxLength ?? DEFAULT_MAX_JSON_LENGTH;
    if (input.length > maxLength) {
      throw new KmipJsonError(
        'KW_KMIP_JSON_TOO_LARGE',
        '',
        `input longer than ${maxLength} characters`,
      );
    }
    try {
      root = JSON.parse(input);
    } catch {
      // V8's JSON.parse is iterative, so deep input fails here as a SyntaxError at worst.
      throw new KmipJsonError('KW_KMIP_JSON_MALFORMED', '', 'not JSON');
    }
  }
  const context: DecodeContext = {
    maxDepth: options?.maxDepth ?? DEFAULT_MAX_JSON_DEPTH,
    maxItems: options?.maxItems ?? DEFAULT_MAX_JSON_ITEMS,
    itemCount: 0,
    isKnownTag: options?.isKnownTag,
  };
  return decodeNode(root, '', 1, undefined, context);
}

function decodeNode(
  node: unknown,
  path: string,
  depth: number,
  attributeTag: number | undefined,
  context: DecodeContext,
): KmipItem {
  const error = (code: KmipJsonErrorCode, at: string, problem: string): never => {
    throw new KmipJsonError(code, `${path}${at}`, problem);
  };
  if (++context.itemCount > context.maxItems) {
    error('KW_KMIP_JSON_TOO_LARGE', '', `more than ${context.maxItems} items`);
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return error('KW_KMIP_JSON_MALFORMED', '', 'an item must be a JSON object');
  }
  for (const key of Object.keys(node)) {
    if (!MEMBERS.has(key)) error('KW_KMIP_JSON_MALFORMED', '', 'unexpected member');
  }
  const { tag: tagText, type: typeText, value } = node as Record<string, unknown>;
  const tag = typeof tagText === 'string' ? parseTagText(tagText) : undefined;
  if (tag === undefined) return error('KW_KMIP_JSON_UNKNOWN_TAG', '/tag', 'unknown or missing tag');
  if (context.isKnownTag !== undefined && !context.isKnownTag(tag)) {
    error('KW_KMIP_JSON_UNKNOWN_TAG', '/tag', 'tag refused by strict decoding');
  }
  const type =
    typeText === undefined
      ? 'Structure'
      : typeof typeText === 'string'
        ? parseItemTypeName(typeText)
        : undefined;
  if (type === undefined) return error('KW_KMIP_JSON_BAD_TYPE', '/type', 'unknown item type');

  if (type === 'Structure') {
    if (!Array.isArray(value))
      return error('KW_KMIP_JSON_BAD_VALUE', '/value', 'Structure value is not an array');
    if (depth > context.maxDepth) {
      error('KW_KMIP_JSON_TOO_DEEP', '', `Structures nested deeper than ${context.maxDepth}`);
    }
    const children: KmipItem[] = [];
    // KMIP 1.x §2.1.1: an Attribute Value's enumeration or mask follows its Attribute Name.
    let siblingAttributeTag: number | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = decodeNode(
        value[i],
        `${path}/value/${i}`,
        depth + 1,
        siblingAttributeTag,
        context,
      );
      if (child.tag === Tag.AttributeName && child.type === 'TextString') {
        siblingAttributeTag = attributeTagOf(child.value);
      }
      children.push(child);
    }
    return { tag, type, value: children };
  }
  const fail: Fail = (problem) =>
    error('KW_KMIP_JSON_BAD_VALUE', '/value', `bad ${type}: ${problem}`);
  const names = valueNamesFor(tag, type, attributeTag);
  return { tag, type, value: decodeScalar(type, value, names, fail) } as KmipItem;
}

function decodeScalar(
  type: Exclude<ItemTypeName, 'Structure'>,
  value: unknown,
  names: ValueNames,
  fail: Fail,
): ScalarValue {
  if (typeof value === 'number') {
    const range = NUMBER_RANGES[type];
    if (range === undefined) return fail('a JSON number is not allowed');
    if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
      return fail('number not an integer in range');
    }
    // `+ 0` turns -0 into 0: the binary encoding has no negative zero.
    const n = value + 0;
    return type === 'LongInteger' || type === 'BigInteger' ? BigInt(n) : n;
  }
  if (typeof value === 'boolean') {
    return type === 'Boolean' ? value : fail('a JSON boolean is not allowed');
  }
  if (typeof value !== 'string') return fail('value missing or not a string, number or boolean');
  if (type === 'TextString' && !value.isWellFormed()) return fail('lone UTF-16 surrogate');
  if (type === 'BigInteger') {
    // JSON Big Integers are `0x` hex strings; bare digits would read as decimal to a person.
    const t = value.trim();
    if (!/^0[xX]/.test(t)) return fail('hex string without 0x');
    return parseBigIntegerHex(t.slice(2), fail);
  }
  return parseScalarText(type, value, names, fail);
}

// Item types that may be JSON numbers, and the range of exact integers each accepts.
const NUMBER_RANGES: Partial<Record<ItemTypeName, readonly [number, number]>> = {
  Integer: [INT32_MIN, INT32_MAX],
  Enumeration: [0, UINT32_MAX],
  Interval: [0, UINT32_MAX],
  LongInteger: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  BigInteger: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
