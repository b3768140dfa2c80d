// Check, through the pipeline: usage mask, usage limits and lease time against the object and
// its state; the failing values named; nothing about the object changed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchErrorContinuationOption,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ObjectType,
  ResultReason,
  ResultStatus,
  RevocationReasonCode,
  UsageLimitsUnit,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { CheckRequest } from '../../../../src/kmip/messages/payloads/check.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  message,
  type ItemSpec,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const { Encrypt, Decrypt, Sign } = CryptographicUsageMask;

interface Outcome {
  readonly status: number;
  readonly reason?: number;
  readonly message?: string;
  readonly id?: string;
}

function outcome(item: ResponseBatchItem | undefined): Outcome {
  assert.ok(item !== undefined && item.kind !== 'invalid');
  const id = (item.payload as { uniqueIdentifier?: string } | undefined)?.uniqueIdentifier;
  return {
    status: item.resultStatus,
    ...(item.resultReason === undefined ? {} : { reason: item.resultReason }),
    ...(item.resultMessage === undefined ? {} : { message: item.resultMessage }),
    ...(id === undefined ? {} : { id }),
  };
}

function createKey(mask: number, extra: readonly Attribute[] = [], id?: string): ItemSpec {
  return {
    operation: 'Create',
    payload: {
      objectType: ObjectType.SymmetricKey,
      attributes: {
        attributes: [
          { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
          { name: 'CryptographicLength', value: 128 },
          { name: 'CryptographicUsageMask', value: mask },
          ...extra,
        ],
      },
    },
    ...(id === undefined ? {} : { id }),
  };
}

describe('Check', () => {
  let harness: ServerHarness;
  const check = (
    id: string,
    fields: Omit<CheckRequest, 'uniqueIdentifier'> = {},
    version: KmipVersionName = '2.1',
    identity?: string,
  ) =>
    harness
      .sendOne(
        version,
        { operation: 'Check', payload: { uniqueIdentifier: id, ...fields } },
        identity,
      )
      .then(outcome);
  const lifecycle = async (
    operation: 'Activate' | 'Destroy' | 'Revoke',
    id: string,
    code: number = RevocationReasonCode.Unspecified,
  ) => {
    const payload =
      operation === 'Revoke'
        ? { uniqueIdentifier: id, revocationReason: { code } }
        : { uniqueIdentifier: id };
    const result = outcome(await harness.sendOne('1.4', { operation, payload } as ItemSpec));
    assert.equal(result.status, ResultStatus.Success, result.message);
  };
  const key = async (
    mask: number,
    options: { active?: boolean; extra?: readonly Attribute[] } = {},
  ) => {
    const created = outcome(await harness.sendOne('1.4', createKey(mask, options.extra)));
    assert.ok(created.id !== undefined, created.message);
    if (options.active === true) await lifecycle('Activate', created.id);
    return created.id;
  };

  before(async () => {
    harness = await createServerHarness({ now: () => new Date('2030-05-01T12:00:00Z') });
  });
  after(() => harness.close());

  it('answers the Unique Identifier when every value passes, or none is given', async () => {
    const id = await key(Encrypt | Decrypt, { active: true });
    assert.deepEqual(await check(id, { cryptographicUsageMask: Encrypt | Decrypt }), {
      status: ResultStatus.Success,
      id,
    });
    assert.deepEqual(await check(id, {}, '1.0'), { status: ResultStatus.Success, id });
  });

  it('refuses a use the object mask lacks: Incompatible Cryptographic Usage Mask in 2.x, Permission Denied in 1.x', async () => {
    const id = await key(Encrypt | Decrypt, { active: true });
    const refused = await check(id, { cryptographicUsageMask: Encrypt | Sign });
    assert.equal(refused.status, ResultStatus.OperationFailed);
    assert.equal(refused.reason, ResultReason.IncompatibleCryptographicUsageMask);
    assert.equal(refused.id, id, 'the failed response payload names the object');
    assert.match(refused.message ?? '', /Cryptographic Usage Mask: .*\bSign\b/);
    assert.doesNotMatch(refused.message ?? '', /Encrypt/);
    assert.equal(
      (await check(id, { cryptographicUsageMask: Sign }, '1.2')).reason,
      ResultReason.PermissionDenied,
    );
  });

  it('refuses any use of a Pre-Active key with the lifecycle error', async () => {
    const id = await key(Encrypt | Decrypt);
    assert.equal(
      (await check(id, { cryptographicUsageMask: Decrypt })).reason,
      ResultReason.WrongKeyLifecycleState,
    );
    assert.equal(
      (await check(id, { cryptographicUsageMask: Decrypt }, '1.4')).reason,
      ResultReason.PermissionDenied,
    );
    assert.equal((await check(id, { leaseTime: 60 })).reason, ResultReason.WrongKeyLifecycleState);
  });

  it('lets a Deactivated or Compromised key process (Decrypt) but not protect (Encrypt)', async () => {
    const deactivated = await key(Encrypt | Decrypt, { active: true });
    await lifecycle('Revoke', deactivated, RevocationReasonCode.Superseded);
    const compromised = await key(Encrypt | Decrypt, { active: true });
    await lifecycle('Revoke', compromised, RevocationReasonCode.KeyCompromise);
    for (const id of [deactivated, compromised]) {
      assert.equal(
        (await check(id, { cryptographicUsageMask: Decrypt })).status,
        ResultStatus.Success,
      );
      const protect = await check(id, { cryptographicUsageMask: Encrypt });
      assert.equal(protect.reason, ResultReason.WrongKeyLifecycleState);
      assert.match(protect.message ?? '', /Encrypt is not allowed in state/);
      assert.equal(
        (await check(id, { usageLimitsCount: 1n })).reason,
        ResultReason.WrongKeyLifecycleState,
      );
    }
  });

  it('refuses every use of a destroyed key', async () => {
    const id = await key(Encrypt | Decrypt);
    await lifecycle('Destroy', id);
    assert.equal(
      (await check(id, { cryptographicUsageMask: Decrypt })).reason,
      ResultReason.WrongKeyLifecycleState,
    );
    assert.equal((await check(id, { leaseTime: 1 })).reason, ResultReason.WrongKeyLifecycleState);
  });

  it('checks the Usage Limits Count against the units left (OASIS TC-51: 500 of 1000)', async () => {
    const limits: Attribute = {
      name: 'UsageLimits',
      value: { total: 1000n, count: 1000n, unit: UsageLimitsUnit.Byte },
    };
    const id = await key(Encrypt | Decrypt, { active: true, extra: [limits] });
    assert.equal((await check(id, { usageLimitsCount: 500n }, '1.0')).status, ResultStatus.Success);
    assert.equal((await check(id, { usageLimitsCount: 1000n })).status, ResultStatus.Success);
    const over = await check(id, { usageLimitsCount: 1001n });
    assert.equal(over.reason, ResultReason.PermissionDenied);
    assert.match(over.message ?? '', /Usage Limits Count: 1001 units requested, 1000 left/);
    const unlimited = await key(Encrypt, { active: true });
    assert.equal(
      (await check(unlimited, { usageLimitsCount: 10n ** 15n })).status,
      ResultStatus.Success,
    );
  });

  it('never counts more units than the Usage Limits Total', async () => {
    const id = await key(Encrypt, { active: true });
    const stored = await harness.store.get(id);
    await harness.store.update(id, {
      attributes: [
        ...stored.attributes,
        { name: 'UsageLimits', index: 0, value: { total: 10n, count: 50n, unit: 2 } },
      ],
    });
    assert.equal(
      (await check(id, { usageLimitsCount: 11n })).reason,
      ResultReason.PermissionDenied,
    );
  });

  it('checks the Lease Time against the longest lease the object grants', async () => {
    const id = await key(Encrypt, { active: true });
    assert.equal((await check(id, { leaseTime: 86_400 * 365 })).status, ResultStatus.Success);
    const stored = await harness.store.get(id);
    await harness.store.update(id, {
      attributes: [...stored.attributes, { name: 'LeaseTime', index: 0, value: 3600 }],
    });
    assert.equal((await check(id, { leaseTime: 3600 })).status, ResultStatus.Success);
    const over = await check(id, { leaseTime: 3601 }, '1.4');
    assert.equal(over.reason, ResultReason.PermissionDenied);
    assert.match(over.message ?? '', /Lease Time: a lease of 3601 s was asked for, at most 3600 s/);
  });

  it('names every failing value in the Result Message', async () => {
    const id = await key(Decrypt, {
      active: true,
      extra: [
        { name: 'UsageLimits', value: { total: 5n, count: 5n, unit: UsageLimitsUnit.Object } },
      ],
    });
    const refused = await check(id, {
      usageLimitsCount: 6n,
      cryptographicUsageMask: Encrypt,
      leaseTime: 10,
    });
    assert.equal(refused.reason, ResultReason.IncompatibleCryptographicUsageMask);
    assert.match(
      refused.message ?? '',
      /^Check failed: Usage Limits Count: .*; Cryptographic Usage Mask: [^;]*$/,
    );
  });

  it('returns the Unique Identifier and exactly the failing values in the failed response payload (KMIP 1.4 §4.10, 2.1 §6.1.4)', async () => {
    const id = await key(Decrypt, {
      active: true,
      extra: [
        { name: 'UsageLimits', value: { total: 5n, count: 5n, unit: UsageLimitsUnit.Object } },
      ],
    });
    for (const version of ['1.4', '2.0', '2.1'] as const) {
      const item = await harness.sendOne(version, {
        operation: 'Check',
        payload: {
          uniqueIdentifier: id,
          usageLimitsCount: 6n,
          cryptographicUsageMask: Encrypt,
          leaseTime: 10,
        },
      });
      assert.ok(item.kind === 'typed', version);
      assert.equal(item.resultStatus, ResultStatus.OperationFailed);
      // Lease Time passes (the key grants any lease), so it is not returned.
      assert.deepEqual(item.payload, {
        uniqueIdentifier: id,
        usageLimitsCount: 6n,
        cryptographicUsageMask: Encrypt,
      });
    }
    const leaseOnly = await harness.sendOne('2.1', {
      operation: 'Check',
      payload: { uniqueIdentifier: id, cryptographicUsageMask: Decrypt, leaseTime: 10 },
    });
    assert.ok(leaseOnly.kind === 'typed' && leaseOnly.resultStatus === ResultStatus.Success);
    assert.deepEqual(leaseOnly.payload, { uniqueIdentifier: id });
  });

  it('changes nothing about the object', async () => {
    const id = await key(Encrypt | Decrypt, { active: true });
    const before = await harness.store.get(id);
    await check(id, { cryptographicUsageMask: Encrypt, leaseTime: 5, usageLimitsCount: 1n });
    await check(id, { cryptographicUsageMask: Sign });
    assert.deepEqual(await harness.store.get(id), before);
  });

  it('fails the batch as OASIS BL-M-2-21 does: Undo, the Check for Decrypt of an Encrypt key fails', async () => {
    const created = outcome(await harness.sendOne('2.1', createKey(Encrypt)));
    assert.ok(created.id !== undefined);
    const response = await harness.send(
      message(
        '2.1',
        [
          { operation: 'Activate', payload: { uniqueIdentifier: created.id }, id: 'a' },
          {
            operation: 'Check',
            payload: { uniqueIdentifier: created.id, cryptographicUsageMask: Encrypt },
            id: 'b',
          },
          {
            operation: 'Check',
            payload: { uniqueIdentifier: created.id, cryptographicUsageMask: Decrypt },
            id: 'c',
          },
        ],
        { batchErrorContinuationOption: BatchErrorContinuationOption.Undo },
      ),
    );
    const [activate, encrypt, decrypt] = response.batchItems.map(outcome);
    assert.equal(activate?.status, ResultStatus.OperationUndone);
    assert.equal(encrypt?.status, ResultStatus.OperationUndone);
    // Undone items keep their Response Payload (BL-M-2-21 expects the Unique Identifier).
    assert.equal(activate.id, created.id);
    assert.equal(encrypt.id, created.id);
    assert.equal(decrypt?.status, ResultStatus.OperationFailed);
    assert.equal(decrypt.reason, ResultReason.IncompatibleCryptographicUsageMask);
    assert.equal((await harness.store.get(created.id)).state, 'PreActive');
  });

  it('checks the ID Placeholder object when the Unique Identifier is left out', async () => {
    const response = await harness.send(
      message('1.4', [
        createKey(Encrypt | Decrypt, [], 'create'),
        { operation: 'Activate', payload: {}, id: 'activate' },
        { operation: 'Check', payload: { cryptographicUsageMask: Decrypt }, id: 'check' },
      ]),
    );
    const [create, , checked] = response.batchItems.map(outcome);
    assert.equal(checked?.status, ResultStatus.Success, checked?.message);
    assert.equal(checked.id, create?.id);
  });

  it("refuses another owner's key with Permission Denied and a missing one per version", async () => {
    const id = await key(Encrypt, { active: true });
    assert.equal((await check(id, {}, '1.4', 'mallory')).reason, ResultReason.PermissionDenied);
    assert.equal((await check('nope', {}, '1.4')).reason, ResultReason.ItemNotFound);
    assert.equal((await check('nope', {}, '2.1')).reason, ResultReason.ObjectNotFound);
  });

  it('refuses to check a Template (Illegal Operation; 2.x has no Templates: Item Not Found)', async () => {
    const open = await createServerHarness({ authorize: () => true });
    try {
      const id = open.store.nextId();
      await open.store.create({
        id,
        objectType: 'Template',
        state: 'PreActive',
        owner: 'alice',
        material: null,
        attributes: [],
      });
      const send = (version: KmipVersionName) =>
        open
          .sendOne(version, { operation: 'Check', payload: { uniqueIdentifier: id } })
          .then(outcome);
      assert.equal((await send('1.3')).reason, ResultReason.IllegalOperation);
      assert.equal((await send('2.0')).reason, ResultReason.ItemNotFound);
    } finally {
      await open.close();
    }
  });
});
