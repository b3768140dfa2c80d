/**
 * The {@link TransactionControl} of a group commit on one SQLite connection. The statements run
 * on every write (SAVEPOINT and RELEASE around each, BEGIN and COMMIT per group) are prepared
 * once: `exec` parses its SQL on every call, ~1 µs per write (issue #9). The rollbacks, rare,
 * stay `exec`.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { TransactionControl } from './group-commit.ts';

/** Transactions on `db` with BEGIN IMMEDIATE, each write in savepoint `savepoint`. */
export function sqliteTransactionControl(
  db: DatabaseSync,
  savepoint: 'kw_write' | 'kw_audit',
): TransactionControl {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const open = db.prepare(`SAVEPOINT ${savepoint}`);
  const release = db.prepare(`RELEASE ${savepoint}`);
  return {
    begin: () => begin.run(),
    commit: () => commit.run(),
    rollback: () => db.exec('ROLLBACK'),
    savepoint: () => open.run(),
    release: () => release.run(),
    rollbackToSavepoint: () => db.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`),
  };
}
