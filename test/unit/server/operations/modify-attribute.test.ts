// Modify Attribute through the pipeline: 1.x by Attribute Index with the attribute echoed,
// 2.x by Current Attribute, refusals per version, custom attributes and lifecycle dates.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NameType,
  ResultReason,
  ResultStatus,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

const nameOf = (value: string): Attribute => ({
  name: 'Name',
  value: { value, type: NameType.UninterpretedTextString },
});
const text = (value: string) => ({ tag: Tag.AttributeValue, type: 'TextString', value }) as const;

function payloadOf(item: ResponseBatchItem): { uniqueIdentifier?: string; attribute?: Attribute } {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return item.payload as { uniqueIdentifier?: string; attribute?: Attribute };
}

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed);
  return item.resultReason;
}

describe('ModifyAttribute', () => {
  let harness: ServerHarness;
  let now = new Date('2031-09-01T10:00:00Z');
  const hourLater = () => new Date(now.getTime() + 3_600_000);
  const modify = (
    id: string,
    attribute: Attribute,
    options: { version?: KmipVersionName; current?: Attribute; identity?: string } = {},
  ) =>
    harness.sendOne(
      options.version ?? '1.4',
      {
        operation: 'ModifyAttribute',
        payload: {
          uniqueIdentifier: id,
          attribute,
          ...(options.current === undefined ? {} : { currentAttribute: options.current }),
        },
      },
      options.identity,
    );
  const read = async (id: string, names: string[], version: KmipVersionName = '1.4') => {
    const item = await harness.sendOne(version, {
      operation: 'GetAttributes',
      payload: { uniqueIdentifier: id, attributeNames: names },
    });
    return (payloadOf(item) as { attributes?: Attribute[] }).attributes ?? [];
  };

  before(async () => {
    harness = await createServerHarness({ now: () => now });
  });
  after(() => harness.close());

  describe('KMIP 1.x', () => {
    it('modifies the instance at Attribute Index 0 and echoes it (OASIS TC-171-11)', async () => {
      const contact: Attribute = { name: 'ContactInformation', value: 'admin@localhost' };
      const id = await harness.createKey({ version: '1.1', extra: [contact] });
      const changed = { name: 'ContactInformation', value: 'donald@localhost' };
      const item = await modify(id, { ...changed, index: 0 }, { version: '1.1' });
      assert.deepEqual(payloadOf(item), { uniqueIdentifier: id, attribute: changed });
      assert.deepEqual(await read(id, ['ContactInformation'], '1.1'), [changed]);
    });

    it('modifies the instance the index names and keeps the others', async () => {
      const id = await harness.createKey({ extra: [nameOf('a'), nameOf('b')] });
      const item = await modify(id, { ...nameOf('B'), index: 1 });
      assert.deepEqual(payloadOf(item).attribute, { ...nameOf('B'), index: 1 });
      assert.deepEqual(await read(id, ['Name']), [nameOf('a'), { ...nameOf('B'), index: 1 }]);
    });

    it('assumes index 0 from KMIP 1.1, but KMIP 1.0 needs it when there are several instances', async () => {
      const id = await harness.createKey({ extra: [nameOf('a'), nameOf('b')] });
      payloadOf(await modify(id, nameOf('A'), { version: '1.1' }));
      assert.deepEqual(await read(id, ['Name']), [nameOf('A'), { ...nameOf('b'), index: 1 }]);
      assert.equal(
        reasonOf(await modify(id, nameOf('x'), { version: '1.0' })),
        ResultReason.InvalidField,
      );
      const single = await harness.createKey({ version: '1.0', extra: [nameOf('only')] });
      payloadOf(await modify(single, nameOf('changed'), { version: '1.0' }));
    });

    it('refuses an attribute the object does not have with Invalid Field, a missing index with Item Not Found', async () => {
      const id = await harness.createKey({ extra: [nameOf('a')] });
      assert.equal(
        reasonOf(await modify(id, { name: 'ContactInformation', value: 'x' })),
        ResultReason.InvalidField,
      );
      assert.equal(
        reasonOf(await modify(id, { ...nameOf('z'), index: 5 })),
        ResultReason.ItemNotFound,
      );
    });

    it('refuses read-only attributes with Permission Denied and unknown names with Invalid Field', async () => {
      const id = await harness.createKey();
      assert.equal(
        reasonOf(await modify(id, { name: 'InitialDate', value: now })),
        ResultReason.PermissionDenied,
      );
      assert.equal(
        reasonOf(await modify(id, { name: 'CryptographicLength', value: 128 })),
        ResultReason.PermissionDenied,
      );
      assert.equal(
        reasonOf(await modify(id, { name: 'Contact', value: text('x') })),
        ResultReason.InvalidField,
      );
    });

    it('modifies x- custom attributes, echoing them as sent (OASIS SKFF-M-10-14, TC-NP-2-14)', async () => {
      const id = await harness.createKey({
        extra: [{ name: 'x-provider', value: text('unknown') }],
      });
      const changed = { name: 'x-provider', value: text('third party') };
      assert.deepEqual(payloadOf(await modify(id, changed)).attribute, changed);
      assert.deepEqual(await read(id, ['x-provider']), [changed]);
    });
  });

  describe('KMIP 2.x', () => {
    it('modifies the only instance without a Current Attribute and answers the Unique Identifier', async () => {
      const id = await harness.createKey({
        version: '2.1',
        extra: [{ name: 'x-attribute2', value: text('Value2') }],
      });
      const changed = { name: 'x-attribute2', value: text('ModifiedValue2') };
      assert.deepEqual(payloadOf(await modify(id, changed, { version: '2.1' })), {
        uniqueIdentifier: id,
      });
      assert.deepEqual(await read(id, ['x-attribute2'], '2.1'), [changed]);
    });

    it('modifies the instance whose value is the Current Attribute', async () => {
      const id = await harness.createKey({ version: '2.1', extra: [nameOf('a'), nameOf('b')] });
      payloadOf(await modify(id, nameOf('B'), { version: '2.1', current: nameOf('b') }));
      assert.deepEqual(await read(id, ['Name'], '2.1'), [nameOf('a'), nameOf('B')]);
    });

    it('refuses a missing attribute, an unmatched Current Attribute and an unnamed instance', async () => {
      const id = await harness.createKey({ version: '2.1', extra: [nameOf('a'), nameOf('b')] });
      const v21 = { version: '2.1' } as const;
      assert.equal(
        reasonOf(await modify(id, { name: 'Description', value: 'x' }, v21)),
        ResultReason.AttributeNotFound,
      );
      assert.equal(
        reasonOf(await modify(id, nameOf('c'), { ...v21, current: nameOf('zzz') })),
        ResultReason.AttributeInstanceNotFound,
      );
      assert.equal(reasonOf(await modify(id, nameOf('c'), v21)), ResultReason.MultiValuedAttribute);
      assert.equal(
        reasonOf(
          await modify(id, nameOf('c'), {
            ...v21,
            current: { name: 'ContactInformation', value: 'a' },
          }),
        ),
        ResultReason.InvalidField,
      );
      assert.equal(
        reasonOf(await modify(id, { name: 'Description', value: 'x' }, { version: '2.0' })),
        ResultReason.AttributeNotFound,
      );
    });

    it('refuses State and Certificate Length with Attribute Read Only (OASIS BL-M-7-21, BL-M-10-21)', async () => {
      const id = await harness.createKey({ version: '2.1' });
      assert.equal(
        reasonOf(await modify(id, { name: 'State', value: State.Compromised }, { version: '2.1' })),
        ResultReason.AttributeReadOnly,
      );
      assert.equal(
        reasonOf(await modify(id, { name: 'CertificateLength', value: 123 }, { version: '2.1' })),
        ResultReason.AttributeReadOnly,
      );
    });

    it('refuses a Name another instance already has: Non Unique Name Attribute', async () => {
      const id = await harness.createKey({ version: '2.1', extra: [nameOf('a'), nameOf('b')] });
      assert.equal(
        reasonOf(await modify(id, nameOf('a'), { version: '2.1', current: nameOf('b') })),
        ResultReason.NonUniqueNameAttribute,
      );
      // Writing an instance's own value again is no conflict.
      payloadOf(await modify(id, nameOf('b'), { version: '2.1', current: nameOf('b') }));
    });
  });

  describe('lifecycle dates', () => {
    it('refuses Activation Date once Active (OASIS SKLC-M-3: 1.x and 2.0 Permission Denied, 2.1 Wrong Key Lifecycle State)', async () => {
      const id = await harness.createKey();
      payloadOf(
        await harness.sendOne('1.4', { operation: 'Activate', payload: { uniqueIdentifier: id } }),
      );
      const date = { name: 'ActivationDate', value: now };
      assert.equal(reasonOf(await modify(id, date)), ResultReason.PermissionDenied);
      assert.equal(
        reasonOf(await modify(id, date, { version: '2.0' })),
        ResultReason.PermissionDenied,
      );
      assert.equal(
        reasonOf(await modify(id, date, { version: '2.1' })),
        ResultReason.WrongKeyLifecycleState,
      );
    });

    it('activates a Pre-Active object when its Activation Date is moved to now, and saves the state', async () => {
      const id = await harness.createKey({
        extra: [{ name: 'ActivationDate', value: hourLater() }],
      });
      assert.equal((await harness.store.get(id)).state, 'PreActive');
      payloadOf(await modify(id, { name: 'ActivationDate', value: now }));
      const stored = await harness.store.get(id);
      assert.equal(stored.state, 'Active');
      assert.deepEqual(stored.attributes.find((a) => a.name === 'ActivationDate')?.value, now);
      assert.deepEqual(await read(id, ['State']), [{ name: 'State', value: State.Active }]);
    });

    it('moves a Deactivation Date while Active and refuses it once Deactivated', async () => {
      const id = await harness.createKey({
        extra: [
          { name: 'ActivationDate', value: now },
          { name: 'DeactivationDate', value: hourLater() },
        ],
      });
      payloadOf(await modify(id, { name: 'DeactivationDate', value: now }));
      assert.equal((await harness.store.get(id)).state, 'Deactivated');
      assert.equal(
        reasonOf(
          await modify(id, { name: 'DeactivationDate', value: hourLater() }, { version: '2.1' }),
        ),
        ResultReason.WrongKeyLifecycleState,
      );
    });

    it('fixes a Process Start Date once it has been reached', async () => {
      const id = await harness.createKey({
        extra: [{ name: 'ProcessStartDate', value: hourLater() }],
      });
      payloadOf(await modify(id, { name: 'ProcessStartDate', value: hourLater() }));
      now = new Date(now.getTime() + 2 * 3_600_000);
      assert.equal(
        reasonOf(
          await modify(id, { name: 'ProcessStartDate', value: hourLater() }, { version: '2.1' }),
        ),
        ResultReason.WrongKeyLifecycleState,
      );
    });
  });

  it('lets only the owner modify attributes', async () => {
    const id = await harness.createKey({ identity: 'alice', extra: [nameOf('a')] });
    assert.equal(
      reasonOf(await modify(id, nameOf('b'), { identity: 'bob' })),
      ResultReason.PermissionDenied,
    );
  });
});
