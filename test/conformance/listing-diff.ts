/**
 * For a failed attribute listing (Get Attributes, Get Attribute List), which attributes
 * the server left out or added compared with the case, or whether only the order differs.
 */
import { Tag, formatTag, tagEntry, type KmipItem } from '../../src/kmip/index.ts';

/** How two listings differ, by attribute name. */
export interface ListingDiff {
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  /** Same attributes (with repeats), different order. */
  readonly isOrderOnly: boolean;
}

/** The attribute names a response payload lists, in order (1.x and 2.x forms). */
export function listedAttributes(payload: KmipItem): string[] {
  if (payload.type !== 'Structure') return [];
  return payload.value.flatMap((child): string[] => {
    if (child.tag === Tag.Attributes && child.type === 'Structure') {
      return child.value.map((c) => tagEntry(c.tag)?.name ?? formatTag(c.tag));
    }
    if (child.tag === Tag.Attribute && child.type === 'Structure') {
      const name = child.value.find((c) => c.tag === Tag.AttributeName);
      return [name?.type === 'TextString' ? name.value : '?'];
    }
    if (child.tag === Tag.AttributeName && child.type === 'TextString') return [child.value];
    if (child.tag === Tag.AttributeReference && child.type === 'Enumeration') {
      return [tagEntry(child.value)?.name ?? formatTag(child.value)];
    }
    return [];
  });
}

/** The difference between the expected and the actual listing. */
export function diffListings(expected: KmipItem, actual: KmipItem): ListingDiff {
  const e = listedAttributes(expected);
  const a = listedAttributes(actual);
  const missing = subtract(e, a);
  const extra = subtract(a, e);
  return {
    missing,
    extra,
    isOrderOnly: missing.length === 0 && extra.length === 0 && e.join('\n') !== a.join('\n'),
  };
}

function subtract(from: readonly string[], remove: readonly string[]): string[] {
  const left = [...remove];
  return from.filter((name) => {
    const i = left.indexOf(name);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
}
