// Issue #9: the pipeline commits a request's object writes and its audit record in one
// transaction of the store (one fsync) and answers only after that commit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import { createAuditSink, type AuditSink } from '../../../../src/server/audit/index.ts';
import type { AuditLog } from '../../../../src/store/index.ts';
import {
  createAesKey,
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('audit records committed with the writes', () => {
  let harness: ServerHarness;
  let audit: AuditLog;

  before(async () => {
    // The sink over the harness store's own audit log, as `keywarden serve` composes it.
    const sink: AuditSink = (event, unit) => createAuditSink(audit)(event, unit);
    harness = await createServerHarness({ audit: sink });
    assert.ok(harness.store.audit !== undefined);
    audit = harness.store.audit;
  });
  after(() => harness.close());

  it('answers a Create after one COMMIT that holds the key and its audit record', async () => {
    const commits = harness.store.stats().commits;
    const [item] = (await harness.send(message('1.4', [createAesKey()]))).batchItems;
    assert.ok(item?.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    const id = (item.payload as { uniqueIdentifier: string }).uniqueIdentifier;
    assert.equal(harness.store.stats().commits - commits, 1);
    assert.equal(await harness.store.has?.(id), true);
    const [record] = audit.tail(1);
    assert.deepEqual([record?.operation, record?.objectIds], ['Create', [id]]);
  });

  it('shares commits among concurrent requests, reads included, and keeps the chain intact', async () => {
    const id = await harness.createKey();
    const commits = harness.store.stats().commits;
    const seq = audit.tail(1)[0]?.seq ?? 0;
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        harness.send(
          message('1.4', [
            i % 2 === 0 ? createAesKey() : { operation: 'Get', payload: { uniqueIdentifier: id } },
          ]),
        ),
      ),
    );
    for (const r of responses) {
      assert.equal(r.batchItems[0]?.kind === 'typed' && r.batchItems[0].resultStatus, 0);
    }
    const used = harness.store.stats().commits - commits;
    assert.ok(used <= 3, `16 requests (8 writes) in ${used} commits`);
    assert.equal(audit.after(seq).length, 16, 'one record per request');
    assert.equal(audit.verify().ok, true);
  });

  it('records a failed write with the commit of the request, and stores nothing of it', async () => {
    const before = (await harness.store.find({})).length;
    const seq = audit.tail(1)[0]?.seq ?? 0;
    // Activate of an unknown id fails; the Create before it in the batch is kept.
    const response = await harness.send(
      message('1.4', [
        createAesKey(128, [], 'c'),
        { operation: 'Activate', payload: { uniqueIdentifier: 'no-such-key' }, id: 'a' },
      ]),
    );
    assert.equal(response.batchItems.length, 2);
    const records = audit.after(seq);
    assert.deepEqual(
      records.map((r) => [r.operation, r.resultStatus]),
      [
        ['Create', 'Success'],
        ['Activate', 'OperationFailed'],
      ],
    );
    assert.equal((await harness.store.find({})).length, before + 1);
  });
});
