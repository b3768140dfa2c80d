import { open } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { KeywardenError } from '../errors.ts';
import { StoreOpenError } from './errors.ts';
import type { MasterKey } from './master-key.ts';
import { makeKeyCheck, verifyKeyCheck } from './material.ts';
import { migrate } from './migrations.ts';

/** WAL frames after which a COMMIT checkpoints them into the database (SQLite's default is 1,000). */
export const WAL_CHECKPOINT_PAGES = 4000;
/** Size the WAL file is trimmed to when a reset finds it larger (64 MiB). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens the database file durably configured, migrated, and checked against the master key.
 * @throws KW_STORE_OPEN, KW_STORE_SCHEMA_TOO_NEW, KW_STORE_MIGRATION, KW_STORE_MASTER_KEY_MISMATCH
 */
export async function openSqliteDatabase(
  path: string,
  key: MasterKey,
  options: { busyTimeoutMs: number; synchronous?: 'full' | 'normal' },
): Promise<DatabaseSync> {
  if (typeof path !== 'string' || path === '' || path === ':memory:' || path.startsWith('file:')) {
    throw new StoreOpenError(String(path), 'needs a plain file path');
  }
  try {
    // SQLite creates files 0644; the -wal and -shm files copy the main file's mode, so
    // creating it 0600 first keeps metadata and sealed material private to this user.
    await (await open(path, 'a', 0o600)).close();
  } catch (cause) {
    throw new StoreOpenError(path, 'the file cannot be created or opened', { cause });
  }
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, {
      timeout: options.busyTimeoutMs,
      enableForeignKeyConstraints: true,
      enableDoubleQuotedStringLiterals: false,
    });
    configure(db, path);
    migrate(db);
    checkMasterKey(db, key);
    // Refresh planner statistics when the tables changed a lot since the last run, with a
    // bounded sampling cost (https://sqlite.org/lang_analyze.html#recommended_usage_pattern).
    db.exec('PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002');
    // Only now: migrations and the key check above committed with an fsync each. With
    // NORMAL the caller owns durability: it must fsync the WAL before it acknowledges a
    // COMMIT (see wal-sync.ts, durability.ts).
    if (options.synchronous === 'normal') db.exec('PRAGMA synchronous = NORMAL');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof KeywardenError) throw error;
    throw new StoreOpenError(path, 'the database cannot be opened', { cause: error });
  }
}

function configure(db: DatabaseSync, path: string): void {
  // WAL: readers never block the writer, and a commit is one sequential WAL append.
  const mode = db.prepare('PRAGMA journal_mode = WAL').get()?.['journal_mode'];
  if (mode !== 'wal') throw new StoreOpenError(path, `journal_mode is ${String(mode)}, not wal`);
  // FULL: the WAL is fsynced at every commit, so a resolved write survives kill -9 and
  // power loss (https://sqlite.org/pragma.html#pragma_synchronous). The object store may
  // switch to NORMAL afterwards and fsync the WAL itself (options.synchronous).
  db.exec('PRAGMA synchronous = FULL');
  // Statement journals in memory: every write runs in a savepoint (group-commit.ts), and each
  // page it dirties again would otherwise be copied to a temporary file with two pwrite calls
  // (~60 system calls per Create; issue #9). They only serve rollbacks inside the open
  // transaction, never crash recovery (the WAL does), so a crash loses nothing more.
  db.exec('PRAGMA temp_store = MEMORY');
  // Overwrite freed pages with zeros, so destroyed material does not linger in the file.
  db.exec('PRAGMA secure_delete = ON');
  // The auto-checkpoint runs inside a COMMIT on the event loop (issue #9); fewer, larger ones
  // copy each hot page (index and table tails) once per 4,000 frames instead of per 1,000.
  db.exec(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  // SQLite reuses the WAL from its start after a checkpoint but never shrinks the file; this
  // trims it after an unusual growth (a huge batch, a reader in another process pinning it).
  db.exec(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
}

function checkMasterKey(db: DatabaseSync, key: MasterKey): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const row = db.prepare("SELECT value FROM store_meta WHERE name = 'key_check'").get();
    if (row === undefined) {
      db.prepare("INSERT INTO store_meta (name, value) VALUES ('key_check', ?)").run(
        makeKeyCheck(key),
      );
    } else {
      verifyKeyCheck(key, row['value'] as Uint8Array);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
