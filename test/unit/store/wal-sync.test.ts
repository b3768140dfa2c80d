import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { WalFileSync } from '../../../src/store/wal-sync.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-wal-sync-'));
after(() => rm(root, { recursive: true, force: true }));

describe('WalFileSync', () => {
  it('opens the -wal file once (syncing its directory) and fdatasyncs it on every call', async () => {
    const db = join(root, 'a.db');
    await writeFile(`${db}-wal`, 'frames');
    const wal = new WalFileSync(db);
    try {
      await wal.sync();
      await wal.sync();
      await wal.sync();
      assert.deepEqual(wal.stats(), { opens: 1, syncs: 3 });
    } finally {
      await wal.close();
    }
  });

  it('keeps syncing the file it opened when the path is replaced (SQLite writes that inode)', async () => {
    const db = join(root, 'b.db');
    await writeFile(`${db}-wal`, 'old');
    const wal = new WalFileSync(db);
    try {
      await wal.sync();
      await unlink(`${db}-wal`);
      await writeFile(`${db}-wal`, 'new');
      await wal.sync();
      assert.deepEqual(wal.stats(), { opens: 1, syncs: 2 });
    } finally {
      await wal.close();
    }
  });

  it('follows no replaced path: SQLite goes on writing the WAL inode it opened', async () => {
    // Why WalFileSync opens once: a connection never reopens its WAL descriptor.
    const path = join(root, 'sqlite.db');
    const db = new DatabaseSync(path);
    try {
      db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      await unlink(`${path}-wal`);
      await writeFile(`${path}-wal`, '');
      db.exec('INSERT INTO t VALUES (2)');
      assert.equal((await stat(`${path}-wal`)).size, 0, 'the new file at the path got nothing');
      assert.equal(db.prepare('SELECT count(*) AS n FROM t').get()?.['n'], 2);
    } finally {
      db.close();
    }
  });

  it('rejects when the -wal file is missing', async () => {
    const wal = new WalFileSync(join(root, 'missing.db'));
    await assert.rejects(wal.sync(), { code: 'ENOENT' });
    assert.deepEqual(wal.stats(), { opens: 0, syncs: 0 });
  });

  it('rejects when the fdatasync fails (a file that cannot be synced)', async () => {
    const db = join(root, 'c.db');
    // fdatasync of a character device fails with EINVAL.
    await symlink('/dev/null', `${db}-wal`);
    const wal = new WalFileSync(db);
    try {
      await assert.rejects(wal.sync(), { code: 'EINVAL' });
    } finally {
      await wal.close();
    }
  });
});
