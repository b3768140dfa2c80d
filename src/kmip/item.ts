/**
 * The KMIP item tree: one node per TTLV item, independent of the encoding
 * (binary TTLV, XML or JSON). Every encoding decodes into this tree and encodes from it,
 * so a round trip between any two encodings goes through one lossless model.
 *
 * Tags are 24-bit numbers (0x42xxxx for the standard, 0x54xxxx for extensions).
 */
import { ItemType } from './generated/registry.ts';

/** The TTLV item type codes (KMIP 1.0 §9.1.1.2; Date Time Extended since 2.0). */
export { ItemType };

/** The name of a TTLV item type, e.g. `'TextString'`. */
export type ItemTypeName = keyof typeof ItemType;
/** The one-byte code of a TTLV item type. */
export type ItemTypeCode = (typeof ItemType)[ItemTypeName];

/** Item type name by its one-byte code. */
export const itemTypeNameByCode: ReadonlyMap<number, ItemTypeName> = new Map(
  (Object.entries(ItemType) as [ItemTypeName, ItemTypeCode][]).map(([name, code]) => [code, name]),
);

interface ItemBase {
  /** The 24-bit tag, e.g. 0x420094 (Unique Identifier). */
  readonly tag: number;
}

/** A Structure: an ordered list of child items. */
export interface StructureItem extends ItemBase {
  readonly type: 'Structure';
  readonly value: readonly KmipItem[];
}
/** A 32-bit signed Integer (masks are Integers too). */
export interface IntegerItem extends ItemBase {
  readonly type: 'Integer';
  readonly value: number;
}
/** A 64-bit signed Long Integer. */
export interface LongIntegerItem extends ItemBase {
  readonly type: 'LongInteger';
  readonly value: bigint;
}
/** An arbitrary-length two's-complement Big Integer. */
export interface BigIntegerItem extends ItemBase {
  readonly type: 'BigInteger';
  readonly value: bigint;
}
/** A 32-bit unsigned Enumeration value. */
export interface EnumerationItem extends ItemBase {
  readonly type: 'Enumeration';
  readonly value: number;
}
/** A Boolean. */
export interface BooleanItem extends ItemBase {
  readonly type: 'Boolean';
  readonly value: boolean;
}
/** A UTF-8 Text String. */
export interface TextStringItem extends ItemBase {
  readonly type: 'TextString';
  readonly value: string;
}
/** A Byte String. */
export interface ByteStringItem extends ItemBase {
  readonly type: 'ByteString';
  readonly value: Uint8Array;
}
/**
 * A Date-Time: 64-bit signed seconds since the Unix epoch. Held as a `Date`
 * (whole seconds); values outside the `Date` range are a decode error.
 */
export interface DateTimeItem extends ItemBase {
  readonly type: 'DateTime';
  readonly value: Date;
}
/** An Interval: 32-bit unsigned number of seconds. */
export interface IntervalItem extends ItemBase {
  readonly type: 'Interval';
  readonly value: number;
}
/** A Date-Time Extended (KMIP 2.0+): 64-bit signed microseconds since the Unix epoch. */
export interface DateTimeExtendedItem extends ItemBase {
  readonly type: 'DateTimeExtended';
  readonly value: bigint;
}

/** Any KMIP item. Discriminated on `type`. */
export type KmipItem =
  | StructureItem
  | IntegerItem
  | LongIntegerItem
  | BigIntegerItem
  | EnumerationItem
  | BooleanItem
  | TextStringItem
  | ByteStringItem
  | DateTimeItem
  | IntervalItem
  | DateTimeExtendedItem;

/** The value type held by an item of item type `T`. */
export type ItemValue<T extends ItemTypeName> = Extract<KmipItem, { type: T }>['value'];

/** Builds an item; a small helper so callers need not spell the object literal. */
export function item<T extends ItemTypeName>(tag: number, type: T, value: ItemValue<T>): KmipItem {
  return { tag, type, value } as KmipItem;
}

/** Formats a tag as the KMIP encodings print an unknown one: `0x420094`. */
export function formatTag(tag: number): string {
  return `0x${tag.toString(16).toUpperCase().padStart(6, '0')}`;
}
