import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { createAeadKey } from '../../../src/crypto/index.ts';
import { openSqliteStore } from '../../../src/store/index.ts';
import type { ObjectStore, StoredObject } from '../../../src/store/index.ts';
import { SCHEMA_VERSION } from '../../../src/store/migrations.ts';
import { decodeValue } from '../../../src/store/value-codec.ts';
import { V2_FIXTURE_KEY, V2_IDS, V2_QUERIES } from './fixtures/v2-store-data.ts';

// v2-store.sqlite was written by the schema-2 code (fixtures/make-v2-store.ts); the expected
// file is what that code read back and found.
const fixtures = join(import.meta.dirname, 'fixtures');
const expected = decodeValue(await readFile(join(fixtures, 'v2-store.expected.json'), 'utf8')) as {
  objects: Record<string, StoredObject | null>;
  queries: { ids: string[]; count: number }[];
};

const root = await mkdtemp(join(tmpdir(), 'kw-migration-v3-'));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;

async function openMigratedCopy(): Promise<{ store: ObjectStore; path: string }> {
  const path = join(root, `v2-${++counter}.sqlite`);
  await copyFile(join(fixtures, 'v2-store.sqlite'), path);
  const store = await openSqliteStore({ path, masterKey: createAeadKey(V2_FIXTURE_KEY) });
  return { store, path };
}

describe('migration 3 (attribute list on the object row) on a file written by schema 2', () => {
  it('starts from a schema-2 file', async () => {
    const path = join(root, 'v2-raw.sqlite');
    await copyFile(join(fixtures, 'v2-store.sqlite'), path);
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      assert.equal(db.prepare('SELECT max(version) AS v FROM schema_version').get()?.['v'], 2);
    } finally {
      db.close();
    }
  });

  it('reads back every object identically, material included', async () => {
    const { store } = await openMigratedCopy();
    try {
      for (const id of V2_IDS) {
        const want = expected.objects[id];
        if (want === null || want === undefined) {
          assert.equal(await store.has?.(id), false);
          await assert.rejects(store.get(id), { code: 'KW_STORE_NOT_FOUND' });
          continue;
        }
        assert.deepStrictEqual(await store.get(id), want, id);
        const { material: _material, ...metadata } = want;
        assert.deepStrictEqual(await store.getMetadata(id), metadata, id);
      }
    } finally {
      await store.close();
    }
  });

  it('finds and counts exactly what schema 2 found, for every kind of filter', async () => {
    const { store } = await openMigratedCopy();
    try {
      for (const [i, query] of V2_QUERIES.entries()) {
        const want = expected.queries[i];
        assert.deepStrictEqual(await store.find(query), want?.ids, `query ${i}`);
        assert.equal(await store.count(query), want?.count, `query ${i}`);
      }
    } finally {
      await store.close();
    }
  });

  it('leaves schema 3 (no value_json rows) and keeps writing and finding after it', async () => {
    const { store, path } = await openMigratedCopy();
    const [first] = V2_IDS as [string];
    const before = expected.objects[first] as StoredObject;
    try {
      // Rewriting the same list in the new code's order changes nothing but the revision.
      await store.update(first, { attributes: [...before.attributes].reverse() });
      const after1 = await store.get(first);
      assert.deepStrictEqual(after1.attributes, before.attributes);
      assert.equal(after1.revision, before.revision + 1);
      await store.update(first, {
        attributes: [...before.attributes, { name: 'x-new', index: 0, value: 1n }],
      });
      assert.deepStrictEqual(await store.find({ attributes: [{ name: 'x-new', equals: 1n }] }), [
        first,
      ]);
      await store.delete(first);
      assert.deepStrictEqual(
        await store.find({ attributes: [{ name: 'Name', equals: { type: 1, value: 'key-0' } }] }),
        [],
      );
    } finally {
      await store.close();
    }
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      assert.equal(
        db.prepare('SELECT max(version) AS v FROM schema_version').get()?.['v'],
        SCHEMA_VERSION,
      );
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('attributes');
      assert.deepStrictEqual(
        columns.map((c) => c['name']),
        ['object_seq', 'name', 'idx', 'value_key', 'value_date'],
      );
      assert.equal(db.prepare('PRAGMA foreign_key_check').all().length, 0);
      assert.equal(db.prepare('PRAGMA integrity_check').get()?.['integrity_check'], 'ok');
    } finally {
      db.close();
    }
  });
});
