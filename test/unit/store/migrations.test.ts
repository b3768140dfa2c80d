import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import { openSqliteStore, SCHEMA_VERSION } from '../../../src/store/index.ts';
import { currentVersion, migrate, MIGRATIONS } from '../../../src/store/migrations.ts';
import type { Migration } from '../../../src/store/migrations.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-migrations-'));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = (): string => join(root, `m-${++counter}.sqlite`);

function tables(db: DatabaseSync): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r['name'] as string);
}

const v1: Migration = { version: 1, description: 'one', up: 'CREATE TABLE a (x INTEGER)' };
const v2: Migration = { version: 2, description: 'two', up: 'CREATE TABLE b (y INTEGER)' };

describe('migrate', () => {
  it('brings an empty database to the newest version and records each step', () => {
    const db = new DatabaseSync(freshPath());
    assert.deepEqual(migrate(db), { from: 0, to: SCHEMA_VERSION });
    assert.equal(currentVersion(db), SCHEMA_VERSION);
    const rows = db
      .prepare('SELECT version, description FROM schema_version ORDER BY version')
      .all();
    assert.deepEqual(
      rows.map((r) => r['version']),
      MIGRATIONS.map((m) => m.version),
    );
    for (const name of ['attributes', 'objects', 'store_meta']) {
      assert.ok(tables(db).includes(name), name);
    }
    db.close();
  });

  it('does nothing on a database that is already current', () => {
    const db = new DatabaseSync(freshPath());
    migrate(db);
    assert.deepEqual(migrate(db), { from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    assert.equal(
      db.prepare('SELECT count(*) AS n FROM schema_version').get()?.['n'],
      MIGRATIONS.length,
    );
    db.close();
  });

  it('applies only the steps a database is missing', () => {
    const db = new DatabaseSync(freshPath());
    migrate(db, [v1]);
    assert.deepEqual(migrate(db, [v1, v2]), { from: 1, to: 2 });
    assert.ok(tables(db).includes('b'));
    db.close();
  });

  it('runs a function step inside the same transaction as its version row', () => {
    const db = new DatabaseSync(freshPath());
    const step: Migration = {
      version: 2,
      description: 'data',
      up: (d) => d.exec('CREATE TABLE c (z INTEGER); INSERT INTO c VALUES (42)'),
    };
    migrate(db, [v1, step]);
    assert.equal(db.prepare('SELECT z FROM c').get()?.['z'], 42);
    db.close();
  });

  it('rolls back a failing step whole and reports KW_STORE_MIGRATION with its version', () => {
    const db = new DatabaseSync(freshPath());
    const broken: Migration = {
      version: 2,
      description: 'broken',
      up: 'CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1)',
    };
    assert.throws(() => migrate(db, [v1, broken]), { code: 'KW_STORE_MIGRATION', version: 2 });
    assert.equal(currentVersion(db), 1);
    assert.ok(!tables(db).includes('half'), 'partial DDL of the failed step was kept');
    assert.equal(db.isTransaction, false);
    db.close();
  });

  it('refuses a database newer than the code with KW_STORE_SCHEMA_TOO_NEW and leaves it alone', () => {
    const db = new DatabaseSync(freshPath());
    migrate(db, [v1, v2]);
    assert.throws(() => migrate(db, [v1]), {
      code: 'KW_STORE_SCHEMA_TOO_NEW',
      databaseVersion: 2,
      supportedVersion: 1,
    });
    assert.equal(currentVersion(db), 2);
    db.close();
  });

  it('rejects a step list that is not numbered 1, 2, 3…', () => {
    const db = new DatabaseSync(freshPath());
    assert.throws(() => migrate(db, [v2]), /numbered/);
    assert.throws(() => migrate(db, [v1, v1]), /numbered/);
    db.close();
  });
});

describe('openSqliteStore and the schema version', () => {
  it('refuses to open a database written by a newer Keywarden (KW_STORE_SCHEMA_TOO_NEW)', async () => {
    const path = freshPath();
    const key = createAeadKey(randomBytes(32));
    await (await openSqliteStore({ path, masterKey: key })).close();
    const db = new DatabaseSync(path);
    db.prepare(
      "INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'future', '')",
    ).run(SCHEMA_VERSION + 1);
    db.close();
    await assert.rejects(openSqliteStore({ path, masterKey: key }), {
      code: 'KW_STORE_SCHEMA_TOO_NEW',
      databaseVersion: SCHEMA_VERSION + 1,
      supportedVersion: SCHEMA_VERSION,
    });
  });

  it('reopens its own database without migrating again', async () => {
    const path = freshPath();
    const key = createAeadKey(randomBytes(32));
    await (await openSqliteStore({ path, masterKey: key })).close();
    await (await openSqliteStore({ path, masterKey: key })).close();
    const db = new DatabaseSync(path, { readOnly: true });
    assert.equal(
      db.prepare('SELECT count(*) AS n FROM schema_version').get()?.['n'],
      MIGRATIONS.length,
    );
    db.close();
  });
});
