/**
 * The audit log on SQLite: appends go through a group commit (one transaction and one fsync
 * for everything queued in an event-loop turn) and resolve only once durable, so a request
 * answered after its records were appended keeps them through kill -9. The chain link of each
 * record is read inside the appending transaction, so several writers (server, CLI) interleave
 * safely.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  AUDIT_COLUMNS,
  GENESIS_HASH,
  auditRecordOf,
  auditRowOf,
  hashAuditRow,
  type AuditEntry,
  type AuditRecord,
} from './audit-chain.ts';
import { verifyAuditChain, type AuditVerification } from './audit-verify.ts';
import { StoreClosedError } from './errors.ts';
import { GroupCommitter } from './group-commit.ts';

/** The audit log. */
export interface AuditLog {
  /** Appends records in order; resolves with them once committed durably. */
  append(entries: readonly AuditEntry[]): Promise<AuditRecord[]>;
  /** The newest `count` records, oldest first. */
  tail(count: number): AuditRecord[];
  /** Records with seq greater than `seq`, oldest first, at most `limit`. */
  after(seq: number, limit?: number): AuditRecord[];
  /** Checks the hash chain; see {@link verifyAuditChain}. */
  verify(): AuditVerification;
}

const INSERT_SQL = `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}, hash)
  VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')}, ?)`;

/** {@link AuditLog} over an open database (migrated to version 2 or later). */
export class SqliteAuditLog implements AuditLog {
  readonly #db: DatabaseSync;
  readonly #committer: GroupCommitter;
  readonly #last: StatementSync;
  readonly #insert: StatementSync;
  readonly #head: StatementSync;
  #isClosed = false;

  constructor(db: DatabaseSync, options: { maxGroupSize?: number } = {}) {
    this.#db = db;
    this.#committer = new GroupCommitter(
      {
        begin: () => db.exec('BEGIN IMMEDIATE'),
        commit: () => db.exec('COMMIT'),
        rollback: () => db.exec('ROLLBACK'),
        savepoint: () => db.exec('SAVEPOINT kw_audit'),
        release: () => db.exec('RELEASE kw_audit'),
        rollbackToSavepoint: () => db.exec('ROLLBACK TO kw_audit; RELEASE kw_audit'),
      },
      { maxGroupSize: options.maxGroupSize ?? 1000 },
    );
    this.#last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.#insert = db.prepare(INSERT_SQL);
    this.#head = db.prepare(
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    );
  }

  append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (this.#isClosed) return Promise.reject(new StoreClosedError());
    if (entries.length === 0) return Promise.resolve([]);
    return this.#committer.enqueue(() => this.#appendNow(entries));
  }

  #appendNow(entries: readonly AuditEntry[]): AuditRecord[] {
    const last = this.#last.get();
    let seq = last === undefined ? 0 : Number(last['seq']);
    let prev = last === undefined ? GENESIS_HASH : String(last['hash']);
    const records: AuditRecord[] = [];
    for (const entry of entries) {
      seq++;
      const row = auditRowOf(entry, seq, prev);
      const hash = hashAuditRow(row);
      this.#insert.run(...AUDIT_COLUMNS.map((c) => row[c] as never), hash);
      records.push(auditRecordOf({ ...row, hash }));
      prev = hash;
    }
    this.#head.run(seq, prev);
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
    return verifyAuditChain(this.#db);
  }

  /** Commits what is queued; the caller closes the database. */
  drain(): void {
    this.#isClosed = true;
    this.#committer.drain();
  }

  #assertOpen(): void {
    if (this.#isClosed) throw new StoreClosedError();
  }
}
