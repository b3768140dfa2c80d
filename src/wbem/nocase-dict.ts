/**
 * A dictionary with case-insensitive string keys that keeps insertion order and the lexical
 * case of each key (pywbem's NocaseDict). CIM names compare case-insensitively (DSP0004 §5.1).
 */

/** Lower-cases a CIM name for comparison (Unicode-aware, as Python's str.lower()). */
export function foldName(name: string): string {
  return name.toLowerCase();
}

// Read in place of a dictionary's Map before its first entry; never written.
const NONE: ReadonlyMap<string, { key: string; value: never }> = new Map();

/**
 * Ordered, case-insensitive map from CIM names to values.
 *
 * @example
 * const d = new NocaseDict<number>([['Name', 1]]);
 * d.get('NAME'); // 1
 * [...d.keys()]; // ['Name']
 */
export class NocaseDict<V> implements Iterable<[string, V]> {
  // Made on the first set: most qualifier dictionaries of a parsed response stay empty, and
  // an empty Map each was a large part of what a 10,000-instance parse allocated (issue #10).
  #map: Map<string, { key: string; value: V }> | null = null;

  get #items(): Map<string, { key: string; value: V }> {
    return (this.#map ??= new Map());
  }

  constructor(entries?: Iterable<readonly [string, V]>) {
    if (entries !== undefined) {
      for (const [key, value] of entries) this.set(key, value);
    }
  }

  /** Number of entries. */
  get size(): number {
    return this.#map === null ? 0 : this.#map.size;
  }

  /** The value for `key` in any lexical case, or undefined. */
  get(key: string): V | undefined {
    return this.#map === null ? undefined : this.#map.get(foldName(key))?.value;
  }

  /** Whether `key` (in any lexical case) is present. */
  has(key: string): boolean {
    return this.#map !== null && this.#map.has(foldName(key));
  }

  /**
   * Sets `key` to `value`. An existing entry keeps its position; its key takes the new case
   * (as pywbem's NocaseDict does).
   */
  set(key: string, value: V): this {
    this.#items.set(foldName(key), { key, value });
    return this;
  }

  /** Removes `key` (in any lexical case); true if it was present. */
  delete(key: string): boolean {
    return this.#map !== null && this.#map.delete(foldName(key));
  }

  /** Removes every entry. */
  clear(): void {
    this.#map?.clear();
  }

  /** The keys in insertion order, in their original lexical case. */
  *keys(): IterableIterator<string> {
    for (const item of (this.#map ?? NONE).values()) yield item.key;
  }

  /** The values in insertion order. */
  *values(): IterableIterator<V> {
    for (const item of (this.#map ?? NONE).values()) yield item.value;
  }

  /** `[key, value]` pairs in insertion order. */
  *entries(): IterableIterator<[string, V]> {
    for (const item of (this.#map ?? NONE).values()) yield [item.key, item.value];
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  /** A new dictionary with the same entries (values are not copied). */
  copy(): NocaseDict<V> {
    return new NocaseDict(this.entries());
  }

  /**
   * Whether both hold the same keys (case-insensitively, in any order) with equal values.
   * Order does not matter, as in pywbem's `_eq_dict`.
   */
  equals(other: NocaseDict<V>, valueEquals: (a: V, b: V) => boolean): boolean {
    if (this.size !== other.size) return false;
    for (const [folded, item] of this.#map ?? NONE) {
      const theirs = other.#map?.get(folded);
      if (theirs === undefined || !valueEquals(item.value, theirs.value)) return false;
    }
    return true;
  }
}
