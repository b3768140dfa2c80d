import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { EncodedAttribute } from './object-codec.ts';

// Schema 4 (issue #9): an object's boolean and integer attributes (Sensitive, Fresh,
// Cryptographic Algorithm, Length, Usage Mask, Key Format Type …: ten of a key's eighteen
// search rows) take most values from a handful, so most objects share the same combination.
// Such a combination is stored once as an attribute set (attribute_sets, and its rows in
// attribute_set_rows, the same columns as `attributes`) and the object row names it
// (objects.attr_set): a Create writes one index entry instead of ten rows in two B-trees,
// each on its own hot page. Searches check the set rows with the same SQL conditions
// (sqlite-query.ts), so what matches is unchanged. Sets are never deleted; past
// MAX_ATTRIBUTE_SETS a new combination is written as rows, as before.

/** Most attribute sets kept; a new combination past it gets search rows instead. */
export const MAX_ATTRIBUTE_SETS = 4096;

// A JSON boolean or a safe integer (value-codec.ts writes a number's key as its JSON text).
const FOLDABLE_KEY = /^(?:true|false|-?(?:0|[1-9]\d{0,14}))$/;

/** True for a value key an attribute set may hold (a boolean or a safe integer). */
export function isFoldableKey(key: string): boolean {
  return FOLDABLE_KEY.test(key);
}

/** The attributes of an object split into those a set can hold and those that need rows. */
export interface SplitAttributes {
  readonly folded: readonly EncodedAttribute[];
  readonly rows: readonly EncodedAttribute[];
}

/** Splits search attributes: booleans and small integers go into a set, the rest get rows. */
export function splitForSet(attributes: readonly EncodedAttribute[]): SplitAttributes {
  const folded: EncodedAttribute[] = [];
  const rows: EncodedAttribute[] = [];
  for (const a of attributes) {
    (a.date === null && isFoldableKey(a.key) ? folded : rows).push(a);
  }
  return { folded, rows };
}

/** The text that identifies a combination: [name, index, key] entries sorted. */
export function setKey(folded: readonly EncodedAttribute[]): string {
  const entries = folded.map((a) => JSON.stringify([a.name, a.idx, a.key]));
  entries.sort();
  return `[${entries.join(',')}]`;
}

/** Finds or adds attribute sets; runs inside the write transaction. */
export class AttributeSets {
  readonly #select: StatementSync;
  readonly #count: StatementSync;
  readonly #insertSet: StatementSync;
  readonly #insertRow: StatementSync;

  constructor(db: DatabaseSync) {
    this.#select = db.prepare('SELECT id FROM attribute_sets WHERE key = ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM attribute_sets');
    this.#insertSet = db.prepare('INSERT INTO attribute_sets (key) VALUES (?)');
    this.#insertRow = db.prepare(
      `INSERT INTO attribute_set_rows (set_id, name, idx, value_key, value_date)
       VALUES (?, ?, ?, ?, NULL)`,
    );
  }

  /**
   * The id of the set holding exactly `folded`, added if new; null when `folded` is empty
   * or a new set would pass MAX_ATTRIBUTE_SETS (the caller then writes rows for them).
   */
  idFor(folded: readonly EncodedAttribute[]): number | null {
    if (folded.length === 0) return null;
    const key = setKey(folded);
    // Looked up each time, not remembered: a set added by a write that is then rolled back
    // (its savepoint or the whole group) is gone again.
    const row = this.#select.get(key);
    if (row !== undefined) return row['id'] as number;
    if ((this.#count.get()?.['n'] as number) >= MAX_ATTRIBUTE_SETS) return null;
    const id = Number(this.#insertSet.run(key).lastInsertRowid);
    for (const a of folded) this.#insertRow.run(id, a.name, a.idx, a.key);
    return id;
  }
}
