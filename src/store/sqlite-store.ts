import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { randomUUID } from '../crypto/index.ts';
import { AuditChainHead, withAuditHead } from './audit-head.ts';
import { SqliteAuditLog, type AuditLog } from './audit-log.ts';
import {
  StoreClosedError,
  StoreFailedError,
  StoreNotFoundError,
  StoreOpenError,
  type StoreWriteError,
} from './errors.ts';
import { GroupCommitter, type CommitUnit, type GroupCommitOptions } from './group-commit.ts';
import { decodeAttributeList } from './attribute-list.ts';
import type { MasterKey } from './master-key.ts';
import { openMaterial } from './material.ts';
import { checkId, encodeNewObject, encodeOps, encodePatch } from './object-codec.ts';
import type { ObjectStore, StoreUnit } from './object-store.ts';
import { openSqliteDatabase } from './sqlite-open.ts';
import { buildCountSql, buildFindSql, probeSql } from './sqlite-query.ts';
import type { ProbeTable, SqlQuery } from './sqlite-query.ts';
import { sqliteTransactionControl } from './sqlite-transaction.ts';
import { SqliteStoreUnit, type UnitWrites } from './sqlite-unit.ts';
import { SqliteWriter } from './sqlite-writes.ts';
import { WalFileSync } from './wal-sync.ts';
import type {
  NewStoredObject,
  ObjectPatch,
  ObjectQuery,
  ObjectState,
  StoredObject,
  StoredObjectMetadata,
  StoreStats,
  WriteOp,
  WriteResult,
} from './types.ts';

/** Options for `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Database file; created (mode 0600) if missing. */
  readonly path: string;
  /** Seals key material; must be the key the database was first opened with. */
  readonly masterKey: MasterKey;
  /** How long to wait for another process's write lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Most writes per group-commit transaction (default 1000). */
  readonly maxGroupSize?: number;
  /**
   * How long a transaction with staged writes of a request waits for the request's audit
   * record before committing without it, in ms (default 20; the record then commits next).
   */
  readonly maxUnitWaitMs?: number;
  /**
   * How a COMMIT becomes durable before anything it holds is acknowledged (docs/server.md, Durability):
   * `deferred-fsync` (default) commits with `synchronous = NORMAL` and fdatasyncs the WAL on
   * the threadpool, one fsync for every COMMIT since the last; `full` fsyncs inside COMMIT on
   * the event loop (`synchronous = FULL`), for file systems where an fsync of another
   * descriptor may not cover SQLite's writes.
   */
  readonly durability?: 'deferred-fsync' | 'full';
  /**
   * Called once if an fsync of the WAL fails: the store then fails what waits for it and
   * refuses further requests (KW_STORE_FAILED) until restarted. Log it loudly.
   */
  readonly onFailure?: (error: StoreWriteError) => void;
}

const FIND_CACHE_SIZE = 64;

/** A row returned as an array (`setReturnArrays`), columns in SELECT order. */
type Row = readonly unknown[];
// Columns of #selectObject / #selectMetadata (the latter stops before material).
const ROW_OBJECT_TYPE = 2;
const ROW_STATE = 3;
const ROW_OWNER = 4;
const ROW_CREATED_AT = 5;
const ROW_UPDATED_AT = 6;
const ROW_REVISION = 7;
const ROW_ATTRIBUTES = 8;
const ROW_MATERIAL = 9;
// Counting up to this many rows per attribute filter is cheap and tells a selective
// filter from a common one.
const PROBE_BOUND = 1000;

