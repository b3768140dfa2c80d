import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
  ResultReason,
  ResultStatus,
  SecretDataType,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import * as crypto from '../../../../src/crypto/index.ts';
import { decodeObjectMaterial } from '../../../../src/server/objects/index.ts';
import { MAX_CREATED_SECRET_BITS } from '../../../../src/server/operations/create-secret-data.ts';
import {
  aesKeyAttributes,
  createServerHarness,
  type ServerHarness,
} from '../../../support/server-harness.ts';

function create(
  harness: ServerHarness,
  attributes: Attribute[],
  version: KmipVersionName = '1.4',
  objectType: number = ObjectType.SymmetricKey,
) {
  return harness.sendOne(version, {
    operation: 'Create',
    payload: { objectType, attributes: { attributes } },
  });
}

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  return item.resultReason;
}

describe('Create', () => {
  let harness: ServerHarness;
  const generated: Array<[string, number]> = [];
  before(async () => {
    harness = await createServerHarness({
      crypto: {
        ...crypto,
        generateSymmetricKey: (algorithm: string, length: number) => {
          generated.push([algorithm, length]);
          return crypto.generateSymmetricKey(algorithm, length);
        },
      },
    });
  });
  after(() => harness.close());

  for (const version of ['1.0', '1.4', '2.0', '2.1'] as const) {
    it(`creates a Pre-Active AES key owned by the caller in KMIP ${version}`, async () => {
      const item = await create(harness, aesKeyAttributes(192), version);
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
      const payload = item.payload as { objectType: number; uniqueIdentifier: string };
      assert.equal(payload.objectType, ObjectType.SymmetricKey);
      const stored = await harness.store.get(payload.uniqueIdentifier);
      assert.equal(stored.state, 'PreActive');
      assert.equal(stored.owner, 'alice');
      const object = decodeObjectMaterial(stored.material ?? new Uint8Array());
      assert.ok(object.kind === 'SymmetricKey');
      assert.equal(object.keyBlock.keyFormatType, KeyFormatType.Raw);
      assert.equal(object.keyBlock.cryptographicAlgorithm, CryptographicAlgorithm.AES);
      assert.equal(object.keyBlock.cryptographicLength, 192);
      const material = (object.keyBlock.keyValue as { keyMaterial: Uint8Array }).keyMaterial;
      assert.equal(material.length, 24);
      assert.deepEqual(generated.at(-1), ['AES', 192]);
    });
  }

  it('generates keys of other symmetric algorithms (HMAC, ChaCha20)', async () => {
    for (const [algorithm, length] of [
      [CryptographicAlgorithm.HMAC_SHA256, 256],
      [CryptographicAlgorithm.ChaCha20, 256],
    ] as const) {
      const item = await create(
        harness,
        [
          { name: 'CryptographicAlgorithm', value: algorithm },
          { name: 'CryptographicLength', value: length },
          { name: 'CryptographicUsageMask', value: CryptographicUsageMask.MACGenerate },
        ],
        '2.1',
      );
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    }
  });

  it('creates DES3 keys of effective length 168 (24 bytes, OASIS SKFF-M-4) and keeps the length as given', async () => {
    const item = await create(
      harness,
      [
        { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.DES3 },
        { name: 'CryptographicLength', value: 168 },
        { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Encrypt },
      ],
      '1.0',
    );
    assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
    const stored = await harness.store.get(
      (item.payload as { uniqueIdentifier: string }).uniqueIdentifier,
    );
    const object = decodeObjectMaterial(stored.material ?? new Uint8Array());
    assert.ok(object.kind === 'SymmetricKey');
    assert.equal(object.keyBlock.cryptographicLength, 168);
    const material = (object.keyBlock.keyValue as { keyMaterial: Uint8Array }).keyMaterial;
    assert.equal(material.length, 24);
    const length = stored.attributes.find((a) => a.name === 'CryptographicLength');
    assert.equal(length?.value, 168);
  });

  it('refuses two-key DES3 (112 or 128 bits: 80-bit security) under the default policy', async () => {
    for (const length of [112, 128]) {
      const item = await create(harness, [
        { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.DES3 },
        { name: 'CryptographicLength', value: length },
        { name: 'CryptographicUsageMask', value: CryptographicUsageMask.Encrypt },
      ]);
      assert.equal(reasonOf(item), ResultReason.PermissionDenied, String(length));
    }
  });

  it('creates an Active key when the Activation Date has passed', async () => {
    const item = await create(
      harness,
      aesKeyAttributes(128, [{ name: 'ActivationDate', value: new Date(Date.now() - 3_600_000) }]),
    );
    assert.ok(item.kind === 'typed');
    const stored = await harness.store.get(
      (item.payload as { uniqueIdentifier: string }).uniqueIdentifier,
    );
    assert.equal(stored.state, 'Active');
  });

  it('requires Cryptographic Algorithm and Length (as PyKMIP)', async () => {
    for (const missing of ['CryptographicAlgorithm', 'CryptographicLength']) {
      const item = await create(
        harness,
        aesKeyAttributes().filter((a) => a.name !== missing),
      );
      assert.equal(reasonOf(item), ResultReason.InvalidField, missing);
    }
  });

  it('creates a key without a Usage Mask (TC-CS-CORVAL-1) with mask 0: no cryptographic use', async () => {
    for (const version of ['1.4', '2.0'] as const) {
      const item = await create(
        harness,
        aesKeyAttributes(128).filter((a) => a.name !== 'CryptographicUsageMask'),
        version,
      );
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success, version);
      const id = (item.payload as { uniqueIdentifier: string }).uniqueIdentifier;
      const read = await harness.sendOne(version, {
        operation: 'GetAttributes',
        payload: { uniqueIdentifier: id, attributeNames: ['CryptographicUsageMask'] },
      });
      assert.ok(read.kind === 'typed' && read.resultStatus === ResultStatus.Success);
      const attributes = (read.payload as { attributes?: Attribute[] }).attributes ?? [];
      assert.deepEqual(
        attributes.map((a) => [a.name, a.value]),
        [['CryptographicUsageMask', 0]],
      );
      await harness.sendOne(version, { operation: 'Activate', payload: { uniqueIdentifier: id } });
      const encrypt = await harness.sendOne(version, {
        operation: 'Encrypt',
        payload: { uniqueIdentifier: id, data: new Uint8Array(16) },
      });
      assert.equal(
        reasonOf(encrypt),
        version === '1.4'
          ? ResultReason.PermissionDenied
          : ResultReason.IncompatibleCryptographicUsageMask,
      );
    }
  });

  it('refuses an unsupported algorithm and a bad length with Invalid Field', async () => {
    const rsa = aesKeyAttributes().map((a) =>
      a.name === 'CryptographicAlgorithm' ? { ...a, value: CryptographicAlgorithm.RSA } : a,
    );
    assert.equal(reasonOf(await create(harness, rsa)), ResultReason.InvalidField);
    assert.equal(reasonOf(await create(harness, aesKeyAttributes(100))), ResultReason.InvalidField);
  });

  it('answers an attribute value of the wrong item type with Invalid Message', async () => {
    const wrongType = aesKeyAttributes().map((a) =>
      a.name === 'CryptographicLength'
        ? {
            ...a,
            value: { tag: Tag.CryptographicLength, type: 'TextString' as const, value: 'long' },
          }
        : a,
    );
    assert.equal(reasonOf(await create(harness, wrongType)), ResultReason.InvalidMessage);
  });

  for (const version of ['1.4', '2.0', '2.1'] as const) {
    it(`creates random Secret Data (Password, Opaque) of the stated length in KMIP ${version} (OASIS TC-CREATE-SD-1)`, async () => {
      const length = [{ name: 'CryptographicLength', value: 80 }];
      const item = await create(harness, length, version, ObjectType.SecretData);
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
      const payload = item.payload as { objectType: number; uniqueIdentifier: string };
      assert.equal(payload.objectType, ObjectType.SecretData);
      const stored = await harness.store.get(payload.uniqueIdentifier);
      assert.equal(stored.state, 'PreActive');
      const object = decodeObjectMaterial(stored.material ?? new Uint8Array());
      assert.ok(object.kind === 'SecretData');
      assert.equal(object.secretDataType, SecretDataType.Password);
      assert.equal(object.keyBlock.keyFormatType, KeyFormatType.Opaque);
      const material = (object.keyBlock.keyValue as { keyMaterial: Uint8Array }).keyMaterial;
      assert.equal(material.length, 10);
      const other = await create(harness, length, version, ObjectType.SecretData);
      assert.ok(other.kind === 'typed' && other.resultStatus === ResultStatus.Success);
      const otherId = (other.payload as { uniqueIdentifier: string }).uniqueIdentifier;
      const otherObject = decodeObjectMaterial(
        (await harness.store.get(otherId)).material ?? new Uint8Array(),
      );
      assert.ok(otherObject.kind === 'SecretData');
      assert.notDeepEqual(otherObject.keyBlock.keyValue, object.keyBlock.keyValue);
    });
  }

  it('refuses Secret Data without a whole-byte positive length (Invalid Field), and before KMIP 1.4', async () => {
    for (const attributes of [
      [],
      [{ name: 'CryptographicLength', value: 0 }],
      [{ name: 'CryptographicLength', value: 81 }],
      [{ name: 'CryptographicLength', value: MAX_CREATED_SECRET_BITS + 8 }],
    ]) {
      assert.equal(
        reasonOf(await create(harness, attributes, '2.1', ObjectType.SecretData)),
        ResultReason.InvalidField,
      );
    }
    const length = [{ name: 'CryptographicLength', value: 80 }];
    // KMIP 1.3 Create makes symmetric keys only: Invalid Object Type, mapped to Invalid Field.
    assert.equal(
      reasonOf(await create(harness, length, '1.3', ObjectType.SecretData)),
      ResultReason.InvalidField,
    );
  });

  it('refuses other object types: Invalid Object Type in 2.x, Invalid Field in 1.x', async () => {
    assert.equal(
      reasonOf(await create(harness, aesKeyAttributes(), '2.1', ObjectType.Certificate)),
      ResultReason.InvalidObjectType,
    );
    assert.equal(
      reasonOf(await create(harness, aesKeyAttributes(), '1.4', ObjectType.PrivateKey)),
      ResultReason.InvalidField,
    );
  });

  it('refuses server-only attributes: Attribute Read Only in 2.x, Permission Denied in 1.x', async () => {
    const withState = aesKeyAttributes(128, [{ name: 'InitialDate', value: new Date() }]);
    assert.equal(reasonOf(await create(harness, withState, '2.1')), ResultReason.AttributeReadOnly);
    assert.equal(reasonOf(await create(harness, withState, '1.4')), ResultReason.PermissionDenied);
  });

  it('refuses an unknown attribute name with Invalid Field naming it', async () => {
    const item = await create(
      harness,
      aesKeyAttributes(128, [
        {
          name: 'Cryptographic Lenght',
          value: { tag: Tag.AttributeValue, type: 'Integer', value: 5 },
        },
      ]),
    );
    assert.equal(reasonOf(item), ResultReason.InvalidField);
    assert.ok(item.kind !== 'invalid' && item.resultMessage?.includes('Cryptographic Lenght'));
  });

  it('refuses a Template Name with Item Not Found (templates are not stored)', async () => {
    const item = await harness.sendOne('1.4', {
      operation: 'Create',
      payload: {
        objectType: ObjectType.SymmetricKey,
        attributes: { attributes: aesKeyAttributes(), templateNames: [{ value: 'tmpl', type: 1 }] },
      },
    });
    assert.equal(reasonOf(item), ResultReason.ItemNotFound);
  });
});
