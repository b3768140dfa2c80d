import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { randomBytes } from '../../../src/crypto/index.ts';
import {
  loadMasterKey,
  loadOrCreateMasterKey,
  MASTER_KEY_LENGTH,
} from '../../../src/store/index.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-master-key-'));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;

/** A fresh empty directory for one test. */
async function freshDir(): Promise<string> {
  const dir = join(root, `d-${++counter}`);
  await mkdir(dir, { mode: 0o700 });
  return dir;
}

const posixOnly = { skip: process.platform === 'win32' ? 'no POSIX modes on Windows' : false };
const aad = new TextEncoder().encode('test');

describe('loadOrCreateMasterKey', () => {
  it('creates a 32-byte file with mode 0600, and later loads the same key', posixOnly, async () => {
    const path = join(await freshDir(), 'master.key');
    const first = await loadOrCreateMasterKey(path);
    assert.equal(first.created, true);
    const info = await stat(path);
    assert.equal(info.size, MASTER_KEY_LENGTH);
    assert.equal(info.mode & 0o777, 0o600);
    const second = await loadOrCreateMasterKey(path);
    assert.equal(second.created, false);
    assert.equal(second.key.keyId, first.key.keyId);
    const sealed = first.key.seal(new Uint8Array([1, 2, 3]), aad);
    assert.deepEqual(second.key.open(sealed, aad), new Uint8Array([1, 2, 3]));
  });

  it('gives every concurrent caller the one key that won, leaving no temporary files', async () => {
    const dir = await freshDir();
    const path = join(dir, 'master.key');
    const results = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateMasterKey(path)));
    assert.equal(new Set(results.map((r) => r.key.keyId)).size, 1);
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.deepEqual(await readdir(dir), ['master.key']);
  });

  it('makes different keys in different files', async () => {
    const dir = await freshDir();
    const a = await loadOrCreateMasterKey(join(dir, 'a.key'));
    const b = await loadOrCreateMasterKey(join(dir, 'b.key'));
    assert.notEqual(a.key.keyId, b.key.keyId);
  });

  it('reports a directory it cannot write with KW_STORE_MASTER_KEY (io)', async () => {
    await assert.rejects(loadOrCreateMasterKey(join(root, 'missing-dir', 'master.key')), {
      code: 'KW_STORE_MASTER_KEY',
      reason: 'io',
    });
  });

  it('does not replace an existing file that is bad', async () => {
    const path = join(await freshDir(), 'master.key');
    await writeFile(path, randomBytes(16), { mode: 0o600 });
    await assert.rejects(loadOrCreateMasterKey(path), {
      code: 'KW_STORE_MASTER_KEY',
      reason: 'length',
    });
    assert.equal((await stat(path)).size, 16);
  });
});

describe('loadMasterKey', () => {
  it(
    'refuses a file group or others can access with KW_STORE_MASTER_KEY (permissions)',
    posixOnly,
    async () => {
      for (const mode of [0o640, 0o604, 0o660, 0o602, 0o644, 0o620]) {
        const path = join(await freshDir(), 'master.key');
        await writeFile(path, randomBytes(32), { mode: 0o600 });
        await chmod(path, mode);
        await assert.rejects(loadMasterKey(path), {
          code: 'KW_STORE_MASTER_KEY',
          reason: 'permissions',
          path,
        });
      }
    },
  );

  it('accepts an owner-read-only file (0400)', posixOnly, async () => {
    const path = join(await freshDir(), 'master.key');
    await writeFile(path, randomBytes(32), { mode: 0o600 });
    await chmod(path, 0o400);
    assert.match((await loadMasterKey(path)).keyId, /^[0-9a-f]{16}$/);
  });

  it('refuses a file that is not exactly 32 bytes with KW_STORE_MASTER_KEY (length)', async () => {
    for (const size of [0, 31, 33, 64]) {
      const path = join(await freshDir(), 'master.key');
      await writeFile(path, randomBytes(size), { mode: 0o600 });
      await assert.rejects(loadMasterKey(path), { code: 'KW_STORE_MASTER_KEY', reason: 'length' });
    }
  });

  it('refuses a directory with KW_STORE_MASTER_KEY (not-a-file)', async () => {
    const dir = await freshDir();
    await assert.rejects(loadMasterKey(dir), { code: 'KW_STORE_MASTER_KEY', reason: 'not-a-file' });
  });

  it('reports a missing file with KW_STORE_MASTER_KEY (missing)', async () => {
    await assert.rejects(loadMasterKey(join(root, 'nope.key')), {
      code: 'KW_STORE_MASTER_KEY',
      reason: 'missing',
    });
  });

  it('never puts key bytes in the error message', async () => {
    const path = join(await freshDir(), 'master.key');
    const secret = randomBytes(33);
    await writeFile(path, secret, { mode: 0o600 });
    await assert.rejects(loadMasterKey(path), (err: Error) => {
      for (const form of ['hex', 'base64'] as const) {
        assert.ok(!err.message.includes(Buffer.from(secret.subarray(0, 8)).toString(form)));
      }
      return true;
    });
  });
});