/**
 * Opens (creating and migrating if needed) an embedded SQLite object store.
 * @throws KW_STORE_OPEN, KW_STORE_SCHEMA_TOO_NEW, KW_STORE_MIGRATION, KW_STORE_MASTER_KEY_MISMATCH
 * @example
 * const { key } = await loadOrCreateMasterKey('.keywarden/master.key');
 * const store = await openSqliteStore({ path: '.keywarden/keywarden.db', masterKey: key });
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<ObjectStore> {
  const isDeferred = (options.durability ?? 'deferred-fsync') === 'deferred-fsync';
  const db = await openSqliteDatabase(options.path, options.masterKey, {
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    synchronous: isDeferred ? 'normal' : 'full',
  });
  let wal: WalFileSync | undefined;
  if (isDeferred) {
    wal = new WalFileSync(options.path);
    try {
      // Opens the -wal file (SQLite created it with the connection) and syncs its directory
      // now, so a missing or unsyncable WAL fails the open, not the first write.
      await wal.sync();
    } catch (cause) {
      db.close();
      await wal.close();
      throw new StoreOpenError(options.path, 'the write-ahead log cannot be synced', { cause });
    }
  }
  return new SqliteObjectStore(db, options.masterKey, wal, {
    maxGroupSize: options.maxGroupSize ?? 1000,
    ...(options.maxUnitWaitMs !== undefined && { maxWaitMs: options.maxUnitWaitMs }),
    ...(wal !== undefined && { sync: wal.sync }),
    ...(options.onFailure !== undefined && { onFailure: options.onFailure }),
  });
}

class SqliteObjectStore implements ObjectStore, UnitWrites {
  readonly #db: DatabaseSync;
  readonly #key: MasterKey;
  readonly #writer: SqliteWriter;
  readonly #committer: GroupCommitter;
  readonly #wal: WalFileSync | undefined;
  /** The audit log on this connection, committed with the object writes. */
  readonly audit: AuditLog;
  readonly #audit: SqliteAuditLog;
  readonly #selectObject: StatementSync;
  readonly #selectMetadata: StatementSync;
  readonly #selectExists: StatementSync;
  readonly #queries = new Map<string, StatementSync>();
  #isClosed = false;
  #closing: Promise<void> | undefined;

  constructor(
    db: DatabaseSync,
    key: MasterKey,
    wal: WalFileSync | undefined,
    groupOptions: GroupCommitOptions,
  ) {
    this.#db = db;
    this.#key = key;
    this.#wal = wal;
    this.#writer = new SqliteWriter(db);
    // The audit chain's head is kept in memory and in step with this connection's transactions.
    const head = new AuditChainHead(db);
    this.#committer = new GroupCommitter(
      withAuditHead(sqliteTransactionControl(db, 'kw_write'), head),
      groupOptions,
    );
    this.#audit = new SqliteAuditLog(db, { shared: { committer: this.#committer, head } });
    this.audit = this.#audit;
    this.#selectObject = db.prepare(
      `SELECT seq, id, object_type, state, owner, created_at, updated_at, revision, attrs,
         material
       FROM objects WHERE id = ?`,
    );
    this.#selectMetadata = db.prepare(
      `SELECT seq, id, object_type, state, owner, created_at, updated_at, revision, attrs
       FROM objects WHERE id = ?`,
    );
    this.#selectExists = db.prepare('SELECT 1 FROM objects WHERE id = ?');
    // Rows as arrays: no object with named keys made per row (issue #9). The column order is
    // the SELECT's, read by the ROW_* indexes above. Since schema 3 a read is this one row.
    this.#selectObject.setReturnArrays(true);
    this.#selectMetadata.setReturnArrays(true);
  }

  nextId(): string {
    this.#assertOpen();
    return randomUUID();
  }

  beginUnit(): StoreUnit {
    this.#assertOpen();
    return new SqliteStoreUnit(this, this.#committer, this.audit);
  }

  // With a unit (a request's, see sqlite-unit.ts) a write resolves once staged.
  async create(object: NewStoredObject, unit?: CommitUnit): Promise<WriteResult> {
    this.#assertOpen();
    const op = { op: 'create', object: encodeNewObject(this.#key, object) } as const;
    return this.#committer.enqueue(() => this.#writer.apply(op, Date.now()), unit);
  }

  async update(id: string, patch: ObjectPatch, unit?: CommitUnit): Promise<WriteResult> {
    this.#assertOpen();
    const op = { op: 'update', id, patch: encodePatch(this.#key, id, patch) } as const;
    return this.#committer.enqueue(() => this.#writer.apply(op, Date.now()), unit);
  }

  async delete(id: string, unit?: CommitUnit): Promise<void> {
    this.#assertOpen();
    const op = { op: 'delete', id: checkId(id, 'id') } as const;
    await this.#committer.enqueue(() => this.#writer.apply(op, Date.now()), unit);
  }

  async batch(ops: readonly WriteOp[], unit?: CommitUnit): Promise<WriteResult[]> {
    this.#assertOpen();
    const encoded = encodeOps(this.#key, ops);
    // One queued write: it runs in one savepoint, so it commits whole or not at all.
    return this.#committer.enqueue(() => {
      const now = Date.now();
      return encoded.map((op) => this.#writer.apply(op, now));
    }, unit);
  }

  async get(id: string): Promise<StoredObject> {
    this.#assertOpen();
    const row = this.#selectObject.get(checkId(id, 'id')) as unknown as Row | undefined;
    if (row === undefined) throw new StoreNotFoundError(id);
    return {
      ...this.#metadataOf(id, row),
      material: openMaterial(this.#key, id, row[ROW_MATERIAL] as Uint8Array | null),
    };
  }

  async has(id: string): Promise<boolean> {
    this.#assertOpen();
    return this.#selectExists.get(checkId(id, 'id')) !== undefined;
  }

  async getMetadata(id: string): Promise<StoredObjectMetadata> {
    this.#assertOpen();
    const row = this.#selectMetadata.get(checkId(id, 'id')) as unknown as Row | undefined;
    if (row === undefined) throw new StoreNotFoundError(id);
    return this.#metadataOf(id, row);
  }

  #metadataOf(id: string, row: Row): StoredObjectMetadata {
    const attributes = decodeAttributeList(row[ROW_ATTRIBUTES] as string);
    return {
      id,
      objectType: row[ROW_OBJECT_TYPE] as string,
      state: row[ROW_STATE] as ObjectState,
      owner: row[ROW_OWNER] as string,
      createdAt: new Date(row[ROW_CREATED_AT] as number),
      updatedAt: new Date(row[ROW_UPDATED_AT] as number),
      revision: row[ROW_REVISION] as number,
      attributes,
    };
  }

  async find(query: ObjectQuery): Promise<string[]> {
    this.#assertOpen();
    return this.#run(buildFindSql(query, this.#probe)).map((row) => row[0] as string);
  }

  async count(query: ObjectQuery): Promise<number> {
    this.#assertOpen();
    return this.#run(buildCountSql(query, this.#probe))[0]?.[0] as number;
  }

  stats(): StoreStats {
    return this.#committer.stats();
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#isClosed = true;
    this.#audit.drain();
    this.#committer.drain();
    // The last COMMITs' writes settle only after their fsync: wait for it before closing.
    await this.#committer.settled();
    try {
      // Keeps planner statistics fresh (https://sqlite.org/lang_analyze.html#pragopt).
      this.#db.exec('PRAGMA optimize');
    } finally {
      this.#db.close();
      await this.#wal?.close();
    }
  }

  readonly #probe = (table: ProbeTable, condition: SqlQuery, bound?: number) =>
    this.#run(
      probeSql(table, condition, Math.min(bound ?? PROBE_BOUND, PROBE_BOUND)),
    )[0]?.[0] as number;

  // Every query of sqlite-query.ts selects one column (id or n): rows come as arrays.
  #run(query: SqlQuery): Row[] {
    let statement = this.#queries.get(query.sql);
    if (statement === undefined) {
      statement = this.#db.prepare(query.sql);
      statement.setReturnArrays(true);
      if (this.#queries.size >= FIND_CACHE_SIZE) {
        const oldest = this.#queries.keys().next().value;
        if (oldest !== undefined) this.#queries.delete(oldest);
      }
      this.#queries.set(query.sql, statement);
    }
    return statement.all(...query.params) as unknown as Row[];
  }

  #assertOpen(): void {
    if (this.#isClosed) throw new StoreClosedError();
    // Reads too: they could return rows whose fsync failed, which may vanish in a crash.
    const failure = this.#committer.failure;
    if (failure !== undefined) throw new StoreFailedError({ cause: failure });
  }
}
