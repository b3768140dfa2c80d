/**
 * Flattens a KMIP item tree into leaf fields in the JSON form of
 * test/support/pykmip/kmip_walk.py, so our trees and PyKMIP's object trees compare
 * as two sorted lists of lines.
 */
import { tagEntry } from '../../../src/kmip/registry.ts';
import type { ItemTypeName, KmipItem } from '../../../src/kmip/item.ts';
import { formatTag } from '../../../src/kmip/item.ts';
import { bytesToHex } from '../../../src/kmip/ttlv/index.ts';

/** One step of a field path: the tag and how many earlier siblings had the same tag. */
export interface PathSegment {
  readonly tag: number;
  readonly index: number;
  /** PyKMIP's `Tags` member name (only in fields that come from Python). */
  readonly name?: string;
}

/** A leaf value as JSON carries it (see kmip_walk.py for the mapping). */
export type FieldValue = number | string | boolean | null;

/** One primitive item, or one empty Structure (value null), with its path from the root. */
export interface ItemField {
  readonly path: readonly PathSegment[];
  readonly type: ItemTypeName;
  readonly value: FieldValue;
  /** PyKMIP's name of an Enumeration value (only in fields that come from Python). */
  readonly enumName?: string;
}

/** Every leaf of `root`, in document order. */
export function flattenItem(root: KmipItem): ItemField[] {
  const fields: ItemField[] = [];
  walk(root, [{ tag: root.tag, index: 0 }], fields);
  return fields;
}

function walk(node: KmipItem, path: PathSegment[], fields: ItemField[]): void {
  if (node.type !== 'Structure') {
    fields.push({ path, type: node.type, value: fieldValue(node) });
    return;
  }
  if (node.value.length === 0) {
    fields.push({ path, type: 'Structure', value: null });
    return;
  }
  const seen = new Map<number, number>();
  for (const child of node.value) {
    const index = seen.get(child.tag) ?? 0;
    seen.set(child.tag, index + 1);
    walk(child, [...path, { tag: child.tag, index }], fields);
  }
}

/** The JSON form of a primitive's value. */
export function fieldValue(node: Exclude<KmipItem, { type: 'Structure' }>): FieldValue {
  switch (node.type) {
    case 'LongInteger':
    case 'BigInteger':
    case 'DateTimeExtended':
      // Decimal strings: JSON numbers lose precision past 2^53.
      return node.value.toString();
    case 'ByteString':
      return bytesToHex(node.value).toLowerCase();
    case 'DateTime':
      return Math.floor(node.value.getTime() / 1000);
    default:
      return node.value;
  }
}

/** A readable path, e.g. `RequestMessage/BatchItem[1]/RequestPayload/UniqueIdentifier`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((s) => (tagEntry(s.tag)?.name ?? formatTag(s.tag)) + (s.index > 0 ? `[${s.index}]` : ''))
    .join('/');
}

/** One line per field, sorted: two trees hold the same fields when their lines are equal. */
export function fieldLines(fields: readonly ItemField[]): string[] {
  return fields.map((f) => `${formatPath(f.path)} ${f.type} ${JSON.stringify(f.value)}`).sort();
}
