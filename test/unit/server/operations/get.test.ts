import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  KeyCompressionType,
  KeyFormatType,
  KeyWrapType,
  ObjectType,
  ResultReason,
  ResultStatus,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { GetRequest, GetResponse } from '../../../../src/kmip/messages/payloads/get.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { decodeObjectMaterial } from '../../../../src/server/objects/index.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

function result(item: ResponseBatchItem): {
  status: number;
  reason?: number;
  payload?: GetResponse;
} {
  assert.ok(item.kind !== 'invalid');
  return {
    status: item.resultStatus,
    ...(item.resultReason === undefined ? {} : { reason: item.resultReason }),
    ...(item.payload === undefined ? {} : { payload: item.payload as GetResponse }),
  };
}

describe('Get', () => {
  let harness: ServerHarness;
  const get = (payload: GetRequest, version: KmipVersionName = '1.4', identity?: string) =>
    harness.sendOne(version, { operation: 'Get', payload }, identity);

  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('returns the key exactly as stored, in every version', async () => {
    const id = await harness.createKey();
    const stored = decodeObjectMaterial((await harness.store.get(id)).material ?? new Uint8Array());
    for (const version of ['1.0', '1.2', '1.4', '2.0', '2.1'] as const) {
      const { status, payload } = result(await get({ uniqueIdentifier: id }, version));
      assert.equal(status, ResultStatus.Success);
      assert.equal(payload?.objectType, ObjectType.SymmetricKey);
      assert.equal(payload?.uniqueIdentifier, id);
      assert.deepEqual(payload?.object, stored);
    }
  });

  it('clears Fresh on the first Get without moving Last Change Date', async () => {
    const id = await harness.createKey();
    const fresh = () =>
      harness.store.get(id).then((o) => o.attributes.find((a) => a.name === 'Fresh')?.value);
    const changed = () =>
      harness.store
        .get(id)
        .then((o) => o.attributes.find((a) => a.name === 'LastChangeDate')?.value);
    assert.equal(await fresh(), true);
    const before = await changed();
    await get({ uniqueIdentifier: id });
    assert.equal(await fresh(), false);
    assert.deepEqual(await changed(), before);
  });

  it('accepts the stored Key Format Type and refuses one a symmetric key has no form in', async () => {
    const id = await harness.createKey();
    assert.equal(
      result(await get({ uniqueIdentifier: id, keyFormatType: KeyFormatType.Raw })).status,
      ResultStatus.Success,
    );
    assert.equal(
      result(await get({ uniqueIdentifier: id, keyFormatType: KeyFormatType.PKCS_8 })).reason,
      ResultReason.KeyFormatTypeNotSupported,
    );
  });

  it('refuses compression and wrapping it cannot do', async () => {
    const id = await harness.createKey();
    assert.equal(
      result(
        await get({
          uniqueIdentifier: id,
          keyCompressionType: KeyCompressionType.ECPublicKeyTypeUncompressed,
        }),
      ).reason,
      ResultReason.KeyCompressionTypeNotSupported,
    );
    assert.equal(
      result(
        await get({
          uniqueIdentifier: id,
          keyWrappingSpecification: { wrappingMethod: WrappingMethod.TR_31 },
        }),
      ).reason,
      ResultReason.FeatureNotSupported,
    );
    assert.equal(
      result(await get({ uniqueIdentifier: id, keyWrapType: KeyWrapType.NotWrapped })).status,
      ResultStatus.Success,
    );
  });

  it('answers a missing object with Item Not Found (1.x) / Object Not Found (2.1)', async () => {
    assert.equal(
      result(await get({ uniqueIdentifier: 'nope' }, '1.0')).reason,
      ResultReason.ItemNotFound,
    );
    assert.equal(
      result(await get({ uniqueIdentifier: 'nope' }, '2.0')).reason,
      ResultReason.ItemNotFound,
    );
    assert.equal(
      result(await get({ uniqueIdentifier: 'nope' }, '2.1')).reason,
      ResultReason.ObjectNotFound,
    );
  });

  it('answers a destroyed key with Item Not Found (1.x) / Object Destroyed (2.1)', async () => {
    const id = await harness.createKey();
    await harness.sendOne('1.4', { operation: 'Destroy', payload: { uniqueIdentifier: id } });
    assert.equal(
      result(await get({ uniqueIdentifier: id }, '1.4')).reason,
      ResultReason.ItemNotFound,
    );
    assert.equal(
      result(await get({ uniqueIdentifier: id }, '2.1')).reason,
      ResultReason.ObjectDestroyed,
    );
  });

  it('lets only the owner get a symmetric key', async () => {
    const id = await harness.createKey({ identity: 'alice' });
    assert.equal(
      result(await get({ uniqueIdentifier: id }, '1.4', 'bob')).reason,
      ResultReason.PermissionDenied,
    );
    assert.equal(
      result(await get({ uniqueIdentifier: id }, '1.4', 'alice')).status,
      ResultStatus.Success,
    );
  });
});
