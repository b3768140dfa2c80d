import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import { openSqliteStore, type NewStoredObject } from '../../../src/store/index.ts';
import {
  openSqliteDatabase,
  WAL_CHECKPOINT_PAGES,
  WAL_SIZE_LIMIT_BYTES,
} from '../../../src/store/sqlite-open.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-sqlite-open-'));
after(() => rm(root, { recursive: true, force: true }));
const masterKey = createAeadKey(randomBytes(32));
// A WAL frame is a 24-byte header and one page (4 KiB, SQLite's default page size).
const FRAME_BYTES = 24 + 4096;

function newKey(n: number): NewStoredObject {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    objectType: 'SymmetricKey',
    state: 'PreActive',
    owner: 'alice',
    attributes: [
      { name: 'Name', index: 0, value: `key-${n}` },
      { name: 'x-random', index: 0, value: Buffer.from(randomBytes(16)).toString('hex') },
    ],
    material: new Uint8Array(32).fill(n % 256),
  };
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.size,
    () => undefined,
  );
}

describe('openSqliteDatabase: WAL checkpoints (issue #9)', () => {
  it('checkpoints every 4,000 WAL pages and trims a grown WAL to 64 MiB', async () => {
    const db = await openSqliteDatabase(join(root, 'pragmas.db'), masterKey, {
      busyTimeoutMs: 1000,
      synchronous: 'normal',
    });
    try {
      assert.equal(WAL_CHECKPOINT_PAGES, 4000);
      assert.equal(db.prepare('PRAGMA wal_autocheckpoint').get()?.['wal_autocheckpoint'], 4000);
      assert.equal(
        db.prepare('PRAGMA journal_size_limit').get()?.['journal_size_limit'],
        WAL_SIZE_LIMIT_BYTES,
      );
      assert.equal(db.prepare('PRAGMA page_size').get()?.['page_size'], 4096);
    } finally {
      db.close();
    }
  });

  it('keeps the WAL bounded while writing, and the data intact in the file after close', async () => {
    const path = join(root, 'bounded.db');
    const store = await openSqliteStore({ path, masterKey });
    const initialSize = (await sizeOf(path)) ?? 0;
    const total = 6000;
    let largestWal = 0;
    for (let n = 0; n < total; n += 16) {
      await Promise.all(Array.from({ length: 16 }, (_, i) => store.create(newKey(n + i))));
      largestWal = Math.max(largestWal, (await sizeOf(`${path}-wal`)) ?? 0);
    }
    // Checkpoints ran (the frames reached the database file) ...
    assert.ok(((await sizeOf(path)) ?? 0) > initialSize + 512 * 1024, 'pages were checkpointed');
    // ... at 4,000 frames, not SQLite's default 1,000, and not much past it: the WAL holds
    // at most the threshold plus the commit that crossed it (16 Creates, ~150 frames).
    assert.ok(largestWal > 3000 * FRAME_BYTES, `WAL peaked at ${largestWal} bytes`);
    assert.ok(largestWal <= (WAL_CHECKPOINT_PAGES + 1000) * FRAME_BYTES + 32);
    await store.close();
    // The last connection to close checkpointed everything and removed the WAL.
    assert.equal(await sizeOf(`${path}-wal`), undefined);
    const plain = new DatabaseSync(path, { readOnly: true });
    try {
      assert.equal(plain.prepare('PRAGMA integrity_check').get()?.['integrity_check'], 'ok');
      assert.equal(plain.prepare('SELECT count(*) AS n FROM objects').get()?.['n'], total);
    } finally {
      plain.close();
    }
    const reopened = await openSqliteStore({ path, masterKey });
    try {
      for (const n of [0, 1, 777, 4321, total - 1]) {
        const found = await reopened.get(newKey(n).id);
        assert.deepEqual(found.material, new Uint8Array(32).fill(n % 256));
      }
    } finally {
      await reopened.close();
    }
  });
});
