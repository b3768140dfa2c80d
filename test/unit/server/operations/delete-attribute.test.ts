// Delete Attribute through the pipeline: 1.x by name and index with the deleted attribute
// echoed, 2.x by Current Attribute or Attribute Reference, refusals per version.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NameType,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { DeleteAttributeRequest } from '../../../../src/kmip/messages/payloads/delete-attribute.ts';
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

describe('DeleteAttribute', () => {
  let harness: ServerHarness;
  const remove = (
    id: string,
    request: Omit<DeleteAttributeRequest, 'uniqueIdentifier'>,
    version: KmipVersionName = '1.4',
    identity?: string,
  ) =>
    harness.sendOne(
      version,
      { operation: 'DeleteAttribute', payload: { uniqueIdentifier: id, ...request } },
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
    harness = await createServerHarness();
  });
  after(() => harness.close());

  describe('KMIP 1.x', () => {
    it('deletes index 0 when no index is given and returns it; the rest keep their indexes (OASIS TC-171-11)', async () => {
      const id = await harness.createKey({
        version: '1.1',
        extra: [nameOf('TC-171-11-name1'), nameOf('TC-171-11-name2')],
      });
      const deleted = payloadOf(await remove(id, { attributeName: 'Name' }, '1.1'));
      assert.deepEqual(deleted, { uniqueIdentifier: id, attribute: nameOf('TC-171-11-name1') });
      assert.deepEqual(await read(id, ['Name'], '1.1'), [
        { ...nameOf('TC-171-11-name2'), index: 1 },
      ]);
    });

    it('deletes the instance the index names and echoes it with that index', async () => {
      const id = await harness.createKey({ extra: [nameOf('a'), nameOf('b'), nameOf('c')] });
      const deleted = payloadOf(await remove(id, { attributeName: 'Name', attributeIndex: 1 }));
      assert.deepEqual(deleted.attribute, { ...nameOf('b'), index: 1 });
      assert.deepEqual(await read(id, ['Name']), [nameOf('a'), { ...nameOf('c'), index: 2 }]);
    });

    it('needs the index in KMIP 1.0 when there are several instances', async () => {
      const id = await harness.createKey({ version: '1.0', extra: [nameOf('a'), nameOf('b')] });
      assert.equal(
        reasonOf(await remove(id, { attributeName: 'Name' }, '1.0')),
        ResultReason.InvalidField,
      );
      payloadOf(await remove(id, { attributeName: 'Name', attributeIndex: 1 }, '1.0'));
    });

    it('answers Item Not Found for a missing attribute or index', async () => {
      const id = await harness.createKey({ extra: [nameOf('a')] });
      assert.equal(
        reasonOf(await remove(id, { attributeName: 'ContactInformation' })),
        ResultReason.ItemNotFound,
      );
      assert.equal(
        reasonOf(await remove(id, { attributeName: 'Name', attributeIndex: 4 })),
        ResultReason.ItemNotFound,
      );
    });

    it('refuses attributes a client may not delete with Permission Denied, unknown names with Invalid Field', async () => {
      const id = await harness.createKey({
        extra: [{ name: 'ActivationDate', value: new Date() }],
      });
      for (const attributeName of ['State', 'UniqueIdentifier', 'ActivationDate', 'Digest']) {
        assert.equal(
          reasonOf(await remove(id, { attributeName })),
          ResultReason.PermissionDenied,
          attributeName,
        );
      }
      assert.equal(
        reasonOf(await remove(id, { attributeName: 'Nmae' })),
        ResultReason.InvalidField,
      );
    });

    it('deletes x- custom attributes and returns them as they were (OASIS SKFF-M-10-14)', async () => {
      const attribute = { name: 'x-attribute2', value: text('ModifiedValue2') };
      const id = await harness.createKey({ extra: [attribute] });
      assert.deepEqual(
        payloadOf(await remove(id, { attributeName: 'x-attribute2' })).attribute,
        attribute,
      );
      assert.deepEqual(await read(id, ['x-attribute2']), []);
    });
  });

  describe('KMIP 2.x', () => {
    it('deletes every instance named by an Attribute Reference and answers the Unique Identifier', async () => {
      const id = await harness.createKey({ version: '2.1', extra: [nameOf('a'), nameOf('b')] });
      assert.deepEqual(payloadOf(await remove(id, { attributeName: 'Name' }, '2.1')), {
        uniqueIdentifier: id,
      });
      assert.deepEqual(await read(id, ['Name'], '2.1'), []);
    });

    it('deletes only the instance with the Current Attribute value', async () => {
      const id = await harness.createKey({ version: '2.1', extra: [nameOf('a'), nameOf('b')] });
      payloadOf(await remove(id, { currentAttribute: nameOf('a') }, '2.1'));
      assert.deepEqual(await read(id, ['Name'], '2.1'), [nameOf('b')]);
    });

    it('deletes vendor attributes by reference (OASIS SKFF-M-10-20)', async () => {
      const id = await harness.createKey({
        version: '2.0',
        extra: [{ name: 'x-attribute2', value: text('ModifiedValue2') }],
      });
      payloadOf(await remove(id, { attributeName: 'x-attribute2' }, '2.0'));
      assert.deepEqual(await read(id, ['x-attribute2'], '2.0'), []);
    });

    it('refuses what it cannot delete, each with its reason', async () => {
      const id = await harness.createKey({ version: '2.1', extra: [nameOf('a')] });
      const cases: [Omit<DeleteAttributeRequest, 'uniqueIdentifier'>, number][] = [
        [{ attributeName: 'Description' }, ResultReason.AttributeNotFound],
        [{ currentAttribute: nameOf('zzz') }, ResultReason.AttributeInstanceNotFound],
        [{ currentAttribute: { name: 'Description', value: 'x' } }, ResultReason.AttributeNotFound],
        [{ attributeName: 'State' }, ResultReason.AttributeReadOnly],
        [{ attributeName: 'CryptographicAlgorithm' }, ResultReason.AttributeReadOnly],
        [{}, ResultReason.MissingData],
        [
          { attributeName: 'Description', currentAttribute: nameOf('a') },
          ResultReason.InvalidField,
        ],
        [{ attributeName: 'OperationPolicyName' }, ResultReason.InvalidField],
      ];
      for (const [request, reason] of cases) {
        assert.equal(reasonOf(await remove(id, request, '2.1')), reason, JSON.stringify(request));
      }
      assert.deepEqual(await read(id, ['Name'], '2.1'), [nameOf('a')]);
    });
  });

  it('lets only the owner delete attributes', async () => {
    const id = await harness.createKey({ identity: 'alice', extra: [nameOf('a')] });
    assert.equal(
      reasonOf(await remove(id, { attributeName: 'Name' }, '1.4', 'bob')),
      ResultReason.PermissionDenied,
    );
    assert.equal(
      reasonOf(await remove('missing', { attributeName: 'Name' }, '2.1')),
      ResultReason.ObjectNotFound,
    );
  });
});
