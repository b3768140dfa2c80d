/**
 * The audit chain's head (the last record's seq and hash) kept in memory for one connection,
 * so an append does not read the last row back for every record, and `audit_head` written
 * once per transaction instead of once per record (issue #9). It is trusted only while it
 * provably matches the file:
 * - a ROLLBACK (whole or to a savepoint) forgets it: the next append reads the last row again;
 * - each transaction starts by comparing `PRAGMA data_version`, which changes when any other
 *   connection (the CLI, another process, another connection of this process) committed to
 *   the file; then it is read again. Under BEGIN IMMEDIATE no one else can write until COMMIT.
 * Should it still be stale, the next record's seq exists already (seq is the primary key),
 * so the INSERT fails and rolls back rather than forking the chain.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { GENESIS_HASH } from './audit-chain.ts';
import type { TransactionControl } from './group-commit.ts';

/** Where the next audit record links to. */
export interface AuditChainLink {
  /** The last record's seq (0 for an empty log). */
  readonly seq: number;
  /** The last record's hash ({@link GENESIS_HASH} for an empty log). */
  readonly hash: string;
}

/** The audit chain's head of one connection; wire it in with {@link withAuditHead}. */
export class AuditChainHead {
  readonly #last: StatementSync;
  readonly #upsert: StatementSync;
  readonly #dataVersion: StatementSync;
  /** The head as of the open transaction, when known. */
  #link: AuditChainLink | undefined;
  /** `data_version` when {@link #link} was last known to match the file. */
  #version: unknown;
  /** Set by BEGIN: the first append of the transaction checks `data_version`. */
  #mustCheckVersion = true;
  /** Records were appended in the open transaction: `audit_head` is written before COMMIT. */
  #isDirty = false;

  constructor(db: DatabaseSync) {
    this.#last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.#upsert = db.prepare(
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    );
    this.#dataVersion = db.prepare('PRAGMA data_version');
    this.#dataVersion.setReturnArrays(true);
  }

  /** The head to link the next record to; call inside the writing transaction. */
  current(): AuditChainLink {
    if (this.#mustCheckVersion) {
      this.#mustCheckVersion = false;
      const version = (this.#dataVersion.get() as unknown as readonly unknown[] | undefined)?.[0];
      if (version !== this.#version) {
        this.#version = version;
        this.#link = undefined;
      }
    }
    return (this.#link ??= this.#read());
  }

  /** Records that the transaction now ends at `link` (after its records were inserted). */
  advance(link: AuditChainLink): void {
    this.#link = link;
    this.#isDirty = true;
  }

  /** After BEGIN. */
  began(): void {
    this.#mustCheckVersion = true;
    this.#isDirty = false;
  }

  /** Writes `audit_head` if the open transaction appended records; before COMMIT (or a verify). */
  flush(): void {
    if (!this.#isDirty) return;
    const link = (this.#link ??= this.#read());
    this.#upsert.run(link.seq, link.hash);
    this.#isDirty = false;
  }

  /** After a ROLLBACK, whole or to a savepoint: what was undone is not known here. */
  rolledBack(isWhole: boolean): void {
    this.#link = undefined;
    // A partial rollback keeps the transaction's earlier records, whose head is still due.
    if (isWhole) this.#isDirty = false;
  }

  #read(): AuditChainLink {
    const last = this.#last.get();
    return last === undefined
      ? { seq: 0, hash: GENESIS_HASH }
      : { seq: Number(last['seq']), hash: String(last['hash']) };
  }
}

/**
 * `tx` with `head` kept in step: told of BEGIN and of every ROLLBACK (before the SQL runs, so
 * a failing ROLLBACK still forgets it), and writing `audit_head` just before COMMIT (a failure
 * there fails the COMMIT, and the group rolls back).
 */
export function withAuditHead(tx: TransactionControl, head: AuditChainHead): TransactionControl {
  return {
    begin: () => {
      tx.begin();
      head.began();
    },
    commit: () => {
      head.flush();
      tx.commit();
    },
    rollback: () => {
      head.rolledBack(true);
      tx.rollback();
    },
    savepoint: () => tx.savepoint(),
    release: () => tx.release(),
    rollbackToSavepoint: () => {
      head.rolledBack(false);
      tx.rollbackToSavepoint();
    },
  };
}
