/**
 * A request's unit of work on the SQLite store (issue #9): the store as the request sees it,
 * whose writes resolve once staged in the group commit's open transaction, and whose audit
 * records (appended with the unit, see audit-log.ts) end it in that same transaction, so one
 * fsync makes the request's writes and its audit record durable together.
 */
import type { AuditLog } from './audit-log.ts';
import type { CommitUnit, GroupCommitter } from './group-commit.ts';
import type { ObjectStore, StoreUnit } from './object-store.ts';
import type {
  NewStoredObject,
  ObjectPatch,
  ObjectQuery,
  StoredObject,
  StoredObjectMetadata,
  StoreStats,
  WriteOp,
  WriteResult,
} from './types.ts';

/** The writes of the SQLite store, run as part of a unit. */
export interface UnitWrites {
  has(id: string): Promise<boolean>;
  create(object: NewStoredObject, unit: CommitUnit): Promise<WriteResult>;
  update(id: string, patch: ObjectPatch, unit: CommitUnit): Promise<WriteResult>;
  delete(id: string, unit: CommitUnit): Promise<void>;
  batch(ops: readonly WriteOp[], unit: CommitUnit): Promise<WriteResult[]>;
}

/** {@link StoreUnit} of the SQLite store; the audit log recognizes it by its committer. */
export class SqliteStoreUnit implements StoreUnit {
  readonly store: ObjectStore;
  readonly unit: CommitUnit;
  readonly committer: GroupCommitter;

  constructor(parent: ObjectStore & UnitWrites, committer: GroupCommitter, audit: AuditLog) {
    this.committer = committer;
    this.unit = committer.openUnit();
    this.store = new UnitStoreView(parent, this.unit, audit);
  }

  async end(): Promise<void> {
    await this.committer.finish(this.unit);
  }
}

class UnitStoreView implements ObjectStore {
  readonly #parent: ObjectStore & UnitWrites;
  readonly #unit: CommitUnit;
  readonly audit: AuditLog;

  constructor(parent: ObjectStore & UnitWrites, unit: CommitUnit, audit: AuditLog) {
    this.#parent = parent;
    this.#unit = unit;
    this.audit = audit;
  }

  nextId(): string {
    return this.#parent.nextId();
  }
  create(object: NewStoredObject): Promise<WriteResult> {
    return this.#parent.create(object, this.#unit);
  }
  update(id: string, patch: ObjectPatch): Promise<WriteResult> {
    return this.#parent.update(id, patch, this.#unit);
  }
  delete(id: string): Promise<void> {
    return this.#parent.delete(id, this.#unit);
  }
  batch(ops: readonly WriteOp[]): Promise<WriteResult[]> {
    return this.#parent.batch(ops, this.#unit);
  }
  get(id: string): Promise<StoredObject> {
    return this.#parent.get(id);
  }
  getMetadata(id: string): Promise<StoredObjectMetadata> {
    return this.#parent.getMetadata(id);
  }
  has(id: string): Promise<boolean> {
    return this.#parent.has(id);
  }
  find(query: ObjectQuery): Promise<string[]> {
    return this.#parent.find(query);
  }
  count(query: ObjectQuery): Promise<number> {
    return this.#parent.count(query);
  }
  stats(): StoreStats {
    return this.#parent.stats();
  }
  /** The unit's view does not own the database: closing it does nothing. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
