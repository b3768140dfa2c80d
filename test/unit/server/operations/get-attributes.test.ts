import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  NameType,
  ObjectType,
  ResultReason,
  ResultStatus,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { createServerHarness, type ServerHarness } from '../../../support/server-harness.ts';

function attributesOf(item: ResponseBatchItem): Attribute[] {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return [...((item.payload as { attributes?: Attribute[] }).attributes ?? [])];
}

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  return item.resultReason;
}

describe('GetAttributes', () => {
  let harness: ServerHarness;
  const getAttributes = (
    uniqueIdentifier: string,
    attributeNames?: string[],
    version: KmipVersionName = '1.4',
    identity?: string,
  ) =>
    harness.sendOne(
      version,
      {
        operation: 'GetAttributes',
        payload: { uniqueIdentifier, ...(attributeNames ? { attributeNames } : {}) },
      },
      identity,
    );

  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('returns the named attributes in the order asked, as OASIS SKLC-M-2-14 expects', async () => {
    const id = await harness.createKey();
    const names = [
      'State',
      'CryptographicUsageMask',
      'UniqueIdentifier',
      'ObjectType',
      'CryptographicAlgorithm',
      'CryptographicLength',
      'Digest',
      'InitialDate',
      'LastChangeDate',
      'ActivationDate',
    ];
    const attributes = attributesOf(await getAttributes(id, names));
    // Activation Date is not set: left out, not an error.
    assert.deepEqual(
      attributes.map((a) => a.name),
      names.slice(0, -1),
    );
    assert.equal(attributes[0]?.value, State.PreActive);
    assert.equal(attributes[2]?.value, id);
    assert.equal(attributes[3]?.value, ObjectType.SymmetricKey);
    assert.equal(attributes[4]?.value, CryptographicAlgorithm.AES);
    const digest = attributes[6]?.value as {
      hashingAlgorithm: number;
      keyFormatType: number;
      digestValue: Uint8Array;
    };
    assert.equal(digest.hashingAlgorithm, HashingAlgorithm.SHA_256);
    assert.equal(digest.keyFormatType, KeyFormatType.Raw);
    assert.equal(digest.digestValue.length, 32);
    assert.deepEqual(attributes[7]?.value, attributes[8]?.value);
  });

  it('returns every attribute the version defines when no names are given', async () => {
    const id = await harness.createKey();
    const names = (version: KmipVersionName) =>
      getAttributes(id, undefined, version).then((item) => attributesOf(item).map((a) => a.name));
    const v10 = await names('1.0');
    const v14 = await names('1.4');
    const v21 = await names('2.1');
    assert.ok(
      v10.includes('OperationPolicyName') &&
        !v10.includes('Fresh') &&
        !v10.includes('OriginalCreationDate'),
    );
    assert.ok(v14.includes('Fresh') && v14.includes('OperationPolicyName'));
    assert.ok(!v21.includes('OperationPolicyName') && v21.includes('Fresh'));
  });

  it('lists Original Creation Date from 2.1 only, and returns it in 1.2+ when asked by name', async () => {
    // PyKMIP 0.10 (KMIP 1.2 and 2.0) cannot read a listing that carries it.
    const id = await harness.createKey();
    const all = (version: KmipVersionName) =>
      getAttributes(id, undefined, version).then((item) => attributesOf(item).map((a) => a.name));
    assert.equal((await all('1.2')).includes('OriginalCreationDate'), false);
    assert.equal((await all('1.4')).includes('OriginalCreationDate'), false);
    assert.equal((await all('2.0')).includes('OriginalCreationDate'), false);
    assert.ok((await all('2.1')).includes('OriginalCreationDate'));
    const named = attributesOf(await getAttributes(id, ['OriginalCreationDate'], '1.2'));
    assert.deepEqual(
      named.map((a) => a.name),
      ['OriginalCreationDate'],
    );
  });

  it('refuses an unknown or misspelled attribute name with Invalid Field naming it', async () => {
    const id = await harness.createKey();
    for (const [version, name] of [
      ['1.4', 'Cryptographic Algorthm'],
      ['1.0', 'Fresh'],
      ['2.1', 'OperationPolicyName'],
    ] as const) {
      const item = await getAttributes(id, ['State', name], version);
      assert.equal(reasonOf(item), ResultReason.InvalidField);
      assert.ok(item.kind !== 'invalid' && item.resultMessage?.includes(name), item.kind);
    }
  });

  it('gives custom attributes back unchanged: 1.x x- names, 2.x vendor attributes, extension tags', async () => {
    const custom: Attribute[] = [
      {
        name: 'x-purpose',
        value: { tag: Tag.AttributeValue, type: 'TextString', value: 'backup' },
      },
      {
        name: 'x-struct',
        value: {
          tag: Tag.AttributeValue,
          type: 'Structure',
          value: [{ tag: 0x540002, type: 'Integer', value: 7 }],
        },
      },
    ];
    const id = await harness.createKey({ extra: custom });
    const got = attributesOf(await getAttributes(id, ['x-purpose', 'x-struct']));
    assert.deepEqual(got, custom);
    // The same attributes read over KMIP 2.1 (Vendor Attribute x / purpose) come back the same.
    assert.deepEqual(
      attributesOf(await getAttributes(id, ['x-purpose', 'x-struct'], '2.1')),
      custom,
    );

    const vendor: Attribute[] = [
      {
        name: 'acme-owner',
        value: { tag: Tag.AttributeValue, type: 'TextString', value: 'team-a' },
      },
      { name: '0x540010', value: { tag: 0x540010, type: 'Integer', value: 42 } },
    ];
    const id21 = await harness.createKey({ version: '2.1', extra: vendor });
    assert.deepEqual(
      attributesOf(await getAttributes(id21, ['acme-owner', '0x540010'], '2.1')),
      vendor,
    );
  });

  it('returns every instance of a multi-valued attribute with its index in 1.x', async () => {
    const names: Attribute[] = [
      { name: 'Name', value: { value: 'first', type: NameType.UninterpretedTextString } },
      { name: 'Name', value: { value: 'second', type: NameType.UninterpretedTextString } },
    ];
    const id = await harness.createKey({ extra: names });
    assert.deepEqual(attributesOf(await getAttributes(id, ['Name'])), [
      names[0],
      { ...names[1], index: 1 },
    ]);
  });

  it('still answers for a destroyed object: its metadata stays', async () => {
    const id = await harness.createKey();
    await harness.sendOne('2.1', { operation: 'Destroy', payload: { uniqueIdentifier: id } });
    const attributes = attributesOf(await getAttributes(id, ['State', 'DestroyDate'], '2.1'));
    assert.equal(attributes[0]?.value, State.Destroyed);
    assert.ok(attributes[1]?.value instanceof Date);
  });

  it('answers an empty Attributes structure in 2.x when nothing matches', async () => {
    const id = await harness.createKey();
    assert.deepEqual(attributesOf(await getAttributes(id, ['ContactInformation'], '2.1')), []);
  });

  it('lets only the owner read a symmetric key’s attributes', async () => {
    const id = await harness.createKey({ identity: 'alice' });
    assert.equal(
      reasonOf(await getAttributes(id, ['State'], '1.4', 'bob')),
      ResultReason.PermissionDenied,
    );
    assert.equal(
      reasonOf(await getAttributes('missing', ['State'], '2.1')),
      ResultReason.ObjectNotFound,
    );
  });
});
