/**
 * The audit log on SQLite: appends go through a group commit (one transaction and one fsync
 * for everything queued in an event-loop turn) and resolve only once durable, so a request
 * answered after its records were appended keeps them through kill -9. On the object store's
 * connection (`ObjectStore.audit`) an append made with the request's unit ends the unit: the
 * records go into the transaction that holds the request's object writes (issue #9). The chain
 * head is kept in memory between appends (audit-head.ts) and checked inside each appending
 * transaction against other connections' commits, so several writers (server, CLI) interleave
 * safely.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  AUDIT_COLUMNS,
  appendedAuditRecord,
  auditRecordOf,
  sealAuditEntry,
  type AuditEntry,
  type AuditRecord,
} from './audit-chain.ts';
import { AuditChainHead, withAuditHead } from './audit-head.ts';
import { verifyAuditChain, type AuditVerification } from './audit-verify.ts';
import { StoreClosedError } from './errors.ts';
import { GroupCommitter } from './group-commit.ts';
import type { StoreUnit } from './object-store.ts';
import { sqliteTransactionControl } from './sqlite-transaction.ts';
import { SqliteStoreUnit } from './sqlite-unit.ts';

/** The audit log. */
export interface AuditLog {
  /**
   * Appends records in order; resolves with them once committed durably. Given the unit of a
   * request on the same database, the records end the unit and commit with its writes (one
   * fsync); a unit of another database is left alone (end it separately).
   */
  append(entries: readonly AuditEntry[], unit?: StoreUnit): Promise<AuditRecord[]>;
  /** The newest `count` records, oldest first. */
  tail(count: number): AuditRecord[];
  /** Records with seq greater than `seq`, oldest first, at most `limit`. */
  after(seq: number, limit?: number): AuditRecord[];
  /** Checks the hash chain; see {@link verifyAuditChain}. */
  verify(): AuditVerification;
}

const INSERT_SQL = `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}, hash)
  VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')}, ?)`;

/**
 * The group commit of another owner (the object store's) that this log shares, with the chain
 * head its transactions keep in step ({@link withAuditHead}). One head per connection.
 */
export interface SharedAuditCommit {
  readonly committer: GroupCommitter;
  readonly head: AuditChainHead;
}

/**
 * {@link AuditLog} over an open database (migrated to version 2 or later): with its own group
 * commit, or with the object store's (`shared`), then sharing that store's transactions.
 */
export class SqliteAuditLog implements AuditLog {
  readonly #db: DatabaseSync;
  readonly #committer: GroupCommitter;
  readonly #isCommitterShared: boolean;
  readonly #head: AuditChainHead;
  readonly #insert: StatementSync;
  #isClosed = false;

  constructor(
    db: DatabaseSync,
    options: { maxGroupSize?: number; shared?: SharedAuditCommit } = {},
  ) {
    this.#db = db;
    this.#isCommitterShared = options.shared !== undefined;
    this.#head = options.shared?.head ?? new AuditChainHead(db);
    this.#committer =
      options.shared?.committer ??
      new GroupCommitter(withAuditHead(sqliteTransactionControl(db, 'kw_audit'), this.#head), {
        maxGroupSize: options.maxGroupSize ?? 1000,
      });
    this.#insert = db.prepare(INSERT_SQL);
  }

  append(entries: readonly AuditEntry[], unit?: StoreUnit): Promise<AuditRecord[]> {
    if (this.#isClosed) return Promise.reject(new StoreClosedError());
    if (unit instanceof SqliteStoreUnit && unit.committer === this.#committer) {
      // The unit's last write: committed in the transaction that holds its object writes.
      return this.#committer.finish(unit.unit, () => this.#appendNow(entries));
    }
    if (unit !== undefined) return this.#appendAfter(unit, entries);
    if (entries.length === 0) return Promise.resolve([]);
    return this.#committer.enqueue(() => this.#appendNow(entries));
  }

  /** A unit of another connection: its transaction must end before this one can begin. */
  async #appendAfter(unit: StoreUnit, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    await unit.end();
    return this.append(entries);
  }

  #appendNow(entries: readonly AuditEntry[]): AuditRecord[] {
    if (entries.length === 0) return [];
    let { seq, hash: prev } = this.#head.current();
    const records: AuditRecord[] = [];
    for (const entry of entries) {
      seq++;
      const sealed = sealAuditEntry(entry, seq, prev);
      this.#insert.run(...(sealed.values as never[]), sealed.hash);
      records.push(appendedAuditRecord(entry, sealed));
      prev = sealed.hash;
    }
    // Only once every row is in: a throw above rolls the savepoint back and the head with it.
    this.#head.advance({ seq, hash: prev });
    return records;
  }

  tail(count: number): AuditRecord[] {
    this.#assertOpen();
    return this.#db
      .prepare('SELECT * FROM (SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?) ORDER BY seq')
      .all(Math.max(0, Math.floor(count)))
      .map(auditRecordOf);
  }

  after(seq: number, limit = 1000): AuditRecord[] {
    this.#assertOpen();
    return this.#db
      .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(seq, limit)
      .map(auditRecordOf);
  }

  verify(): AuditVerification {
    this.#assertOpen();
    // Inside an open group the head row is written at COMMIT: bring it up to date first.
    if (this.#db.isTransaction) this.#head.flush();
    return verifyAuditChain(this.#db);
  }

  /** Commits what is queued (a shared group commit is the store's to drain); the caller closes the database. */
  drain(): void {
    this.#isClosed = true;
    if (!this.#isCommitterShared) this.#committer.drain();
  }

  #assertOpen(): void {
    if (this.#isClosed) throw new StoreClosedError();
  }
}
