import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { createAeadKey } from '../../../src/crypto/index.ts';
import { openSqliteStore } from '../../../src/store/index.ts';
import type { ObjectQuery, ObjectStore, StoredObject } from '../../../src/store/index.ts';
import { decodeValue } from '../../../src/store/value-codec.ts';
import { V2_FIXTURE_KEY, V2_IDS, V2_QUERIES } from './fixtures/v2-store-data.ts';
import { holds } from './plain-scan.ts';

// v3-store.sqlite was written by the schema-3 code (commit e4fb7fa) with the generator of the
// v2 fixture (fixtures/make-v2-store.ts, then renamed): every search value is a row there.
const fixtures = join(import.meta.dirname, 'fixtures');
const expected = decodeValue(await readFile(join(fixtures, 'v3-store.expected.json'), 'utf8')) as {
  objects: Record<string, StoredObject | null>;
  queries: { ids: string[]; count: number }[];
};

const root = await mkdtemp(join(tmpdir(), 'kw-migration-v4-'));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;

async function openMigratedCopy(): Promise<{ store: ObjectStore; path: string }> {
  const path = join(root, `v3-${++counter}.sqlite`);
  await copyFile(join(fixtures, 'v3-store.sqlite'), path);
  const store = await openSqliteStore({ path, masterKey: createAeadKey(V2_FIXTURE_KEY) });
  return { store, path };
}

/** Every query of the fixture that has only attribute filters, checked against a scan. */
async function assertScanAgrees(store: ObjectStore): Promise<void> {
  const all: StoredObject[] = [];
  for (const id of await store.find({})) all.push(await store.get(id));
  const queries = V2_QUERIES.filter(
    (q): q is ObjectQuery & Required<Pick<ObjectQuery, 'attributes'>> =>
      q.attributes !== undefined && Object.keys(q).length === 1,
  );
  assert.ok(queries.length >= 10);
  for (const query of queries) {
    const want = all
      .filter((o) => query.attributes.every((f) => holds(o.attributes, f)))
      .map((o) => o.id);
    assert.deepStrictEqual(await store.find(query), want, query.attributes[0]?.name);
    assert.equal(await store.count(query), want.length);
  }
}

describe('migration 4 (attribute sets) on a file written by schema 3', () => {
  it('starts from a schema-3 file with every search value in rows', () => {
    const db = new DatabaseSync(join(fixtures, 'v3-store.sqlite'), { readOnly: true });
    try {
      assert.equal(db.prepare('SELECT max(version) AS v FROM schema_version').get()?.['v'], 3);
      const n = db.prepare(
        "SELECT count(*) AS n FROM attributes WHERE name = 'CryptographicLength'",
      );
      assert.equal(n.get()?.['n'], 23);
    } finally {
      db.close();
    }
  });

  it('reads back every object and finds exactly what schema 3 found', async () => {
    const { store } = await openMigratedCopy();
    try {
      for (const id of V2_IDS) {
        const want = expected.objects[id];
        if (want === null || want === undefined) continue;
        assert.deepStrictEqual(await store.get(id), want, id);
      }
      for (const [i, query] of V2_QUERIES.entries()) {
        assert.deepStrictEqual(await store.find(query), expected.queries[i]?.ids, `query ${i}`);
        assert.equal(await store.count(query), expected.queries[i]?.count, `query ${i}`);
      }
    } finally {
      await store.close();
    }
  });

  it('finds old objects (rows) and new ones (sets) alike, before and after an update', async () => {
    const { store, path } = await openMigratedCopy();
    try {
      // Copies of every live object: the same search values, now in attribute sets.
      for (const id of V2_IDS) {
        const old = expected.objects[id];
        if (old === null || old === undefined) continue;
        const { id: _id, createdAt: _c, updatedAt: _u, revision: _r, ...rest } = old;
        await store.create({ ...rest, id: store.nextId() });
      }
      await assertScanAgrees(store);
      // An old object rewritten: its booleans and integers leave the rows for a set.
      const first = V2_IDS[0] as string;
      const before = expected.objects[first] as StoredObject;
      await store.update(first, {
        attributes: before.attributes.filter((a) => a.name !== 'CryptographicAlgorithm'),
      });
      await assertScanAgrees(store);
    } finally {
      await store.close();
    }
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const old = db.prepare(
        `SELECT count(*) AS n FROM attributes a JOIN objects o ON o.seq = a.object_seq
         WHERE o.id = ? AND a.name = 'CryptographicLength'`,
      );
      assert.equal(old.get(V2_IDS[0] as string)?.['n'], 0);
      assert.equal(old.get(V2_IDS[1] as string)?.['n'], 1);
      assert.ok(
        (db.prepare('SELECT count(*) AS n FROM attribute_sets').get()?.['n'] as number) > 1,
      );
      assert.equal(db.prepare('PRAGMA foreign_key_check').all().length, 0);
      assert.equal(db.prepare('PRAGMA integrity_check').get()?.['integrity_check'], 'ok');
    } finally {
      db.close();
    }
  });
});
