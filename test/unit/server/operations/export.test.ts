// Export (KMIP 1.4 §4.31, 2.1 §6.1.18) through the pipeline: the object with all its
// attributes, Get's rules (Sensitive only wrapped, non-Extractable never, destroyed material
// never, the owner only), Fresh, the ID Placeholder, KMIP 1.4's Template-Attribute form, and
// Operation Not Supported before 1.4.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BlockCipherMode,
  CryptographicUsageMask,
  EncodingOption,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
  State,
  Tag,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ExportResponse } from '../../../../src/kmip/messages/payloads/export.ts';
import type { GetRequest } from '../../../../src/kmip/messages/payloads/get.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import {
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';
import {
  attr,
  attributeValuesOf,
  blockOf,
  failure,
  fromHex,
  getObject,
  hex,
  materialBytes,
  okPayload,
  registerAes,
} from './key-ops-fixture.ts';

const KEY = '00112233445566778899aabbccddeeff';
const WRAP = CryptographicUsageMask.WrapKey | CryptographicUsageMask.UnwrapKey;

const valuesOf = (attributes: readonly Attribute[], name: string) =>
  attributes.filter((a) => a.name === name).map((a) => a.value);

describe('Export', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  const exportItem = (payload: GetRequest, version: KmipVersionName = '2.1', identity?: string) =>
    harness.sendOne(version, { operation: 'Export', payload }, identity);

  it('returns Object Type, Unique Identifier, every attribute and the object as Get does (OASIS TC-IMPEXP-1)', async () => {
    const id = await registerAes(harness, fromHex(KEY), CryptographicUsageMask.Encrypt, {
      isActive: false,
      extra: [attr('x-purpose', { tag: Tag.AttributeValue, type: 'TextString', value: 'test' })],
    });
    const exported = okPayload<ExportResponse>(await exportItem({ uniqueIdentifier: id }));
    assert.equal(exported.objectType, ObjectType.SymmetricKey);
    assert.equal(exported.uniqueIdentifier, id);
    assert.equal(hex(materialBytes(exported.object)), KEY);
    const attributes = exported.attributes.attributes;
    assert.deepEqual(valuesOf(attributes, 'UniqueIdentifier'), [id]);
    assert.deepEqual(valuesOf(attributes, 'ObjectType'), [ObjectType.SymmetricKey]);
    assert.deepEqual(valuesOf(attributes, 'State'), [State.PreActive]);
    assert.deepEqual(valuesOf(attributes, 'CryptographicLength'), [128]);
    assert.deepEqual(valuesOf(attributes, 'CryptographicUsageMask'), [
      CryptographicUsageMask.Encrypt,
    ]);
    assert.deepEqual(valuesOf(attributes, 'Fresh'), [true], 'the attributes before the Export');
    assert.equal(valuesOf(attributes, 'Digest').length, 1);
    assert.equal(valuesOf(attributes, 'InitialDate').length, 1);
    assert.equal(valuesOf(attributes, 'x-purpose').length, 1, 'custom attributes too');
    // The complete listing: as Get Attributes with no names in the `complete` mode.
    const listed = await harness.sendOne('2.1', {
      operation: 'GetAttributes',
      payload: { uniqueIdentifier: id },
    });
    const names = (a: readonly Attribute[]) => [...new Set(a.map((x) => x.name))].sort();
    const asListed = okPayload<{ attributes: Attribute[] }>(listed).attributes;
    for (const name of names(asListed)) assert.ok(names(attributes).includes(name), name);
    // Served now: Fresh is cleared, as after a Get.
    assert.deepEqual(await attributeValuesOf(harness, id, 'Fresh'), [false]);
    assert.deepEqual(
      (await getObject(harness, { uniqueIdentifier: id }, '2.1')).kind,
      exported.object.kind,
    );
  });

  it('sets the ID Placeholder for the next batch item', async () => {
    const id = await registerAes(harness, fromHex(KEY));
    const response = await harness.send(
      message('2.1', [
        { operation: 'Export', payload: { uniqueIdentifier: id }, id: '1' },
        {
          operation: 'GetAttributes',
          payload: { attributeNames: ['UniqueIdentifier'] },
          id: '2',
        },
      ]),
    );
    const [, second] = response.batchItems;
    assert.ok(second !== undefined);
    assert.equal(okPayload<{ uniqueIdentifier: string }>(second).uniqueIdentifier, id);
  });

  it('exports a Sensitive key only wrapped, and wrapped as a Key Wrapping Specification asks', async () => {
    const kek = await registerAes(harness, fromHex('000102030405060708090a0b0c0d0e0f'), WRAP);
    const dek = await registerAes(harness, fromHex(KEY), WRAP, {
      extra: [attr('Sensitive', true)],
    });
    assert.equal(failure(await exportItem({ uniqueIdentifier: dek })), ResultReason.Sensitive);
    const exported = okPayload<ExportResponse>(
      await exportItem({
        uniqueIdentifier: dek,
        keyWrappingSpecification: {
          wrappingMethod: WrappingMethod.Encrypt,
          encryptionKeyInformation: {
            uniqueIdentifier: kek,
            cryptographicParameters: { blockCipherMode: BlockCipherMode.NISTKeyWrap },
          },
          encodingOption: EncodingOption.NoEncoding,
        },
      }),
    );
    // RFC 3394 of the key under the KEK (the vector get-key-wrapping.test.ts checks with node).
    assert.equal(
      hex(blockOf(exported.object).keyValue as Uint8Array),
      '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5',
    );
    assert.deepEqual(valuesOf(exported.attributes.attributes, 'Sensitive'), [true]);
  });

  it('never exports a key whose Extractable is False: Not Extractable', async () => {
    const id = await registerAes(harness, fromHex(KEY), WRAP, {
      extra: [attr('Extractable', false)],
    });
    assert.equal(failure(await exportItem({ uniqueIdentifier: id })), ResultReason.NotExtractable);
  });

  it('returns no material of a destroyed object: Object Destroyed (2.0: Item Not Found)', async () => {
    const id = await registerAes(harness, fromHex(KEY), WRAP, { isActive: false });
    okPayload(
      await harness.sendOne('2.1', { operation: 'Destroy', payload: { uniqueIdentifier: id } }),
    );
    assert.equal(failure(await exportItem({ uniqueIdentifier: id })), ResultReason.ObjectDestroyed);
    assert.equal(
      failure(await exportItem({ uniqueIdentifier: id }, '2.0')),
      ResultReason.ItemNotFound,
    );
  });

  it("refuses another client's key and an unknown one", async () => {
    const id = await registerAes(harness, fromHex(KEY));
    assert.equal(
      failure(await exportItem({ uniqueIdentifier: id }, '2.1', 'mallory')),
      ResultReason.PermissionDenied,
    );
    assert.equal(
      failure(await exportItem({ uniqueIdentifier: 'no-such-object' })),
      ResultReason.ObjectNotFound,
    );
  });

  it('answers KMIP 1.4 with a Template-Attribute; KMIP 1.3 has no Export', async () => {
    const id = await registerAes(harness, fromHex(KEY));
    const exported = okPayload<ExportResponse>(await exportItem({ uniqueIdentifier: id }, '1.4'));
    assert.deepEqual(valuesOf(exported.attributes.attributes, 'UniqueIdentifier'), [id]);
    assert.equal(hex(materialBytes(exported.object)), KEY);
    const response = await harness.send(
      message('1.3', [
        {
          operation: Operation.Export,
          raw: {
            tag: Tag.RequestPayload,
            type: 'Structure',
            value: [{ tag: Tag.UniqueIdentifier, type: 'TextString', value: id }],
          },
        },
      ]),
    );
    const [item] = response.batchItems;
    assert.ok(item !== undefined && item.kind !== 'invalid');
    assert.equal(item.resultStatus, ResultStatus.OperationFailed);
    assert.equal(item.resultReason, ResultReason.OperationNotSupported);
  });
});
