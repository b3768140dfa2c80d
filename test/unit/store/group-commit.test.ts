import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommitter } from '../../../src/store/group-commit.ts';
import type { TransactionControl } from '../../../src/store/group-commit.ts';

/** A fake transaction that records the statements it was asked to run. */
function fakeTx(fail: Partial<Record<keyof TransactionControl, boolean>> = {}): {
  tx: TransactionControl;
  log: string[];
} {
  const log: string[] = [];
  const step = (name: keyof TransactionControl) => (): void => {
    log.push(name);
    if (fail[name]) throw new Error(`${name} failed`);
  };
  return {
    log,
    tx: {
      begin: step('begin'),
      commit: step('commit'),
      rollback: step('rollback'),
      savepoint: step('savepoint'),
      release: step('release'),
      rollbackToSavepoint: step('rollbackToSavepoint'),
    },
  };
}

describe('GroupCommitter', () => {
  it('runs writes queued in one turn in one transaction and resolves them after COMMIT', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const seen: string[] = [];
    const writes = [1, 2, 3].map((n) =>
      committer.enqueue(() => {
        log.push(`run ${n}`);
        return n * 10;
      }),
    );
    for (const w of writes) void w.then(() => seen.push(log.at(-1) ?? ''));
    assert.deepEqual(await Promise.all(writes), [10, 20, 30]);
    assert.deepEqual(log, [
      'begin',
      ...[1, 2, 3].flatMap((n) => ['savepoint', `run ${n}`, 'release']),
      'commit',
    ]);
    assert.deepEqual(seen, ['commit', 'commit', 'commit']);
    assert.deepEqual(committer.stats(), {
      commits: 1,
      writes: 3,
      failedWrites: 0,
      largestGroup: 3,
    });
  });

  it('rolls a failing write back to its savepoint and commits the rest', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const boom = new Error('boom');
    const results = await Promise.allSettled([
      committer.enqueue(() => 'a'),
      committer.enqueue(() => {
        throw boom;
      }),
      committer.enqueue(() => 'c'),
    ]);
    assert.deepEqual(results, [
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: boom },
      { status: 'fulfilled', value: 'c' },
    ]);
    assert.deepEqual(log, [
      'begin',
      'savepoint',
      'release',
      'savepoint',
      'rollbackToSavepoint',
      'savepoint',
      'release',
      'commit',
    ]);
    assert.equal(committer.stats().failedWrites, 1);
  });

  it('rejects every write of the group with KW_STORE_WRITE when COMMIT fails', async () => {
    const { tx, log } = fakeTx({ commit: true });
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const results = await Promise.allSettled([
      committer.enqueue(() => 1),
      committer.enqueue(() => 2),
    ]);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.equal((r as PromiseRejectedResult).reason.code, 'KW_STORE_WRITE');
    }
    assert.equal(log.at(-1), 'rollback');
    assert.equal(committer.stats().commits, 0);
  });

  it('rejects the whole group when a savepoint cannot be rolled back', async () => {
    const { tx } = fakeTx({ rollbackToSavepoint: true });
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const results = await Promise.allSettled([
      committer.enqueue(() => 1),
      committer.enqueue(() => {
        throw new Error('disk I/O error');
      }),
    ]);
    assert.deepEqual(
      results.map((r) => r.status === 'rejected' && r.reason.code),
      ['KW_STORE_WRITE', 'KW_STORE_WRITE'],
    );
  });

  it('rejects every write with KW_STORE_WRITE when BEGIN fails (e.g. database locked)', async () => {
    const { tx } = fakeTx({ begin: true });
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    await assert.rejects(
      committer.enqueue(() => 1),
      { code: 'KW_STORE_WRITE' },
    );
  });

  it('splits a long queue into groups of at most maxGroupSize', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => committer.enqueue(() => i)));
    assert.equal(log.filter((l) => l === 'commit').length, 3);
    assert.equal(committer.stats().largestGroup, 4);
  });

  it('commits everything queued at once on drain', () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 2 });
    for (let i = 0; i < 5; i++) void committer.enqueue(() => i);
    committer.drain();
    assert.equal(log.filter((l) => l === 'commit').length, 3);
  });
});
