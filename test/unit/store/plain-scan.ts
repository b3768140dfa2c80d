import type { AttributeFilter, StoredAttribute } from '../../../src/store/index.ts';
import { encodeValue, stringPrefixKey } from '../../../src/store/value-codec.ts';

// The reference for find: a plain scan of every object's attributes, with the store's
// notion of equality (the value key) and its filter semantics (sqlite-query.ts).
/** Whether an object with `attributes` meets `filter`, by a plain scan. */
export function holds(attributes: readonly StoredAttribute[], filter: AttributeFilter): boolean {
  const named = attributes.filter((a) => a.name === filter.name);
  if ('absent' in filter) return named.length === 0;
  if ('exists' in filter) return named.length > 0;
  return named.some((a) => {
    const { key, date } = encodeValue(a.value, 'value');
    if ('equals' in filter) return key === encodeValue(filter.equals, 'value').key;
    if ('allBits' in filter) {
      return (
        /^-?\d+$/.test(key) && (BigInt(key) & BigInt(filter.allBits)) === BigInt(filter.allBits)
      );
    }
    if ('startsWith' in filter) return key.startsWith(stringPrefixKey(filter.startsWith));
    const { from, to } = filter.between;
    return (
      date !== null &&
      (from === undefined || date >= from.getTime()) &&
      (to === undefined || date <= to.getTime())
    );
  });
}
