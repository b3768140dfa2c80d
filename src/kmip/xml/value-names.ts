/**
 * Names of Enumeration and mask values in the KMIP text encodings, shared by XML and JSON
 * (KMIP Additional Message Encodings v1.0 §4.1.5/§6.1.5: "Enumeration", "Integer — Special
 * case for Masks"). Which names apply depends on the tag and, for a KMIP 1.x Attribute
 * Value, on the sibling Attribute Name; unknown values print as `0x` hex so vendor
 * extensions (0x8XXXXXXX) round-trip.
 */
import { Tag } from '../generated/registry.ts';
import type { ItemTypeName } from '../item.ts';
import type { ValueSetEntry } from '../registry-types.ts';
import {
  enumerationOfTag,
  enumValueByName,
  enumValueEntry,
  maskBitByName,
  maskOfTag,
  splitMask,
  tagEntry,
  tagEntryByAttributeName,
  tagEntryByName,
} from '../registry.ts';
import { type Fail, formatHex32, parseHexNumber, parseInt32, parseUint32 } from './text-values.ts';

/** Where the names of an Enumeration or a mask Integer come from; undefined = none. */
export type ValueNames =
  | { readonly kind: 'enumeration'; readonly set: ValueSetEntry }
  | { readonly kind: 'mask'; readonly set: ValueSetEntry }
  /** KMIP 2.x Tag and Attribute Reference: the value is a tag, named by the tag table. */
  | { readonly kind: 'tag' }
  | undefined;

const TAG_NAMES: ValueNames = { kind: 'tag' };
// Masks accept names and hex parts separated by spaces (XML) or `|` (JSON); we take both.
const MASK_SEPARATORS = /[\s|]+/;

/**
 * The tag a KMIP 1.x Attribute Name designates (`Cryptographic Usage Mask` → 0x42002C), or
 * undefined for custom (`x-`, `y-`) and unknown names. Runs of whitespace count as one space:
 * some published test cases spell `Cryptographic   Usage Mask`.
 */
export function attributeTagOf(attributeName: string): number | undefined {
  return tagEntryByAttributeName(attributeName.trim().replace(/\s+/g, ' '))?.tag;
}

/**
 * The names for the value of an item. `attributeTag` is the tag designated by the sibling
 * Attribute Name, which types a KMIP 1.x Attribute Value.
 */
export function valueNamesFor(
  tag: number,
  type: ItemTypeName,
  attributeTag: number | undefined,
): ValueNames {
  const named = tag === Tag.AttributeValue && attributeTag !== undefined ? attributeTag : tag;
  if (type === 'Enumeration') {
    if (named === Tag.Tag || named === Tag.AttributeReference) return TAG_NAMES;
    const set = enumerationOfTag(named);
    return set === undefined ? undefined : { kind: 'enumeration', set };
  }
  if (type === 'Integer') {
    const set = maskOfTag(named);
    return set === undefined ? undefined : { kind: 'mask', set };
  }
  return undefined;
}

/** Formats an Enumeration value: its normalized name, else `0x` and eight hex digits. */
export function formatEnumeration(value: number, names: ValueNames): string {
  let name: string | undefined;
  if (names?.kind === 'tag') name = tagEntry(value)?.name;
  else if (names?.kind === 'enumeration') name = enumValueEntry(names.set.name, value)?.name;
  return name ?? formatHex32(value);
}

/** Parses an Enumeration value: a name (or alias), `0x` hex or an unsigned decimal. */
export function parseEnumerationText(text: string, names: ValueNames, fail: Fail): number {
  let value: number | undefined;
  if (names?.kind === 'tag') value = tagEntryByName(text)?.tag;
  else if (names?.kind === 'enumeration') value = enumValueByName(names.set.name, text)?.value;
  if (value !== undefined) return value;
  if (!/^(?:0[xX][0-9A-Fa-f]+|[0-9]+)$/.test(text)) fail('unknown Enumeration name');
  return parseUint32(text, fail);
}

/**
 * The names of a mask value with leftover bits as one `0x` hex part, joined by `separator`;
 * undefined when no named bit is set (the value then prints as a plain number).
 */
export function formatMask(
  value: number,
  names: ValueNames,
  separator: string,
): string | undefined {
  if (names?.kind !== 'mask') return undefined;
  const { names: bitNames, rest } = splitMask(names.set.name, value);
  if (bitNames.length === 0) return undefined;
  if (rest !== 0) bitNames.push(formatHex32(rest));
  return bitNames.join(separator);
}

/**
 * Parses an Integer: a decimal or `0x` hex number, or for a mask, names and `0x` hex parts
 * separated by whitespace or `|`, OR-ed together.
 */
export function parseIntegerText(text: string, names: ValueNames, fail: Fail): number {
  if (names?.kind !== 'mask' || /^(?:[+-]?[0-9]+|0[xX][0-9A-Fa-f]+)$/.test(text)) {
    return parseInt32(text, fail);
  }
  const parts = text.split(MASK_SEPARATORS).filter((part) => part !== '');
  if (parts.length === 0) fail('empty mask');
  let value = 0;
  for (const part of parts) {
    const bit = maskBitByName(names.set.name, part)?.value ?? parseHexNumber(part, 4, fail);
    if (bit === undefined) fail('unknown mask bit name');
    value |= Number(bit);
  }
  return value;
}
