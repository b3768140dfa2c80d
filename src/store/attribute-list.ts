import { StoreValueError } from './errors.ts';
import type { StoredAttribute } from './types.ts';
import { decodeTreeWithPaths, mayHoldTags, replaceTagsInPlace } from './value-codec.ts';

// Since schema 3 an object's whole attribute list is one column of its `objects` row (a read
// is one row and one JSON.parse, issue #9): a JSON array of [name, index, value] entries, the
// value in value-codec.ts's tagged JSON, sorted by name (as SQLite's BINARY collation: UTF-8
// bytes) then index. The `attributes` table keeps only what searches need.
// This text is on disk: changing it needs a migration.

/** An attribute whose value is already tagged JSON (`encodeValue(...).json`). */
export interface ListedAttribute {
  readonly name: string;
  readonly idx: number;
  readonly json: string;
}

/** The stored text of an attribute list; entries are sorted here. */
export function encodeAttributeList(attributes: readonly ListedAttribute[]): string {
  const sorted = sortedAttributes(attributes);
  let out = '[';
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as ListedAttribute;
    out += `${i === 0 ? '' : ','}[${JSON.stringify(a.name)},${a.idx},${a.json}]`;
  }
  return `${out}]`;
}

/**
 * The attributes in list order (name as UTF-8 bytes, then index): `attributes` itself when
 * already in that order (the server hands them sorted), else a sorted copy.
 */
export function sortedAttributes<A extends ListedAttribute>(
  attributes: readonly A[],
): readonly A[] {
  for (let i = 1; i < attributes.length; i++) {
    if (compareListed(attributes[i - 1] as A, attributes[i] as A) > 0) {
      return [...attributes].sort(compareListed);
    }
  }
  return attributes;
}

function compareListed(a: ListedAttribute, b: ListedAttribute): number {
  return compareBinary(a.name, b.name) || a.idx - b.idx;
}

/**
 * Decodes what `encodeAttributeList` (or migration 3) stored.
 * @throws StoreValueError (KW_STORE_VALUE) if the text is not a valid list.
 */
export function decodeAttributeList(text: string): StoredAttribute[] {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new StoreValueError('attributes', 'stored attribute list is not valid JSON');
  }
  if (!Array.isArray(list)) throw new StoreValueError('attributes', 'must be an array');
  const isTagged = mayHoldTags(text);
  const out = new Array<StoredAttribute>(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (
      !Array.isArray(entry) ||
      entry.length !== 3 ||
      typeof entry[0] !== 'string' ||
      !Number.isSafeInteger(entry[1])
    ) {
      throw new StoreValueError(`attributes[${i}]`, 'must be [name, index, value]');
    }
    const raw: unknown = entry[2];
    let value = raw;
    if (isTagged && raw !== null && typeof raw === 'object') {
      try {
        value = replaceTagsInPlace(raw);
      } catch {
        // The walk above may have replaced part of the tree: decode a fresh parse for the path.
        const fresh = (JSON.parse(text) as unknown[][])[i]?.[2];
        value = decodeTreeWithPaths(fresh, `attributes[${i}].value`);
      }
    }
    out[i] = { name: entry[0], index: entry[1] as number, value };
  }
  return out;
}

/** Orders strings as SQLite's BINARY collation does (UTF-8 bytes), not by UTF-16 code units. */
export function compareBinary(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates UTF-16 and UTF-8 order agree; from there on, compare the bytes.
    if (x < 0xd800 && y < 0xd800) return x - y;
    // Start at a shared high surrogate, so a pair is encoded whole.
    const from = i > 0 && (a.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? i - 1 : i;
    return Buffer.compare(Buffer.from(a.slice(from)), Buffer.from(b.slice(from)));
  }
  return a.length - b.length;
}
