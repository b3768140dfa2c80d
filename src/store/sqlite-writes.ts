import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { AttributeSets, splitForSet } from './attribute-sets.ts';
import { StoreConflictError, StoreNotFoundError, StoreWriteError } from './errors.ts';
import type { EncodedAttribute, EncodedObject, EncodedOp, EncodedPatch } from './object-codec.ts';
import type { WriteResult } from './types.ts';

// SQLite extended result codes (https://sqlite.org/rescode.html).
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

/** Prepared statements for writes; each call runs inside the group-commit transaction. */
export class SqliteWriter {
  readonly #insertObject: StatementSync;
  readonly #insertAttribute: StatementSync;
  readonly #selectVersion: StatementSync;
  readonly #updateObject: StatementSync;
  readonly #deleteAttributes: StatementSync;
  readonly #deleteObject: StatementSync;
  readonly #selectAttributes: StatementSync;
  readonly #updateAttribute: StatementSync;
  readonly #deleteAttribute: StatementSync;
  readonly #sets: AttributeSets;

  constructor(db: DatabaseSync) {
    this.#sets = new AttributeSets(db);
    this.#insertObject = db.prepare(
      `INSERT INTO objects
         (id, object_type, state, owner, created_at, updated_at, revision, material, attrs, attr_set)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    );
    this.#insertAttribute = db.prepare(
      `INSERT INTO attributes (object_seq, name, idx, value_key, value_date)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.#selectVersion = db.prepare('SELECT seq, revision FROM objects WHERE id = ?');
    this.#updateObject = db.prepare(
      `UPDATE objects SET
         state = coalesce(?, state),
         owner = coalesce(?, owner),
         material = CASE WHEN ? THEN ? ELSE material END,
         attrs = coalesce(?, attrs),
         attr_set = CASE WHEN ? THEN ? ELSE attr_set END,
         updated_at = max(?, created_at),
         revision = revision + 1
       WHERE seq = ?`,
    );
    this.#deleteAttributes = db.prepare('DELETE FROM attributes WHERE object_seq = ?');
    this.#deleteObject = db.prepare('DELETE FROM objects WHERE seq = ?');
    this.#selectAttributes = db.prepare(
      'SELECT name, idx, value_key, value_date FROM attributes WHERE object_seq = ?',
    );
    this.#updateAttribute = db.prepare(
      `UPDATE attributes SET value_key = ?, value_date = ?
       WHERE object_seq = ? AND name = ? AND idx = ?`,
    );
    this.#deleteAttribute = db.prepare(
      'DELETE FROM attributes WHERE object_seq = ? AND name = ? AND idx = ?',
    );
  }

  /** Runs one encoded write; `now` stamps updated_at. */
  apply(op: EncodedOp, now: number): WriteResult {
    try {
      switch (op.op) {
        case 'create':
          return this.#create(op.object, now);
        case 'update':
          return this.#update(op.id, op.patch, now);
        case 'delete':
          this.#delete(op.id);
          return { id: op.id, revision: 0 };
      }
    } catch (error) {
      if (error instanceof StoreNotFoundError || error instanceof StoreConflictError) throw error;
      const errcode = (error as { errcode?: unknown }).errcode;
      if (
        op.op === 'create' &&
        (errcode === SQLITE_CONSTRAINT_UNIQUE || errcode === SQLITE_CONSTRAINT_PRIMARYKEY)
      ) {
        throw new StoreConflictError(op.object.id, 'duplicate-id', { cause: error });
      }
      throw new StoreWriteError(`${op.op} failed`, { cause: error });
    }
  }

  #create(object: EncodedObject, now: number): WriteResult {
    const { setId, rows } = this.#searchForm(object.attributes);
    const { lastInsertRowid } = this.#insertObject.run(
      object.id,
      object.objectType,
      object.state,
      object.owner,
      object.createdAt,
      Math.max(now, object.createdAt),
      object.sealed,
      object.attributeList,
      setId,
    );
    this.#insertAttributes(lastInsertRowid, rows);
    return { id: object.id, revision: 1 };
  }

  #update(id: string, patch: EncodedPatch, now: number): WriteResult {
    const { seq, revision } = this.#locate(id);
    if (patch.expectedRevision !== undefined && patch.expectedRevision !== revision) {
      throw new StoreConflictError(id, 'revision');
    }
    const hasMaterial = patch.sealed !== undefined;
    const search = patch.attributes === undefined ? undefined : this.#searchForm(patch.attributes);
    this.#updateObject.run(
      patch.state ?? null,
      patch.owner ?? null,
      hasMaterial ? 1 : 0,
      patch.sealed ?? null,
      patch.attributeList ?? null,
      search === undefined ? 0 : 1,
      search?.setId ?? null,
      now,
      seq,
    );
    if (search !== undefined) this.#replaceAttributes(seq, search.rows);
    return { id, revision: revision + 1 };
  }

  #delete(id: string): void {
    const { seq } = this.#locate(id);
    this.#deleteAttributes.run(seq);
    this.#deleteObject.run(seq);
  }

  /** The attribute set (if any) and the search rows that together index `attributes`. */
  #searchForm(attributes: readonly EncodedAttribute[]): {
    setId: number | null;
    rows: readonly EncodedAttribute[];
  } {
    const { folded, rows } = splitForSet(attributes);
    const setId = this.#sets.idFor(folded);
    return setId === null ? { setId, rows: attributes } : { setId, rows };
  }

  #locate(id: string): { seq: number; revision: number } {
    const row = this.#selectVersion.get(id);
    if (row === undefined) throw new StoreNotFoundError(id);
    return { seq: row['seq'] as number, revision: row['revision'] as number };
  }

  /**
   * Makes the object's search rows exactly `attributes` (the list column holds the values),
   * touching only the rows that differ: an Activate changes two or three of a key's dozen attributes, and rewriting them
   * all (each row in three indexes, deleted rows zeroed by secure_delete) was most of its
   * write (issue #9).
   */
  #replaceAttributes(seq: number, attributes: readonly EncodedAttribute[]): void {
    const stored = new Map<string, Record<string, unknown>>();
    for (const row of this.#selectAttributes.all(seq)) {
      stored.set(rowKey(row['name'] as string, row['idx'] as number), row);
    }
    for (const a of attributes) {
      const key = rowKey(a.name, a.idx);
      const row = stored.get(key);
      stored.delete(key);
      if (row === undefined) {
        this.#insertAttribute.run(seq, a.name, a.idx, a.key, a.date);
      } else if (row['value_key'] !== a.key || (row['value_date'] ?? null) !== a.date) {
        this.#updateAttribute.run(a.key, a.date, seq, a.name, a.idx);
      }
    }
    for (const row of stored.values()) {
      this.#deleteAttribute.run(seq, row['name'] as string, row['idx'] as number);
    }
  }

  #insertAttributes(seq: number | bigint, attributes: readonly EncodedAttribute[]): void {
    for (const a of attributes) {
      this.#insertAttribute.run(seq, a.name, a.idx, a.key, a.date);
    }
  }
}

/** One attribute row's identity within its object. */
function rowKey(name: string, idx: number): string {
  return `${idx}\u0000${name}`;
}
