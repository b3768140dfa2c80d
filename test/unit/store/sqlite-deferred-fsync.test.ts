import assert from 'node:assert/strict';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import {
  openSqliteStore,
  type NewStoredObject,
  type ObjectStore,
} from '../../../src/store/index.ts';
import type { StoreWriteError } from '../../../src/store/index.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-deferred-fsync-'));
after(() => rm(root, { recursive: true, force: true }));
const masterKey = createAeadKey(randomBytes(32));

let counter = 0;
function newKey(n: number): NewStoredObject {
  return {
    id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    objectType: 'SymmetricKey',
    state: 'PreActive',
    owner: 'alice',
    attributes: [{ name: 'Name', index: 0, value: `key-${n}` }],
    material: new Uint8Array(32).fill(n % 256),
  };
}

async function created(store: ObjectStore, n: number): Promise<string> {
  const object = newKey(n);
  await store.create(object);
  return object.id;
}

describe('SQLite store with deferred fsync (default durability)', () => {
  it('acknowledges writes after an fsync of the WAL; durability "full" needs none', async () => {
    const path = join(root, 'stats.db');
    const store = await openSqliteStore({ path, masterKey });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.create(newKey(i))));
    const stats = store.stats();
    assert.ok((stats.syncs ?? 0) >= 1);
    assert.ok((stats.syncs ?? 0) <= stats.commits, 'one fsync may cover several commits');
    await store.close();
    const full = await openSqliteStore({ path, masterKey, durability: 'full' });
    await full.create(newKey(99));
    assert.equal(full.stats().syncs, undefined);
    await full.close();
  });

  it('keeps syncing the same WAL file after a checkpoint resets it', async () => {
    const path = join(root, 'reset.db');
    const store = await openSqliteStore({ path, masterKey });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await created(store, i));
    const inode = (await stat(`${path}-wal`)).ino;
    // Another connection (e.g. the CLI) checkpoints everything and truncates the WAL.
    const other = new DatabaseSync(path);
    const [result] = other.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
    other.close();
    assert.equal(result?.['busy'], 0);
    assert.equal((await stat(`${path}-wal`)).size, 0);
    const syncsBefore = store.stats().syncs ?? 0;
    for (let i = 20; i < 40; i++) ids.push(await created(store, i));
    const after = await stat(`${path}-wal`);
    assert.equal(
      after.ino,
      inode,
      'SQLite rewrote the WAL in place: our descriptor still covers it',
    );
    assert.ok(after.size > 0, 'the new frames are in that file');
    assert.ok((store.stats().syncs ?? 0) >= syncsBefore + 20);
    await store.close();
    const reopened = await openSqliteStore({ path, masterKey });
    for (const [i, id] of ids.entries()) {
      assert.deepEqual((await reopened.get(id)).material, new Uint8Array(32).fill(i));
    }
    await reopened.close();
  });

  it('waits in close for the fsync of the last writes', async () => {
    const store = await openSqliteStore({ path: join(root, 'close.db'), masterKey });
    const settled: string[] = [];
    const writes = Array.from({ length: 10 }, (_, i) =>
      store.create(newKey(i)).then(() => settled.push('write')),
    );
    await store.close();
    settled.push('closed');
    await Promise.all(writes);
    assert.deepEqual(settled, [...Array.from({ length: 10 }, () => 'write'), 'closed']);
  });

  it('fails the waiting writes and then refuses everything when an fsync fails', async (t) => {
    const path = join(root, 'failing.db');
    const failures: StoreWriteError[] = [];
    const store = await openSqliteStore({
      path,
      masterKey,
      onFailure: (error) => failures.push(error),
    });
    const kept = newKey(1);
    await store.create(kept);
    // From now on every fdatasync fails, standing in for an I/O error of the disk.
    const probe = await open(path, 'r');
    const fileHandle = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    t.mock.method(fileHandle, 'datasync', () =>
      Promise.reject(Object.assign(new Error('injected I/O error'), { code: 'EIO' })),
    );
    const results = await Promise.allSettled([store.create(newKey(2)), store.create(newKey(3))]);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.equal((result.reason as { code?: string }).code, 'KW_STORE_WRITE');
    }
    assert.equal(failures.length, 1);
    assert.equal((failures[0]?.cause as { code?: string }).code, 'EIO');
    await assert.rejects(store.create(newKey(4)), { code: 'KW_STORE_FAILED' });
    await assert.rejects(store.get(kept.id), { code: 'KW_STORE_FAILED' });
    assert.throws(() => store.beginUnit?.(), { code: 'KW_STORE_FAILED' });
    await store.close();
    assert.equal(failures.length, 1, 'reported once');
  });
});
