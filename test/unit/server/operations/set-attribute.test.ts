// Set Attribute (KMIP 2.0+) through the pipeline: create or replace a single value, the
// OASIS TC-SETATTR cases, refusals, Activation Date, and how Operation Not Supported reads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NameType,
  Operation,
  ResultReason,
  ResultStatus,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { query } from '../../../../src/server/operations/query.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

const text = (value: string) => ({ tag: Tag.AttributeValue, type: 'TextString', value }) as const;
const nameOf = (value: string): Attribute => ({
  name: 'Name',
  value: { value, type: NameType.UninterpretedTextString },
});

function payloadOf(item: ResponseBatchItem): unknown {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return item.payload;
}

function failure(item: ResponseBatchItem): { reason: number | undefined; message: string } {
  assert.ok(item.kind !== 'invalid');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed);
  return { reason: item.resultReason, message: item.resultMessage ?? '' };
}

describe('SetAttribute', () => {
  let harness: ServerHarness;
  const now = new Date('2031-06-01T00:00:00Z');
  const run = (
    operation: 'SetAttribute' | 'AddAttribute',
    id: string,
    attribute: Attribute,
    version: KmipVersionName = '2.1',
    identity?: string,
  ) =>
    harness.sendOne(version, { operation, payload: { uniqueIdentifier: id, attribute } }, identity);
  const set = (id: string, attribute: Attribute, version?: KmipVersionName, identity?: string) =>
    run('SetAttribute', id, attribute, version, identity);
  const read = async (id: string, names: string[], version: KmipVersionName = '2.1') => {
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

  it('sets Sensitive and answers the Unique Identifier only (OASIS TC-SETATTR-1-20)', async () => {
    const id = await harness.createKey({ version: '2.0' });
    assert.deepEqual(payloadOf(await set(id, { name: 'Sensitive', value: true }, '2.0')), {
      uniqueIdentifier: id,
    });
    assert.deepEqual(await read(id, ['Sensitive'], '2.0'), [{ name: 'Sensitive', value: true }]);
  });

  it('replaces the one value of a vendor attribute (OASIS TC-SETATTR-2-20)', async () => {
    const id = await harness.createKey({ version: '2.0' });
    payloadOf(await set(id, { name: 'tc-Set', value: text('one') }, '2.0'));
    payloadOf(await set(id, { name: 'tc-Set', value: text('two') }, '2.0'));
    assert.deepEqual(await read(id, ['tc-Set'], '2.0'), [{ name: 'tc-Set', value: text('two') }]);
  });

  it('refuses an attribute with several instances: Multi Valued Attribute (OASIS TC-SETATTR-3-20)', async () => {
    const id = await harness.createKey({ version: '2.0' });
    payloadOf(await set(id, { name: 'tc-Set', value: text('one') }, '2.0'));
    payloadOf(await run('AddAttribute', id, { name: 'tc-Set', value: text('two') }, '2.0'));
    const refused = await set(id, { name: 'tc-Set', value: text('three') }, '2.0');
    assert.equal(failure(refused).reason, ResultReason.MultiValuedAttribute);
    assert.deepEqual(
      (await read(id, ['tc-Set'], '2.0')).map((a) => a.value),
      [text('one'), text('two')],
    );
  });

  it('creates a missing single-valued attribute and replaces a present one', async () => {
    const id = await harness.createKey({ version: '2.1' });
    payloadOf(await set(id, { name: 'Description', value: 'first' }));
    payloadOf(await set(id, { name: 'Description', value: 'second' }));
    assert.deepEqual(await read(id, ['Description']), [{ name: 'Description', value: 'second' }]);
  });

  it('replaces the only instance of a multi-valued attribute', async () => {
    const id = await harness.createKey({ version: '2.1', extra: [nameOf('old')] });
    payloadOf(await set(id, nameOf('new')));
    assert.deepEqual(await read(id, ['Name']), [nameOf('new')]);
  });

  it('refuses read-only attributes with Attribute Read Only', async () => {
    const id = await harness.createKey({ version: '2.1' });
    for (const attribute of [
      { name: 'State', value: State.Compromised },
      { name: 'CryptographicAlgorithm', value: 3 },
      { name: 'LastChangeDate', value: now },
    ]) {
      assert.equal(
        failure(await set(id, attribute)).reason,
        ResultReason.AttributeReadOnly,
        attribute.name,
      );
    }
  });

  it('never turns Sensitive back off', async () => {
    const id = await harness.createKey({ version: '2.1' });
    payloadOf(await set(id, { name: 'Sensitive', value: false }));
    payloadOf(await set(id, { name: 'Sensitive', value: true }));
    const refused = await set(id, { name: 'Sensitive', value: false });
    assert.equal(failure(refused).reason, ResultReason.AttributeReadOnly);
    assert.deepEqual(await read(id, ['Sensitive']), [{ name: 'Sensitive', value: true }]);
  });

  it('refuses a name the version does not define with Invalid Field naming it', async () => {
    const id = await harness.createKey({ version: '2.1' });
    const refused = failure(await set(id, { name: 'OperationPolicyName', value: 'public' }));
    assert.equal(refused.reason, ResultReason.InvalidField);
    assert.ok(refused.message.includes('OperationPolicyName'), refused.message);
  });

  it('activates a Pre-Active object for an Activation Date of now, and refuses it once Active', async () => {
    const id = await harness.createKey({ version: '2.1' });
    payloadOf(await set(id, { name: 'ActivationDate', value: now }));
    assert.equal((await harness.store.get(id)).state, 'Active');
    const again = await set(id, { name: 'ActivationDate', value: now });
    assert.equal(failure(again).reason, ResultReason.WrongKeyLifecycleState);
    const v20 = await set(id, { name: 'ActivationDate', value: now }, '2.0');
    assert.equal(failure(v20).reason, ResultReason.PermissionDenied);
  });

  it('lets only the owner set attributes', async () => {
    const id = await harness.createKey({ identity: 'alice', version: '2.1' });
    const refused = await set(id, { name: 'Description', value: 'x' }, '2.1', 'bob');
    assert.equal(failure(refused).reason, ResultReason.PermissionDenied);
  });
});

describe('Operation Not Supported wording', () => {
  it('says KMIP 1.x does not define Set Attribute', async (t) => {
    const harness = await createServerHarness();
    t.after(() => harness.close());
    const item = await harness.sendOne('1.4', {
      operation: Operation.SetAttribute,
      raw: { tag: Tag.RequestPayload, type: 'Structure', value: [] },
    });
    assert.ok(item.kind !== 'invalid');
    assert.equal(item.resultReason, ResultReason.OperationNotSupported);
    assert.match(item.resultMessage ?? '', /not defined in KMIP 1\.4/);
  });

  it('says the server does not implement an operation missing from its table, not a version problem', async (t) => {
    const harness = await createServerHarness({ operations: { Query: query } });
    t.after(() => harness.close());
    const item = await harness.sendOne('1.2', {
      operation: 'GetAttributeList',
      payload: { uniqueIdentifier: 'any' },
    });
    assert.ok(item.kind !== 'invalid');
    assert.equal(item.resultReason, ResultReason.OperationNotSupported);
    assert.match(item.resultMessage ?? '', /does not implement GetAttributeList/);
    assert.doesNotMatch(item.resultMessage ?? '', /KMIP 1\.2/);
  });
});
