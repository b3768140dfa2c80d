/**
 * Tags and item types as the KMIP text encodings spell them (KMIP Additional Message
 * Encodings v1.0 §4.1.2/§6.1.2 "Tags", §4.1.4/§6.1.4 "Type"): the normalized tag name, or
 * `0x` and six hex digits for a tag the registry does not know (extensions, 0x54xxxx).
 */
import { ItemType, type ItemTypeName } from '../item.ts';
import { tagEntry, tagEntryByName } from '../registry.ts';
import { isValidTag } from './item-checks.ts';

const HEX_TAG = /^0[xX][0-9A-Fa-f]{6}$/;

/** The XML element of a tag without a name: `<TTLV tag="0x540001" …>` (§6.1.2). */
export const NAMELESS_TAG_ELEMENT = 'TTLV';

/** The tag of a `0x` hex tag text in the standard or extension range, else undefined. */
export function parseHexTag(text: string): number | undefined {
  if (!HEX_TAG.test(text)) return undefined;
  const tag = Number.parseInt(text.slice(2), 16);
  return isValidTag(tag) ? tag : undefined;
}

/** The tag of a normalized tag name or `0x` hex tag text, else undefined. */
export function parseTagText(text: string): number | undefined {
  return tagEntryByName(text)?.tag ?? parseHexTag(text);
}

/** The normalized name of a known tag, else undefined. */
export function tagNameOf(tag: number): string | undefined {
  return tagEntry(tag)?.name;
}

/** The item type of a type name (`TextString`), else undefined. */
export function parseItemTypeName(text: string): ItemTypeName | undefined {
  return Object.hasOwn(ItemType, text) ? (text as ItemTypeName) : undefined;
}
