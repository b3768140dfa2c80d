import type { AuditLog } from './audit-log.ts';
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

/**
 * Durable storage of KMIP managed objects. Every backend (SQLite, PostgreSQL) implements
 * this one shape and passes test/unit/store/object-store-suite.ts. A write's promise
 * resolves only after the write is committed durably; reads see committed data.
 * Every method rejects with KW_STORE_CLOSED after `close()`.
 */
export interface ObjectStore {
  /**
   * A fresh Unique Identifier: a random UUID, known before the object is written, so
   * linked objects (a key pair's Link attributes) can name each other in one batch.
   */
  nextId(): string;
  /** @throws KW_STORE_CONFLICT if the id exists, KW_STORE_VALUE for unstorable input. */
  create(object: NewStoredObject): Promise<WriteResult>;
  /** @throws KW_STORE_NOT_FOUND, KW_STORE_MATERIAL if the material fails to decrypt. */
  get(id: string): Promise<StoredObject>;
  /**
   * The object without its key material: nothing is read from the material column or
   * decrypted (access checks and attribute matching need only this). @throws KW_STORE_NOT_FOUND
   */
  getMetadata(id: string): Promise<StoredObjectMetadata>;
  /**
   * Whether an object with this id is stored, without reading it or throwing: Create's
   * duplicate check runs on every new object (issue #9). Optional for wrappers; callers fall
   * back to `getMetadata`.
   */
  has?(id: string): Promise<boolean>;
  /** @throws KW_STORE_NOT_FOUND, KW_STORE_CONFLICT on an `expectedRevision` mismatch. */
  update(id: string, patch: ObjectPatch): Promise<WriteResult>;
  /** Removes the object and its attributes. @throws KW_STORE_NOT_FOUND */
  delete(id: string): Promise<void>;
  /** Ids of matching objects, ordered by creation. @throws KW_STORE_VALUE for a bad query. */
  find(query: ObjectQuery): Promise<string[]>;
  /** Number of matching objects (ignores `limit`, `offset`, `order`). */
  count(query: ObjectQuery): Promise<number>;
  /** Applies all writes atomically: all commit, or none do and the first error is thrown. */
  batch(ops: readonly WriteOp[]): Promise<WriteResult[]>;
  /**
   * Starts a unit of work for one request (issue #9): its writes through `unit.store`
   * resolve once staged, and its audit records, appended to {@link audit} with the unit,
   * commit in the same transaction, so one fsync covers both. Optional: without it each
   * write and each audit append commits on its own.
   */
  beginUnit?(): StoreUnit;
  /** The audit log in this store's database, sharing its commits. Optional. */
  readonly audit?: AuditLog;
  /** Commit counters (group commit shows as fewer commits than writes). */
  stats(): StoreStats;
  /** Finishes queued writes, then releases the database. Idempotent. */
  close(): Promise<void>;
}

/** One request's unit of work; see {@link ObjectStore.beginUnit}. */
export interface StoreUnit {
  /**
   * The store as the request sees it: a write resolves once it ran in the open transaction
   * (its outcome is known, it is not yet durable); reads see staged writes.
   */
  readonly store: ObjectStore;
  /**
   * Ends the unit without an audit record: resolves once everything it wrote (and anything
   * staged it may have read) is durable; rejects (KW_STORE_WRITE) if that transaction failed.
   * Returns the same promise once the unit has ended (an audit append with the unit ends it).
   */
  end(): Promise<void>;
}
