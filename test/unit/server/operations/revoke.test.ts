// Revoke, through the pipeline: transitions, dates, the stored Revocation Reason, reasons per version.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ResultReason,
  ResultStatus,
  RevocationReasonCode,
  State,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { RevokeRequest } from '../../../../src/kmip/messages/payloads/revoke.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createAesKey,
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

function outcome(item: ResponseBatchItem): { status: number; reason?: number; id?: string } {
  assert.ok(item.kind !== 'invalid');
  const id = (item.payload as { uniqueIdentifier?: string } | undefined)?.uniqueIdentifier;
  return {
    status: item.resultStatus,
    ...(item.resultReason === undefined ? {} : { reason: item.resultReason }),
    ...(id === undefined ? {} : { id }),
  };
}

const NOW = new Date('2030-05-01T12:00:00Z');
const CREATED = new Date('2030-04-01T08:00:00Z');

describe('Revoke', () => {
  let harness: ServerHarness;
  let now = CREATED;
  const revoke = (
    id: string,
    code: number,
    extra: Partial<RevokeRequest> = {},
    version: KmipVersionName = '1.4',
    identity?: string,
  ) =>
    harness
      .sendOne(
        version,
        {
          operation: 'Revoke',
          payload: { uniqueIdentifier: id, revocationReason: { code }, ...extra },
        },
        identity,
      )
      .then(outcome);
  const run = (operation: 'Activate' | 'Destroy', id: string) =>
    harness.sendOne('1.4', { operation, payload: { uniqueIdentifier: id } }).then(outcome);
  const attribute = (id: string, name: string) =>
    harness.store.get(id).then((o) => o.attributes.find((a) => a.name === name)?.value);
  const state = (id: string) => harness.store.get(id).then((o) => o.state);
  /** A key created at CREATED, in `target` state at NOW. */
  const keyIn = async (target: 'PreActive' | 'Active' | 'Deactivated' | 'Destroyed') => {
    now = CREATED;
    const id = await harness.createKey();
    now = NOW;
    if (target === 'Active' || target === 'Deactivated') await run('Activate', id);
    if (target === 'Deactivated') await revoke(id, RevocationReasonCode.Superseded);
    if (target === 'Destroyed') await run('Destroy', id);
    assert.equal(await state(id), target);
    return id;
  };

  before(async () => {
    harness = await createServerHarness({ now: () => now });
  });
  after(() => harness.close());

  it('deactivates an Active key for a non-compromise reason: Deactivation Date, reason and message stored', async () => {
    const id = await keyIn('Active');
    const result = await revoke(id, RevocationReasonCode.CessationOfOperation, {
      revocationReason: { code: RevocationReasonCode.CessationOfOperation, message: 'retired' },
    });
    assert.deepEqual(result, { status: ResultStatus.Success, id });
    assert.equal(await state(id), 'Deactivated');
    assert.deepEqual(await attribute(id, 'DeactivationDate'), NOW);
    assert.deepEqual(await attribute(id, 'LastChangeDate'), NOW);
    assert.deepEqual(await attribute(id, 'RevocationReason'), {
      code: RevocationReasonCode.CessationOfOperation,
      message: 'retired',
    });
    assert.equal(await attribute(id, 'CompromiseDate'), undefined);
  });

  it('marks a key compromised with Compromise Date now and the given Compromise Occurrence Date', async () => {
    const id = await keyIn('Active');
    const occurred = new Date('2030-04-15T00:00:00Z');
    const result = await revoke(id, RevocationReasonCode.KeyCompromise, {
      compromiseOccurrenceDate: occurred,
    });
    assert.equal(result.status, ResultStatus.Success);
    assert.equal(await state(id), 'Compromised');
    assert.deepEqual(await attribute(id, 'CompromiseDate'), NOW);
    assert.deepEqual(await attribute(id, 'CompromiseOccurrenceDate'), occurred);
    assert.deepEqual(await attribute(id, 'RevocationReason'), {
      code: RevocationReasonCode.KeyCompromise,
    });
    assert.equal(await attribute(id, 'DeactivationDate'), undefined);
  });

  it('uses the Initial Date as Compromise Occurrence Date when the request has none', async () => {
    const id = await keyIn('Active');
    await revoke(id, RevocationReasonCode.CACompromise);
    assert.deepEqual(await attribute(id, 'CompromiseOccurrenceDate'), CREATED);
  });

  for (const from of ['PreActive', 'Deactivated'] as const) {
    it(`compromises a ${from} key`, async () => {
      const id = await keyIn(from);
      assert.equal(
        (await revoke(id, RevocationReasonCode.KeyCompromise)).status,
        ResultStatus.Success,
      );
      assert.equal(await state(id), 'Compromised');
    });
  }

  it('turns a Destroyed key into Destroyed Compromised, and a Compromised one may then be destroyed', async () => {
    const destroyed = await keyIn('Destroyed');
    await revoke(destroyed, RevocationReasonCode.KeyCompromise);
    assert.equal(await state(destroyed), 'DestroyedCompromised');
    assert.deepEqual(await attribute(destroyed, 'CompromiseDate'), NOW);
    const compromised = await keyIn('Active');
    await revoke(compromised, RevocationReasonCode.KeyCompromise);
    assert.equal((await run('Destroy', compromised)).status, ResultStatus.Success);
    assert.equal(await state(compromised), 'DestroyedCompromised');
  });

  const refused: [string, 'PreActive' | 'Active' | 'Deactivated' | 'Destroyed', number][] = [
    ['a non-compromise reason on a Pre-Active key', 'PreActive', RevocationReasonCode.Unspecified],
    [
      'a non-compromise reason on a Deactivated key',
      'Deactivated',
      RevocationReasonCode.Superseded,
    ],
    ['a non-compromise reason on a Destroyed key', 'Destroyed', RevocationReasonCode.Unspecified],
  ];
  for (const [what, from, code] of refused) {
    it(`refuses ${what}: Permission Denied in 1.x and 2.0, Wrong Key Lifecycle State in 2.1`, async () => {
      const id = await keyIn(from);
      const reasonBefore = await attribute(id, 'RevocationReason');
      assert.equal((await revoke(id, code, {}, '1.2')).reason, ResultReason.PermissionDenied);
      assert.equal((await revoke(id, code, {}, '2.0')).reason, ResultReason.PermissionDenied);
      assert.equal((await revoke(id, code, {}, '2.1')).reason, ResultReason.WrongKeyLifecycleState);
      assert.equal(await state(id), from);
      assert.deepEqual(await attribute(id, 'RevocationReason'), reasonBefore);
    });
  }

  it('refuses to compromise a key twice, keeping the first Compromise Date', async () => {
    const id = await keyIn('Active');
    await revoke(id, RevocationReasonCode.KeyCompromise);
    now = new Date(NOW.getTime() + 60_000);
    const again = await revoke(id, RevocationReasonCode.CACompromise, {}, '2.1');
    assert.equal(again.reason, ResultReason.WrongKeyLifecycleState);
    assert.deepEqual(await attribute(id, 'CompromiseDate'), NOW);
  });

  it('refuses a reason code the version does not define with Invalid Field, and accepts a vendor extension code', async () => {
    const id = await keyIn('Active');
    assert.equal((await revoke(id, 0x42)).reason, ResultReason.InvalidField);
    assert.equal((await revoke(id, 0x42, {}, '2.1')).reason, ResultReason.InvalidField);
    assert.equal(await state(id), 'Active');
    assert.equal((await revoke(id, 0x80000001)).status, ResultStatus.Success);
    assert.equal(await state(id), 'Deactivated');
  });

  it('refuses a Compromise Occurrence Date with a non-compromise reason (the spec says SHALL NOT)', async () => {
    const id = await keyIn('Active');
    const result = await revoke(id, RevocationReasonCode.Superseded, {
      compromiseOccurrenceDate: NOW,
    });
    assert.equal(result.reason, ResultReason.InvalidField);
    assert.equal(await state(id), 'Active');
  });

  it('lets only the owner revoke, and answers a missing object per version', async () => {
    const id = await keyIn('Active');
    const denied = await revoke(id, RevocationReasonCode.KeyCompromise, {}, '1.4', 'mallory');
    assert.equal(denied.reason, ResultReason.PermissionDenied);
    assert.equal(await state(id), 'Active');
    assert.equal((await revoke('nope', 1, {}, '1.4')).reason, ResultReason.ItemNotFound);
    assert.equal((await revoke('nope', 1, {}, '2.1')).reason, ResultReason.ObjectNotFound);
  });

  it('acts on the ID Placeholder when the Unique Identifier is left out', async () => {
    now = NOW;
    const created = await harness.send(
      message('1.4', [
        createAesKey(128, [], 'create'),
        { operation: 'Activate', payload: {}, id: 'activate' },
        {
          operation: 'Revoke',
          payload: { revocationReason: { code: RevocationReasonCode.Unspecified } },
          id: 'revoke',
        },
      ]),
    );
    const [first, , third] = created.batchItems.map(outcome);
    assert.equal(third?.status, ResultStatus.Success);
    assert.ok(first?.id !== undefined);
    assert.equal(third.id, first.id);
    assert.equal(await state(first.id), 'Deactivated');
  });

  it('shows the revocation attributes to GetAttributes in 1.x and 2.x', async () => {
    const id = await keyIn('Active');
    await revoke(id, RevocationReasonCode.KeyCompromise, {
      revocationReason: { code: RevocationReasonCode.KeyCompromise, message: 'leaked' },
    });
    for (const version of ['1.0', '2.1'] as const) {
      const item = await harness.sendOne(version, {
        operation: 'GetAttributes',
        payload: {
          uniqueIdentifier: id,
          attributeNames: ['State', 'RevocationReason', 'CompromiseDate'],
        },
      });
      assert.ok(item.kind === 'typed');
      const attributes = (item.payload as { attributes: Attribute[] }).attributes;
      assert.deepEqual(
        attributes.map((a) => [a.name, a.value]),
        [
          ['State', State.Compromised],
          ['RevocationReason', { code: RevocationReasonCode.KeyCompromise, message: 'leaked' }],
          ['CompromiseDate', NOW],
        ],
        version,
      );
    }
  });

  it('refuses to revoke a Template, which has no lifecycle (Illegal Operation; 2.x has no Templates: Object Not Found)', async () => {
    const open = await createServerHarness({ now: () => NOW, authorize: () => true });
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
          .sendOne(version, {
            operation: 'Revoke',
            payload: { uniqueIdentifier: id, revocationReason: { code: 1 } },
          })
          .then(outcome);
      assert.equal((await send('1.4')).reason, ResultReason.IllegalOperation);
      assert.equal((await send('2.1')).reason, ResultReason.ObjectNotFound);
    } finally {
      await open.close();
    }
  });
});
