import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { AEAD_OVERHEAD, createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import { openSqliteStore } from '../../../src/store/index.ts';
import type { MasterKey, ObjectStore } from '../../../src/store/index.ts';
import { runObjectStoreSuite } from './object-store-suite.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-sqlite-store-'));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;

/** A new database path and master key in the shared temp dir. */
function freshDb(): { path: string; key: MasterKey } {
  return { path: join(root, `db-${++counter}.sqlite`), key: createAeadKey(randomBytes(32)) };
}

runObjectStoreSuite('sqlite', async () => {
  const { path, key } = freshDb();
  const store = await openSqliteStore({ path, masterKey: key });
  return { store, reopen: () => openSqliteStore({ path, masterKey: key }) };
});

/** Every file SQLite may hold data in: the database, its WAL and shared memory. */
async function rawFiles(path: string): Promise<Buffer> {
  const parts = await Promise.all(
    [path, `${path}-wal`, `${path}-shm`].map((p) => readFile(p).catch(() => Buffer.alloc(0))),
  );
  return Buffer.concat(parts);
}

async function withStore(
  fn: (store: ObjectStore, path: string, key: MasterKey) => Promise<void>,
): Promise<void> {
  const { path, key } = freshDb();
  const store = await openSqliteStore({ path, masterKey: key });
  try {
    await fn(store, path, key);
  } finally {
    await store.close();
  }
}

describe('openSqliteStore (SQLite specifics)', () => {
  it('never writes key material in plaintext, neither in the database nor in the WAL', async () => {
    await withStore(async (store, path) => {
      const material = randomBytes(48);
      const id = store.nextId();
      await store.create({
        id,
        objectType: 'SymmetricKey',
        state: 'Active',
        owner: 'alice',
        material,
        attributes: [],
      });
      const db = new DatabaseSync(path, { readOnly: true });
      const sealed = db.prepare('SELECT material FROM objects WHERE id = ?').get(id)?.[
        'material'
      ] as Uint8Array;
      db.close();
      assert.equal(sealed.length, material.length + AEAD_OVERHEAD);
      const raw = await rawFiles(path);
      assert.ok(raw.includes(Buffer.from(sealed)), 'the sealed form is what is stored');
      assert.ok(!raw.includes(Buffer.from(material.subarray(0, 16))), 'plaintext found on disk');
    });
  });

  it('detects sealed material moved onto another row (AAD binds it to the object id)', async () => {
    await withStore(async (store, path) => {
      const ids = [store.nextId(), store.nextId()] as const;
      for (const id of ids) {
        await store.create({
          id,
          objectType: 'SymmetricKey',
          state: 'Active',
          owner: 'alice',
          material: randomBytes(32),
          attributes: [],
        });
      }
      const db = new DatabaseSync(path);
      db.prepare(
        'UPDATE objects SET material = (SELECT material FROM objects WHERE id = ?) WHERE id = ?',
      ).run(ids[0], ids[1]);
      db.close();
      await assert.rejects(store.get(ids[1]), (err: Error & { code?: string; cause?: unknown }) => {
        assert.equal(err.code, 'KW_STORE_MATERIAL');
        assert.equal((err as { objectId?: string }).objectId, ids[1]);
        assert.equal((err.cause as { code?: string }).code, 'KW_CRYPTO_DECRYPT');
        return true;
      });
      assert.equal((await store.get(ids[0])).id, ids[0]);
      // getMetadata never opens the material: it still reads the row whose seal is broken.
      const { material: _material, ...metadata } = await store.get(ids[0]);
      assert.equal((await store.getMetadata(ids[1])).id, ids[1]);
      assert.deepEqual(await store.getMetadata(ids[0]), metadata);
    });
  });

  it('leaves no trace of destroyed or deleted material in the files after close', async () => {
    const { path, key } = freshDb();
    const store = await openSqliteStore({ path, masterKey: key });
    const ids = Array.from({ length: 12 }, () => store.nextId());
    for (const id of ids) {
      await store.create({
        id,
        objectType: 'SymmetricKey',
        state: 'Active',
        owner: 'alice',
        material: randomBytes(64),
        attributes: [],
      });
    }
    const db = new DatabaseSync(path, { readOnly: true });
    const sealedOf = (id: string | undefined): Buffer =>
      Buffer.from(
        db.prepare('SELECT material FROM objects WHERE id = ?').get(id!)?.[
          'material'
        ] as Uint8Array,
      );
    const destroyed = sealedOf(ids[3]);
    const deleted = sealedOf(ids[7]);
    const kept = sealedOf(ids[9]);
    db.close();
    await store.update(ids[3]!, { state: 'Destroyed', material: null });
    await store.delete(ids[7]!);
    await store.close();
    const raw = await rawFiles(path);
    assert.ok(raw.includes(kept), 'the check can see ciphertext that should be there');
    assert.ok(!raw.includes(destroyed), 'ciphertext of destroyed material still on disk');
    assert.ok(!raw.includes(deleted), 'ciphertext of a deleted object still on disk');
  });

  it('refuses a different master key with KW_STORE_MASTER_KEY_MISMATCH at open', async () => {
    const { path, key } = freshDb();
    await (await openSqliteStore({ path, masterKey: key })).close();
    await assert.rejects(openSqliteStore({ path, masterKey: createAeadKey(randomBytes(32)) }), {
      code: 'KW_STORE_MASTER_KEY_MISMATCH',
    });
    await (await openSqliteStore({ path, masterKey: key })).close();
  });

  it(
    'creates the database file readable by its owner only',
    { skip: process.platform === 'win32' },
    async () => {
      await withStore(async (_store, path) => {
        assert.equal((await stat(path)).mode & 0o777, 0o600);
      });
    },
  );

  it('uses WAL mode (a -wal file exists while open)', async () => {
    await withStore(async (_store, path) => {
      const db = new DatabaseSync(path, { readOnly: true });
      assert.equal(db.prepare('PRAGMA journal_mode').get()?.['journal_mode'], 'wal');
      db.close();
      await stat(`${path}-wal`);
    });
  });

  it('refuses an in-memory or URI path with KW_STORE_OPEN', async () => {
    for (const path of [':memory:', '', 'file:x.db?mode=memory']) {
      await assert.rejects(openSqliteStore({ path, masterKey: createAeadKey(randomBytes(32)) }), {
        code: 'KW_STORE_OPEN',
      });
    }
  });

  it('reports a path it cannot create with KW_STORE_OPEN', async () => {
    await assert.rejects(
      openSqliteStore({
        path: join(root, 'no-dir', 'x.db'),
        masterKey: createAeadKey(randomBytes(32)),
      }),
      { code: 'KW_STORE_OPEN' },
    );
  });

  it('refuses a file that is not a SQLite database with KW_STORE_OPEN', async () => {
    const { path, key } = freshDb();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, 'this is not a database, just some text that is long enough'.repeat(20));
    await assert.rejects(openSqliteStore({ path, masterKey: key }), { code: 'KW_STORE_OPEN' });
  });

  it('caps a commit group at maxGroupSize writes', async () => {
    const { path, key } = freshDb();
    const store = await openSqliteStore({ path, masterKey: key, maxGroupSize: 10 });
    try {
      await Promise.all(
        Array.from({ length: 35 }, () =>
          store.create({
            id: store.nextId(),
            objectType: 'SymmetricKey',
            state: 'Active',
            owner: 'a',
            material: null,
            attributes: [],
          }),
        ),
      );
      assert.equal(store.stats().largestGroup, 10);
      assert.equal(store.stats().commits, 4);
      assert.equal(await store.count({}), 35);
    } finally {
      await store.close();
    }
  });
});
