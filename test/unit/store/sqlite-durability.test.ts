import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadOrCreateMasterKey, openSqliteStore } from '../../../src/store/index.ts';
import type { MasterKey } from '../../../src/store/index.ts';

const child = fileURLToPath(new URL('./fixtures/durability-child.ts', import.meta.url));
const root = await mkdtemp(join(tmpdir(), 'kw-durability-'));
after(() => rm(root, { recursive: true, force: true }));

/** Runs the writer child until it has acknowledged `target` ids, then SIGKILLs it. */
function runAndKill(dbPath: string, keyPath: string, target: number, pads = 0): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dbPath, keyPath, String(pads)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!killed && out.split('\n').length > target) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited on its own (code ${code}): ${err}`));
        return;
      }
      // Only complete lines were acknowledged; a torn last line is not an id.
      resolve(out.split('\n').slice(0, -1));
    });
  });
}

/** Checks that every acknowledged id is in the store with its material. */
async function assertAllKept(
  dbPath: string,
  key: MasterKey,
  acknowledged: string[],
): Promise<void> {
  const store = await openSqliteStore({ path: dbPath, masterKey: key });
  try {
    const missing: string[] = [];
    for (const id of acknowledged) {
      const found = await store.get(id).catch(() => undefined);
      if (found === undefined) missing.push(id);
      else assert.deepEqual(found.material, new Uint8Array(32).fill(7));
    }
    assert.deepEqual(missing, [], `${missing.length} acknowledged writes lost`);
    assert.ok((await store.count({ owner: 'durability' })) >= acknowledged.length);
  } finally {
    await store.close();
  }
}

describe('SQLite store durability', () => {
  it('keeps every write whose promise resolved when the process is killed with SIGKILL', async () => {
    const dbPath = join(root, 'durable.sqlite');
    const keyPath = join(root, 'master.key');
    const { key } = await loadOrCreateMasterKey(keyPath);
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      acknowledged.push(...(await runAndKill(dbPath, keyPath, 200)));
    }
    assert.ok(acknowledged.length >= 600, `only ${acknowledged.length} ids printed`);
    await assertAllKept(dbPath, key, acknowledged);
  });

  it('keeps every acknowledged write across WAL checkpoints and a SIGKILL', async () => {
    const dbPath = join(root, 'checkpointed.sqlite');
    const keyPath = join(root, 'checkpointed.key');
    const { key } = await loadOrCreateMasterKey(keyPath);
    // ~8 WAL frames per Create with 8 random indexed values: several 4,000-frame checkpoints.
    const acknowledged = await runAndKill(dbPath, keyPath, 3000, 8);
    assert.ok(acknowledged.length >= 3000, `only ${acknowledged.length} ids printed`);
    // Checkpoints copied pages into the database file itself before the kill.
    assert.ok((await stat(dbPath)).size > 2 * 1024 * 1024, 'no checkpoint ran');
    await assertAllKept(dbPath, key, acknowledged);
  });
});
