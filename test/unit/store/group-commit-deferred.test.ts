import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoreWriteError } from '../../../src/store/errors.ts';
import { GroupCommitter } from '../../../src/store/group-commit.ts';
import { fakeTx } from './fake-transaction.ts';

/** An fsync the test ends by hand: `calls[i]` is the i-th fsync started. */
function manualSync(): {
  sync: () => Promise<void>;
  calls: { commitsBefore: number; resolve: () => void; reject: (error: Error) => void }[];
  log: string[];
} {
  const log: string[] = [];
  const calls: { commitsBefore: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  const sync = () =>
    new Promise<void>((resolve, reject) => {
      log.push('fsync');
      calls.push({ commitsBefore: log.filter((l) => l === 'commit').length, resolve, reject });
    });
  return { sync, calls, log };
}

/** Lets the committer's setImmediate callbacks and settled promises run. */
async function turns(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise's state without awaiting it. */
function track<T>(promise: Promise<T>): { readonly done: boolean; readonly failed: boolean } {
  const state = { done: false, failed: false };
  promise.then(
    () => (state.done = true),
    () => (state.failed = true),
  );
  return state;
}

function setup(options: { maxGroupSize?: number; maxWaitMs?: number } = {}) {
  const { sync, calls, log } = manualSync();
  const failures: StoreWriteError[] = [];
  const committer = new GroupCommitter(fakeTx({ log }).tx, {
    maxGroupSize: options.maxGroupSize ?? 100,
    ...(options.maxWaitMs !== undefined && { maxWaitMs: options.maxWaitMs }),
    sync,
    onFailure: (error) => failures.push(error),
  });
  return { committer, calls, log, failures };
}

describe('GroupCommitter with deferred fsync (synchronous = NORMAL, issue #9)', () => {
  it('resolves no write before the fsync that follows its COMMIT', async () => {
    const { committer, calls, log } = setup();
    const write = committer.enqueue(() => 'id-1');
    const state = track(write);
    await turns();
    assert.deepEqual(log, ['begin', 'savepoint', 'release', 'commit', 'fsync']);
    assert.equal(state.done, false, 'committed but not durable yet');
    calls[0]?.resolve();
    assert.equal(await write, 'id-1');
    assert.equal(committer.stats().syncs, 1);
  });

  it("holds a unit's finish (its audit record) until the fsync covering its COMMIT", async () => {
    const { committer, calls } = setup();
    const unit = committer.openUnit();
    assert.equal(await committer.enqueue(() => 'staged', unit), 'staged');
    const finished = committer.finish(unit, () => 'record');
    const state = track(finished);
    await turns();
    assert.equal(calls.length, 1);
    assert.equal(state.done, false);
    calls[0]?.resolve();
    assert.equal(await finished, 'record');
  });

  it('holds a read-only unit that ends after an unsynced COMMIT: it may have read those rows', async () => {
    const { committer, calls, log } = setup();
    const write = committer.enqueue(() => 1);
    await turns();
    assert.ok(log.includes('commit'));
    const reader = committer.openUnit();
    const read = track(committer.finish(reader));
    await turns();
    assert.equal(read.done, false, 'waits for the fsync in flight');
    calls[0]?.resolve();
    await write;
    await turns(1);
    assert.equal(read.done, true);
    // Once everything is durable a read-only unit ends without any fsync of its own.
    const idle = committer.openUnit();
    await committer.finish(idle);
    assert.equal(calls.length, 1);
  });

  it('begins the next transaction while the fsync runs, and keeps one fsync in flight', async () => {
    const { committer, calls, log } = setup();
    const first = track(committer.enqueue(() => 1));
    await turns();
    const second = committer.enqueue(() => 2);
    const secondState = track(second);
    await turns();
    assert.deepEqual(
      log.filter((l) => l === 'begin' || l === 'commit' || l === 'fsync'),
      ['begin', 'commit', 'fsync', 'begin', 'commit'],
      'the second group committed while the first fsync ran, without a second fsync',
    );
    calls[0]?.resolve();
    await turns(1);
    assert.equal(first.done, true);
    assert.equal(secondState.done, false, 'its COMMIT came after that fsync began');
    assert.equal(calls.length, 2, 'a new fsync started for it');
    assert.equal(calls[1]?.commitsBefore, 2);
    calls[1]?.resolve();
    assert.equal(await second, 2);
  });

  it('coalesces: N commits during one fsync need one more fsync, which covers the last', async () => {
    const { committer, calls, log } = setup({ maxGroupSize: 1 });
    const n = 6;
    const writes = Array.from({ length: n }, (_, i) => committer.enqueue(() => i));
    const states = writes.map(track);
    while (log.filter((l) => l === 'commit').length < n) await turns(1);
    assert.equal(calls.length, 1, 'the first fsync is still running');
    calls[0]?.resolve();
    await turns(1);
    assert.deepEqual(
      states.map((s) => s.done),
      [true, false, false, false, false, false],
    );
    assert.equal(calls.length, 2);
    assert.equal(calls[1]?.commitsBefore, n, 'the second fsync covers every COMMIT so far');
    calls[1]?.resolve();
    assert.deepEqual(await Promise.all(writes), [0, 1, 2, 3, 4, 5]);
    assert.equal(committer.stats().commits, n);
    assert.ok((committer.stats().syncs ?? 0) <= n);
  });

  it('holds a unit split across two transactions until the fsync of the second', async () => {
    const { committer, calls, log } = setup({ maxWaitMs: 1 });
    const unit = committer.openUnit();
    await committer.enqueue(() => 'write', unit);
    while (!log.includes('commit')) await turns(1);
    const finished = committer.finish(unit, () => 'record');
    const state = track(finished);
    while (log.filter((l) => l === 'commit').length < 2) await turns(1);
    calls[0]?.resolve();
    await turns();
    assert.equal(state.done, false, 'the first fsync began before the record committed');
    calls[1]?.resolve();
    assert.equal(await finished, 'record');
    assert.equal(committer.stats().splitUnits, 1);
  });

  it('fails every waiting write and running unit when an fsync fails, then refuses writes', async () => {
    const { committer, calls, log, failures } = setup();
    const waiting = committer.enqueue(() => 1);
    await turns();
    // A unit that staged a write in the next transaction while the fsync ran.
    const running = committer.openUnit();
    await committer.enqueue(() => 2, running);
    const idleReader = committer.openUnit();
    calls[0]?.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await assert.rejects(waiting, { code: 'KW_STORE_WRITE' });
    assert.equal(log.at(-1), 'rollback', 'the open transaction is rolled back');
    await assert.rejects(
      committer.finish(running, () => 'record'),
      { code: 'KW_STORE_WRITE' },
    );
    await assert.rejects(committer.finish(idleReader), { code: 'KW_STORE_WRITE' });
    await assert.rejects(
      committer.enqueue(() => 3),
      { code: 'KW_STORE_FAILED' },
    );
    assert.throws(() => committer.openUnit(), { code: 'KW_STORE_FAILED' });
    assert.equal(failures.length, 1, 'reported once');
    assert.equal((failures[0]?.cause as { code?: string }).code, 'EIO');
    assert.equal(committer.failure, failures[0]);
    await turns();
    assert.equal(calls.length, 1, 'no fsync is retried after a failure');
  });

  it('treats an fsync that throws at once like one that rejects', async () => {
    const failures: unknown[] = [];
    const committer = new GroupCommitter(fakeTx().tx, {
      maxGroupSize: 10,
      sync: () => {
        throw new Error('EBADF');
      },
      onFailure: (error) => failures.push(error),
    });
    await assert.rejects(
      committer.enqueue(() => 1),
      { code: 'KW_STORE_WRITE' },
    );
    assert.equal(failures.length, 1);
  });

  it('drain commits at once and settled() waits for the last fsync (close)', async () => {
    const { committer, calls } = setup();
    const unit = committer.openUnit();
    await committer.enqueue(() => 1, unit);
    const write = track(committer.enqueue(() => 2));
    committer.drain();
    const settled = track(committer.settled());
    await turns();
    assert.equal(settled.done, false);
    assert.equal(write.done, false);
    calls[0]?.resolve();
    await turns();
    assert.equal(calls.length, 2, 'the queued write committed after the open transaction');
    assert.equal(settled.done, false, 'the second fsync still runs');
    calls[1]?.resolve();
    await committer.settled();
    await turns(1);
    assert.equal(write.done, true);
  });
});
