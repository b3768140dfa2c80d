import type { DatabaseSync } from 'node:sqlite';
import { StoreMigrationError, StoreSchemaTooNewError } from './errors.ts';

/** One schema step. Versions start at 1 and go up by one; a released step is never edited. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  /** SQL script, or a function for steps that must move data. Runs inside a transaction. */
  readonly up: string | ((db: DatabaseSync) => void);
}

/** The SQLite schema history, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'objects, attributes, store_meta',
    // seq is the creation order and the join key: an INTEGER rowid makes attribute rows
    // and their (name, value_key) index far smaller than a 36-char UUID would at 1e6
    // objects. AUTOINCREMENT: a deleted seq is never handed out again.
    up: `
      CREATE TABLE objects (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        object_type TEXT NOT NULL,
        state TEXT NOT NULL,
        owner TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        revision INTEGER NOT NULL,
        material BLOB
      ) STRICT;
      CREATE INDEX objects_type_state ON objects (object_type, state);
      CREATE INDEX objects_owner ON objects (owner);
      CREATE INDEX objects_created ON objects (created_at);
      CREATE TABLE attributes (
        object_seq INTEGER NOT NULL REFERENCES objects (seq) ON DELETE CASCADE,
        name TEXT NOT NULL,
        idx INTEGER NOT NULL,
        value_json TEXT NOT NULL,
        value_key TEXT NOT NULL,
        value_date INTEGER,
        PRIMARY KEY (object_seq, name, idx)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX attributes_name_key ON attributes (name, value_key);
      CREATE INDEX attributes_name_date ON attributes (name, value_date)
        WHERE value_date IS NOT NULL;
      CREATE TABLE store_meta (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'audit log (hash-chained), local users',
    // audit_log.seq is assigned by the writer (last + 1) inside the appending transaction, so
    // the chain order is the seq order. audit_head repeats the last seq and hash: deleting the
    // newest records (which no later record links to) still shows as a break.
    up: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        connection_id TEXT,
        peer_address TEXT,
        certificate_cn TEXT,
        identity TEXT,
        groups_json TEXT,
        auth_method TEXT,
        kmip_version TEXT,
        batch_item INTEGER,
        operation TEXT NOT NULL,
        object_ids_json TEXT NOT NULL,
        result_status TEXT NOT NULL,
        result_reason TEXT,
        result_message TEXT,
        duration_ms REAL NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_time ON audit_log (time);
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TABLE users (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        groups_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    description: 'attribute list on the object row; attributes as a search index only',
    // issue #9: a read took ~14 attribute rows and decoded each value; now it takes the
    // object row and parses one JSON array (attribute-list.ts). The attributes table keeps
    // what searches need (value_key, value_date), so its rows and pages are about half as big.
    // The list is built in SQL from the v2 rows, in the order reads returned them (name by
    // BINARY collation, then idx), each value_json kept as it was.
    up: `
      ALTER TABLE objects ADD COLUMN attrs TEXT NOT NULL DEFAULT '[]';
      UPDATE objects SET attrs = coalesce((
        SELECT '[' || group_concat(
            '[' || json_quote(a.name) || ',' || a.idx || ',' || a.value_json || ']', ','
            ORDER BY a.name, a.idx) || ']'
        FROM attributes a WHERE a.object_seq = objects.seq), '[]');
      CREATE TABLE attributes_v3 (
        object_seq INTEGER NOT NULL REFERENCES objects (seq) ON DELETE CASCADE,
        name TEXT NOT NULL,
        idx INTEGER NOT NULL,
        value_key TEXT NOT NULL,
        value_date INTEGER,
        PRIMARY KEY (object_seq, name, idx)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO attributes_v3 (object_seq, name, idx, value_key, value_date)
        SELECT object_seq, name, idx, value_key, value_date FROM attributes;
      DROP TABLE attributes;
      ALTER TABLE attributes_v3 RENAME TO attributes;
      CREATE INDEX attributes_name_key ON attributes (name, value_key);
      CREATE INDEX attributes_name_date ON attributes (name, value_date)
        WHERE value_date IS NOT NULL;
    `,
  },
  {
    version: 4,
    description: 'attribute sets: shared boolean and integer search values',
    // issue #9: attribute-sets.ts. Objects written before keep their search rows (attr_set
    // NULL); searches check rows and sets alike, so nothing needs moving.
    up: `
      CREATE TABLE attribute_sets (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE TABLE attribute_set_rows (
        set_id INTEGER NOT NULL REFERENCES attribute_sets (id),
        name TEXT NOT NULL,
        idx INTEGER NOT NULL,
        value_key TEXT NOT NULL,
        value_date INTEGER,
        PRIMARY KEY (set_id, name, idx)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX attribute_set_rows_name_key ON attribute_set_rows (name, value_key);
      ALTER TABLE objects ADD COLUMN attr_set INTEGER REFERENCES attribute_sets (id);
      CREATE INDEX objects_attr_set ON objects (attr_set) WHERE attr_set IS NOT NULL;
    `,
  },
];

/** The schema version this code writes and understands. */
export const SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the database up to the newest version in `migrations`, each step in its own
 * IMMEDIATE transaction (so two processes opening one file at once do not both migrate).
 * Returns the version found and the version reached.
 * @throws StoreSchemaTooNewError (KW_STORE_SCHEMA_TOO_NEW) if the file is newer than the code.
 * @throws StoreMigrationError (KW_STORE_MIGRATION) if a step fails; that step is rolled back.
 */
export function migrate(
  db: DatabaseSync,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  assertOrdered(migrations);
  const known = migrations.at(-1)?.version ?? 0;
  const from = inTransaction(db, () => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    return currentVersion(db);
  });
  if (from > known) throw new StoreSchemaTooNewError(from, known);
  for (const step of migrations) {
    if (step.version <= from) continue;
    try {
      inTransaction(db, () => {
        // Another process may have applied this step since we looked.
        if (currentVersion(db) >= step.version) return;
        if (typeof step.up === 'string') db.exec(step.up);
        else step.up(db);
        db.prepare(
          'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
        ).run(step.version, step.description, new Date().toISOString());
      });
    } catch (cause) {
      throw new StoreMigrationError(step.version, { cause });
    }
  }
  return { from, to: Math.max(from, known) };
}

/** The highest applied schema version, 0 for an empty database. */
export function currentVersion(db: DatabaseSync): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get();
  const v = row?.['v'];
  return typeof v === 'number' ? v : 0;
}

function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migrations must be numbered 1, 2, 3…; found ${m.version} at position ${i}`);
    }
  });
}
