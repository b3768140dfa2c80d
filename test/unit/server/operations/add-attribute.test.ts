// Add Attribute through the pipeline: new instances, the 1.x echo with its index, refusals
// per version, custom attributes, and Activation Date activating a Pre-Active object.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  LinkType,
  NameType,
  Operation,
  ResultReason,
  ResultStatus,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createAesKey,
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

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

function failure(item: ResponseBatchItem): { reason: number | undefined; message: string } {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed);
  return { reason: item.resultReason, message: item.resultMessage ?? '' };
}

describe('AddAttribute', () => {
  let harness: ServerHarness;
  const now = new Date('2031-03-01T08:00:00Z');
  const add = (
    id: string | undefined,
    attribute: Attribute,
    version: KmipVersionName = '1.4',
    identity?: string,
  ) =>
    harness.sendOne(
      version,
      {
        operation: 'AddAttribute',
        payload: { ...(id === undefined ? {} : { uniqueIdentifier: id }), attribute },
      },
      identity,
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

  it('adds a Name instance and echoes it with its new index in KMIP 1.x', async () => {
    const id = await harness.createKey({ extra: [nameOf('first')] });
    const added = payloadOf(await add(id, nameOf('second')));
    assert.equal(added.uniqueIdentifier, id);
    assert.deepEqual(added.attribute, { ...nameOf('second'), index: 1 });
    assert.deepEqual(await read(id, ['Name']), [
      nameOf('first'),
      { ...nameOf('second'), index: 1 },
    ]);
  });

  it('echoes a first instance without its index 0 (OASIS SKFF-M-10-14)', async () => {
    const id = await harness.createKey();
    const added = payloadOf(await add(id, { name: 'ContactInformation', value: 'ops@example' }));
    assert.deepEqual(added.attribute, { name: 'ContactInformation', value: 'ops@example' });
  });

  it('answers only the Unique Identifier in KMIP 2.x and adds a Link (OASIS AX-M-1-21)', async () => {
    const id = await harness.createKey({ version: '2.1' });
    const link: Attribute = {
      name: 'Link',
      value: { linkType: LinkType.PreviousLink, linkedObjectIdentifier: 'older-key' },
    };
    const added = payloadOf(await add(id, link, '2.1'));
    assert.deepEqual(added, { uniqueIdentifier: id });
    assert.deepEqual(await read(id, ['Link'], '2.1'), [link]);
  });

  it('uses the ID Placeholder when the Unique Identifier is left out', async () => {
    const batch = await harness.send(
      message('2.1', [
        createAesKey(256, [], 'create'),
        {
          operation: 'AddAttribute',
          payload: { attribute: { name: 'Description', value: 'c' } },
          id: 'add',
        },
      ]),
    );
    const [created, added] = batch.batchItems;
    assert.ok(created !== undefined && added !== undefined);
    const id = payloadOf(created).uniqueIdentifier;
    assert.equal(payloadOf(added).uniqueIdentifier, id);
  });

  it('refuses a second value of a single-valued attribute: Attribute Single Valued (1.x: Index Out of Bounds)', async () => {
    // OASIS BL-M-5-21: the first Description is kept.
    const id = await harness.createKey({ version: '2.1' });
    payloadOf(await add(id, { name: 'Description', value: 'This is opaque' }, '2.1'));
    const second = await add(id, { name: 'Description', value: 'duplicate' }, '2.1');
    assert.equal(failure(second).reason, ResultReason.AttributeSingleValued);
    assert.deepEqual(await read(id, ['Description'], '2.1'), [
      { name: 'Description', value: 'This is opaque' },
    ]);
    const id14 = await harness.createKey();
    payloadOf(await add(id14, { name: 'ContactInformation', value: 'a' }));
    const again = await add(id14, { name: 'ContactInformation', value: 'b' });
    assert.equal(failure(again).reason, ResultReason.IndexOutOfBounds);
  });

  it('refuses server-set and fixed attributes: Attribute Read Only (1.x: Permission Denied)', async () => {
    const id = await harness.createKey({ version: '2.1' });
    for (const attribute of [
      { name: 'State', value: State.Active },
      { name: 'InitialDate', value: now },
      { name: 'CryptographicUsageMask', value: 4 },
      { name: 'CertificateLength', value: 123 },
    ]) {
      assert.equal(
        failure(await add(id, attribute, '2.1')).reason,
        ResultReason.AttributeReadOnly,
        attribute.name,
      );
      assert.equal(
        failure(await add(id, attribute, '1.4')).reason,
        ResultReason.PermissionDenied,
        attribute.name,
      );
    }
  });

  it('refuses unknown, misspelled and other-version names with Invalid Field naming them', async () => {
    const id = await harness.createKey();
    for (const [version, name, value] of [
      ['1.4', 'Contact Informaton', text('x')],
      ['1.4', 'acme-owner', text('x')],
      ['2.1', 'OperationPolicyName', 'default'],
      ['2.1', 'BatchCount', 3],
    ] as const) {
      const refused = failure(await add(id, { name, value }, version));
      assert.equal(refused.reason, ResultReason.InvalidField, `${version} ${name}`);
      assert.ok(refused.message.includes(name), refused.message);
    }
  });

  it('refuses, in KMIP 1.0, a name only later versions define (Fresh) with Invalid Field', async () => {
    // Built by hand: the encoder leaves out attributes the version does not define.
    const id = await harness.createKey({ version: '1.0' });
    const payload: KmipItem = {
      tag: Tag.RequestPayload,
      type: 'Structure',
      value: [
        { tag: Tag.UniqueIdentifier, type: 'TextString', value: id },
        {
          tag: Tag.Attribute,
          type: 'Structure',
          value: [
            { tag: Tag.AttributeName, type: 'TextString', value: 'Fresh' },
            { tag: Tag.AttributeValue, type: 'Boolean', value: true },
          ],
        },
      ],
    };
    const refused = failure(
      await harness.sendOne('1.0', { operation: Operation.AddAttribute, raw: payload }),
    );
    assert.equal(refused.reason, ResultReason.InvalidField);
    assert.ok(refused.message.includes('Fresh'), refused.message);
  });

  it('refuses an Attribute Index in the request with Invalid Field', async () => {
    const id = await harness.createKey();
    const refused = await add(id, { ...nameOf('indexed'), index: 3 });
    assert.equal(failure(refused).reason, ResultReason.InvalidField);
  });

  it('refuses a Name the object already has: Non Unique Name Attribute (OASIS BL-M-8-21; 1.x: Invalid Field)', async () => {
    const id = await harness.createKey({ version: '2.1', extra: [nameOf('BL-M-8-21')] });
    assert.equal(
      failure(await add(id, nameOf('BL-M-8-21'), '2.1')).reason,
      ResultReason.NonUniqueNameAttribute,
    );
    assert.equal(
      failure(await add(id, nameOf('BL-M-8-21'), '1.4')).reason,
      ResultReason.InvalidField,
    );
    assert.deepEqual(await read(id, ['Name'], '2.1'), [nameOf('BL-M-8-21')]);
  });

  it('keeps custom attributes as sent: 1.x x- names with their indexes, 2.x vendor attributes', async () => {
    const id = await harness.createKey();
    const structured: Attribute = {
      name: 'x-struct',
      value: {
        tag: Tag.AttributeValue,
        type: 'Structure',
        value: [{ tag: 0x540002, type: 'Integer', value: 7 }],
      },
    };
    assert.deepEqual(payloadOf(await add(id, { name: 'x-note', value: text('one') })).attribute, {
      name: 'x-note',
      value: text('one'),
    });
    assert.deepEqual(payloadOf(await add(id, { name: 'x-note', value: text('two') })).attribute, {
      name: 'x-note',
      index: 1,
      value: text('two'),
    });
    payloadOf(await add(id, structured));
    assert.deepEqual(await read(id, ['x-note', 'x-struct']), [
      { name: 'x-note', value: text('one') },
      { name: 'x-note', index: 1, value: text('two') },
      structured,
    ]);

    const id21 = await harness.createKey({ version: '2.1' });
    const vendor: Attribute = { name: 'acme-owner', value: text('team-a') };
    payloadOf(await add(id21, vendor, '2.1'));
    assert.deepEqual(await read(id21, ['acme-owner'], '2.1'), [vendor]);
  });

  it('activates a Pre-Active object when the Activation Date added is now or past, and saves it', async () => {
    const id = await harness.createKey();
    payloadOf(await add(id, { name: 'ActivationDate', value: now }));
    assert.equal((await harness.store.get(id)).state, 'Active');
    assert.deepEqual(await read(id, ['State']), [{ name: 'State', value: State.Active }]);

    const later = await harness.createKey();
    const future = new Date(now.getTime() + 3_600_000);
    payloadOf(await add(later, { name: 'ActivationDate', value: future }));
    assert.equal((await harness.store.get(later)).state, 'PreActive');
  });

  it('refuses an Activation Date on an object that is no longer Pre-Active', async () => {
    const id = await harness.createKey();
    payloadOf(await add(id, { name: 'DeactivationDate', value: now }));
    assert.equal((await harness.store.get(id)).state, 'Deactivated');
    const refused = await add(id, { name: 'ActivationDate', value: now }, '2.1');
    assert.equal(failure(refused).reason, ResultReason.WrongKeyLifecycleState);
    assert.equal(
      failure(await add(id, { name: 'ActivationDate', value: now }, '2.0')).reason,
      ResultReason.PermissionDenied,
    );
  });

  it('lets only the owner add attributes', async () => {
    const id = await harness.createKey({ identity: 'alice' });
    const refused = await add(id, { name: 'Description', value: 'x' }, '2.1', 'bob');
    assert.equal(failure(refused).reason, ResultReason.PermissionDenied);
    assert.equal(
      failure(await add('missing', { name: 'Description', value: 'x' }, '2.1')).reason,
      ResultReason.ObjectNotFound,
    );
    assert.equal(
      failure(await add('missing', { name: 'ContactInformation', value: 'x' })).reason,
      ResultReason.ItemNotFound,
    );
  });
});
