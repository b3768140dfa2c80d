import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommitter } from '../../../src/store/group-commit.ts';
import { fakeTx } from './fake-transaction.ts';

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
    const { commitMs, ...counts } = committer.stats();
    assert.deepEqual(counts, {
      commits: 1,
      writes: 3,
      failedWrites: 0,
      largestGroup: 3,
      splitUnits: 0,
    });
    assert.ok(commitMs !== undefined && commitMs >= 0);
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
    const { tx, log } = fakeTx({ fail: { commit: true } });
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
    const { tx } = fakeTx({ fail: { rollbackToSavepoint: true } });
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
    const { tx } = fakeTx({ fail: { begin: true } });
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

/** Lets the committer's setImmediate callbacks run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommitter units (one commit per request, issue #9)', () => {
  it("settles a unit's write once staged and commits it with the unit's last write", async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const unit = committer.openUnit();
    const staged = await committer.enqueue(() => {
      log.push('run object');
      return 'id-1';
    }, unit);
    assert.equal(staged, 'id-1');
    assert.deepEqual(log, ['begin', 'savepoint', 'run object', 'release'], 'not committed yet');
    const record = await committer.finish(unit, () => {
      log.push('run audit');
      return 'record';
    });
    assert.equal(record, 'record');
    assert.deepEqual(log, [
      'begin',
      'savepoint',
      'run object',
      'release',
      'savepoint',
      'run audit',
      'release',
      'commit',
    ]);
    assert.equal(committer.stats().commits, 1);
  });

  it('commits the writes and records of concurrent units with one COMMIT', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const request = async (n: number) => {
      const unit = committer.openUnit();
      await committer.enqueue(() => log.push(`object ${n}`), unit);
      // A second write of the same request joins the open transaction at once.
      await committer.enqueue(() => log.push(`update ${n}`), unit);
      return committer.finish(unit, () => n);
    };
    assert.deepEqual(await Promise.all([1, 2, 3, 4].map(request)), [1, 2, 3, 4]);
    assert.equal(log.filter((l) => l === 'begin').length, 1);
    assert.equal(log.filter((l) => l === 'commit').length, 1);
    assert.equal(log.at(-1), 'commit');
  });

  it('puts writes of other requests that arrive while a unit holds the transaction in the next one', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const unit = committer.openUnit();
    await committer.enqueue(() => log.push('unit write'), unit);
    let isLateDone = false;
    const late = committer.enqueue(() => log.push('late write')).then(() => (isLateDone = true));
    await nextTurn();
    assert.equal(isLateDone, false);
    assert.ok(!log.includes('late write'), 'not run in the open transaction');
    await committer.finish(unit, () => log.push('unit audit'));
    await late;
    assert.deepEqual(
      log.filter(
        (l) => l === 'begin' || l === 'commit' || l.includes('write') || l.includes('audit'),
      ),
      ['begin', 'unit write', 'unit audit', 'commit', 'begin', 'late write', 'commit'],
    );
  });

  it('commits without a slow unit after maxWaitMs; its record then commits on its own', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100, maxWaitMs: 1 });
    const unit = committer.openUnit();
    await committer.enqueue(() => log.push('write'), unit);
    while (!log.includes('commit')) await nextTurn();
    await committer.finish(unit, () => log.push('audit'));
    assert.equal(log.filter((l) => l === 'commit').length, 2);
    assert.ok(log.indexOf('audit') > log.indexOf('commit'));
    assert.equal(committer.stats().splitUnits, 1);
  });

  it('fails every unit still running when a COMMIT fails: they may have read what was rolled back', async () => {
    const { tx } = fakeTx({ fail: { commit: true } });
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const writer = committer.openUnit();
    const reader = committer.openUnit();
    await committer.enqueue(() => 1, writer);
    // The reader ran while the writer's write was staged, and ends after the failure.
    const wrote = committer.finish(writer, () => 'audit');
    await assert.rejects(wrote, { code: 'KW_STORE_WRITE' });
    await assert.rejects(
      committer.enqueue(() => 2, reader),
      { code: 'KW_STORE_WRITE' },
    );
    await assert.rejects(committer.finish(reader), { code: 'KW_STORE_WRITE' });
    const after = committer.openUnit();
    assert.equal(await committer.finish(after), undefined, 'a unit opened later is unaffected');
  });

  it('lets a read-only unit end at once when nothing is staged, else with the open transaction', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const idle = committer.openUnit();
    await committer.finish(idle);
    assert.deepEqual(log, [], 'no transaction for a unit that wrote nothing');

    const writer = committer.openUnit();
    const reader = committer.openUnit();
    await committer.enqueue(() => 1, writer);
    let isReaderDone = false;
    const read = committer.finish(reader).then(() => (isReaderDone = true));
    await nextTurn();
    assert.equal(isReaderDone, false, 'waits: it may have seen the staged write');
    await committer.finish(writer, () => 'audit');
    await read;
    assert.equal(log.filter((l) => l === 'commit').length, 1);
  });

  it('rolls back a failed write of a unit alone and runs its retry in the same transaction', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const unit = committer.openUnit();
    await assert.rejects(
      committer.enqueue(() => {
        throw new Error('conflict');
      }, unit),
      /conflict/,
    );
    assert.equal(await committer.enqueue(() => 'retried', unit), 'retried');
    await committer.finish(unit, () => 'audit');
    assert.deepEqual(log, [
      'begin',
      'savepoint',
      'rollbackToSavepoint',
      'savepoint',
      'release',
      'savepoint',
      'release',
      'commit',
    ]);
  });

  it('refuses writes and records after a unit ended (KW_STORE_UNIT_ENDED); ending twice is one ending', async () => {
    const { tx } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const unit = committer.openUnit();
    const ended = committer.finish(unit, () => 'audit');
    assert.equal(committer.finish(unit), ended);
    assert.equal(await ended, 'audit');
    await assert.rejects(
      committer.enqueue(() => 1, unit),
      { code: 'KW_STORE_UNIT_ENDED' },
    );
    await assert.rejects(
      committer.finish(unit, () => 2),
      { code: 'KW_STORE_UNIT_ENDED' },
    );
  });

  it('never runs a queued write of a unit that ended before its group began', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const unit = committer.openUnit();
    const write = committer.enqueue(() => log.push('late'), unit);
    await committer.finish(unit);
    await assert.rejects(write, { code: 'KW_STORE_UNIT_ENDED' });
    assert.ok(!log.includes('late'));
  });

  it('commits an open transaction at once on drain and refuses later writes (KW_STORE_CLOSED)', async () => {
    const { tx, log } = fakeTx();
    const committer = new GroupCommitter(tx, { maxGroupSize: 100 });
    const unit = committer.openUnit();
    await committer.enqueue(() => 1, unit);
    committer.drain();
    assert.equal(log.at(-1), 'commit');
    await assert.rejects(
      committer.finish(unit, () => 2),
      { code: 'KW_STORE_CLOSED' },
    );
    await assert.rejects(
      committer.enqueue(() => 3),
      { code: 'KW_STORE_CLOSED' },
    );
  });
});
