// The pipeline's audit hook: every request batch item (and every message refused as a whole)
// becomes one audit record with identity, peer, operation, object ids, result and duration,
// written before the response is returned; never key material.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../../src/crypto/index.ts';
import { ResultReason, ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import { BatchErrorContinuationOption } from '../../../../src/kmip/index.ts';
import type { GetResponse } from '../../../../src/kmip/messages/payloads/get.ts';
import { createAuditSink } from '../../../../src/server/audit/index.ts';
import { certificateAuthenticator } from '../../../../src/server/pipeline/authenticate.ts';
import { KmipResultError } from '../../../../src/server/pipeline/result-error.ts';
import {
  openSqliteSecurityStore,
  type AuditRecord,
  type SecurityStore,
} from '../../../../src/store/index.ts';
import {
  createAesKey,
  createServerHarness,
  decodeResponse,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

describe('audit records of the pipeline', () => {
  let dir: string;
  let security: SecurityStore;
  let harness: ServerHarness;
  let seen = 0;
  let failAudit = false;

  /** Records appended since the last call. */
  function fresh(): AuditRecord[] {
    const records = security.audit.after(seen);
    seen = records.at(-1)?.seq ?? seen;
    return records;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-audit-sink-'));
    security = await openSqliteSecurityStore({
      path: join(dir, 'audit.db'),
      masterKey: createAeadKey(randomBytes(32)),
    });
    const sink = createAuditSink(security.audit);
    harness = await createServerHarness({
      audit: async (event) => {
        if (failAudit) throw new Error('disk full');
        await sink(event);
      },
      authenticate: async (input) => {
        if (input.session.identity === 'intruder') {
          throw new KmipResultError(ResultReason.AuthenticationNotSuccessful, 'no');
        }
        const client = await certificateAuthenticator(input);
        return input.session.identity === 'bob'
          ? { ...client, identity: { name: 'bob', groups: ['ops', 'audit'] } }
          : client;
      },
    });
  });
  beforeEach(() => {
    failAudit = false;
    fresh();
  });
  after(async () => {
    await harness.close();
    await security.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records each item of a batch: identity, method, version, ids, result, duration', async () => {
    const response = await harness.send(
      message('1.4', [createAesKey(256, [], 'c'), { operation: 'Get', payload: {}, id: 'g' }]),
    );
    const [created, got] = response.batchItems;
    assert.equal(created?.kind === 'typed' && created.resultStatus, ResultStatus.Success);
    const id = (got?.kind === 'typed' && (got.payload as GetResponse).uniqueIdentifier) || '';
    const records = fresh();
    assert.equal(records.length, 2);
    const [first, second] = records;
    assert.equal(first?.correlationId, second?.correlationId);
    assert.deepEqual(
      records.map((r) => [r.batchItem, r.operation, r.objectIds, r.resultStatus]),
      [
        [0, 'Create', [id], 'Success'],
        [1, 'Get', [id], 'Success'],
      ],
    );
    for (const r of records) {
      assert.equal(r.identity, 'alice');
      assert.equal(r.certificateCn, 'alice');
      assert.equal(r.authMethod, 'certificate');
      assert.equal(r.kmipVersion, '1.4');
      assert.equal(r.connectionId, 'test');
      assert.ok(r.durationMs >= 0);
    }
  });

  it('never stores key material: the Get response bytes are nowhere in the records', async () => {
    const id = await harness.createKey();
    fresh();
    const item = await harness.sendOne('1.4', {
      operation: 'Get',
      payload: { uniqueIdentifier: id },
    });
    const object = item.kind === 'typed' ? (item.payload as GetResponse).object : undefined;
    assert.ok(object !== undefined && 'keyBlock' in object);
    const value = object.keyBlock.keyValue;
    assert.ok(value !== undefined && !(value instanceof Uint8Array));
    const material = Buffer.from(value.keyMaterial as Uint8Array);
    const text = JSON.stringify(fresh());
    assert.ok(!text.includes(material.toString('hex')));
    assert.ok(!text.toLowerCase().includes(material.toString('hex').toLowerCase()));
    assert.ok(!text.includes(material.toString('base64')));
  });

  it('records a failed item with its reason and the id it named', async () => {
    await harness.sendOne('1.4', { operation: 'Get', payload: { uniqueIdentifier: 'nope' } });
    const [record] = fresh();
    assert.equal(record?.resultStatus, 'OperationFailed');
    assert.equal(record?.resultReason, 'ItemNotFound');
    assert.deepEqual(record?.objectIds, ['nope']);
    assert.ok((record?.resultMessage ?? '').length > 0);
  });

  it('records the items a Stop left unexecuted', async () => {
    await harness.send(
      message(
        '1.4',
        [
          { operation: 'Destroy', payload: { uniqueIdentifier: 'nope' }, id: 'd' },
          createAesKey(256, [], 'c'),
        ],
        { batchErrorContinuationOption: BatchErrorContinuationOption.Stop },
      ),
    );
    assert.deepEqual(
      fresh().map((r) => [r.operation, r.resultStatus]),
      [
        ['Destroy', 'OperationFailed'],
        ['Create', 'NotExecuted'],
      ],
    );
  });

  it('records groups from the authenticator', async () => {
    await harness.sendOne('1.4', createAesKey(), 'bob');
    const [record] = fresh();
    assert.equal(record?.identity, 'bob');
    assert.deepEqual(record?.groups, ['ops', 'audit']);
  });

  it('records a message refused by authentication, with the operation asked for', async () => {
    const item = await harness.sendOne('1.4', createAesKey(), 'intruder');
    assert.equal(
      item.kind !== 'invalid' && item.resultReason,
      ResultReason.AuthenticationNotSuccessful,
    );
    const [record, ...rest] = fresh();
    assert.equal(rest.length, 0);
    assert.equal(record?.operation, 'Create');
    assert.equal(record?.batchItem, undefined);
    assert.equal(record?.identity, undefined);
    assert.equal(record?.certificateCn, 'intruder');
    assert.equal(record?.resultReason, 'AuthenticationNotSuccessful');
  });

  it('records a message that is not KMIP at all', async () => {
    await harness.sendBytes(new Uint8Array([0x42, 0, 0x78, 1, 0, 0, 0, 0]));
    const [record] = fresh();
    assert.equal(record?.operation, '(none)');
    assert.equal(record?.resultStatus, 'OperationFailed');
    assert.ok(record?.resultReason !== undefined);
  });

  it('answers General Failure when the audit record cannot be written', async () => {
    failAudit = true;
    const bytes = await harness.sendBytes(
      (await import('../../../../src/kmip/ttlv/index.ts')).encodeTtlv(
        (await import('../../../../src/kmip/messages/message.ts')).encodeRequestMessage(
          message('1.4', [createAesKey()]),
        ),
      ),
    );
    const [item] = decodeResponse(bytes).batchItems;
    assert.equal(item?.kind !== 'invalid' && item?.resultReason, ResultReason.GeneralFailure);
    assert.ok(
      harness.logs.some((l) => l.msg === 'the audit record could not be written'),
      'logged',
    );
  });
});
