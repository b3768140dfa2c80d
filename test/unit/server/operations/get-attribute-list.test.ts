// Get Attribute List through the pipeline: names per version, the wire shapes (1.x Attribute
// Name text, 2.x Attribute Reference), custom attributes, and who may ask.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CryptographicAlgorithm,
  KeyFormatType,
  NameType,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import type { Attribute } from '../../../../src/kmip/messages/attributes.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import { encodeRequestMessage } from '../../../../src/kmip/messages/message.ts';
import type { KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import {
  createManagedObjects,
  DeferredSession,
  defaultAccessPolicy,
} from '../../../../src/server/objects/index.ts';
import {
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const nameOf = (value: string): Attribute => ({
  name: 'Name',
  value: { value, type: NameType.UninterpretedTextString },
});
const text = (value: string) => ({ tag: Tag.AttributeValue, type: 'TextString', value }) as const;

function namesOf(item: ResponseBatchItem): string[] {
  assert.ok(item.kind === 'typed', 'typed response');
  assert.equal(item.resultStatus, ResultStatus.Success, item.resultMessage);
  return [...((item.payload as { attributeNames?: string[] }).attributeNames ?? [])];
}

function reasonOf(item: ResponseBatchItem): number | undefined {
  assert.ok(item.kind !== 'invalid');
  return item.resultReason;
}

/** The children of the response payload, as the wire carries them. */
function payloadItems(bytes: Uint8Array): readonly KmipItem[] {
  const children = (item: KmipItem | undefined): readonly KmipItem[] =>
    item?.type === 'Structure' ? item.value : [];
  const batchItem = children(decodeTtlv(bytes)).find((c) => c.tag === Tag.BatchItem);
  return children(children(batchItem).find((c) => c.tag === Tag.ResponsePayload));
}

describe('GetAttributeList', () => {
  let harness: ServerHarness;
  const list = (id: string, version: KmipVersionName = '1.4', identity?: string) =>
    harness.sendOne(
      version,
      { operation: 'GetAttributeList', payload: { uniqueIdentifier: id } },
      identity,
    );

  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  it('names every attribute the object has, once each, in KMIP 1.4', async () => {
    const id = await harness.createKey({ extra: [nameOf('a'), nameOf('b')] });
    const names = namesOf(await list(id));
    for (const name of [
      'UniqueIdentifier',
      'ObjectType',
      'State',
      'CryptographicAlgorithm',
      'CryptographicLength',
      'CryptographicUsageMask',
      'Digest',
      'InitialDate',
      'LastChangeDate',
      'Fresh',
      'OperationPolicyName',
      'Name',
    ]) {
      assert.ok(names.includes(name), name);
    }
    assert.equal(new Set(names).size, names.length, 'no name twice');
    assert.equal(names.includes('ActivationDate'), false, 'not set, not listed');
  });

  it('lists only what the client’s version defines', async () => {
    const id = await harness.createKey();
    const v10 = namesOf(await list(id, '1.0'));
    const v20 = namesOf(await list(id, '2.0'));
    const v21 = namesOf(await list(id, '2.1'));
    assert.ok(v10.includes('OperationPolicyName') && !v10.includes('Fresh'));
    assert.ok(v20.includes('Fresh') && !v20.includes('OperationPolicyName'));
    // Unlike an unnamed Get Attributes, every attribute is named, whatever kmip.attributeListing
    // says: PyKMIP 0.10 parses any name (test/interop/server/attribute-listing-pykmip.test.ts).
    assert.ok(v20.includes('OriginalCreationDate') && v21.includes('OriginalCreationDate'));
  });

  it('lists names that Get Attributes reads back, one attribute or more each', async () => {
    const id = await harness.createKey({ extra: [nameOf('a'), nameOf('b')] });
    for (const version of ['1.2', '2.0'] as const) {
      const names = namesOf(await list(id, version));
      const item = await harness.sendOne(version, {
        operation: 'GetAttributes',
        payload: { uniqueIdentifier: id, attributeNames: names },
      });
      assert.ok(item.kind === 'typed' && item.resultStatus === ResultStatus.Success);
      const read = (item.payload as { attributes: Attribute[] }).attributes.map((a) => a.name);
      assert.deepEqual([...new Set(read)], names);
    }
  });

  it('lists custom attributes: x- names in 1.x, vendor attributes and extension tags in 2.x', async () => {
    const id = await harness.createKey({
      version: '2.1',
      extra: [
        { name: 'x-ID', value: text('TC-ECC-3') },
        { name: 'acme-owner', value: text('team') },
        { name: '0x540010', value: { tag: 0x540010, type: 'Integer', value: 1 } },
      ],
    });
    const v21 = namesOf(await list(id, '2.1'));
    for (const name of ['x-ID', 'acme-owner', '0x540010']) assert.ok(v21.includes(name), name);
    const v14 = namesOf(await list(id, '1.4'));
    assert.ok(v14.includes('x-ID') && v14.includes('acme-owner'));
    assert.equal(v14.includes('0x540010'), false, 'a tag has no KMIP 1.x name');
  });

  it('sends Attribute Name text strings in 1.x and Attribute References in 2.x (OASIS SKFF-M-10)', async () => {
    const id = await harness.createKey({ extra: [{ name: 'x-Barcode', value: text('123') }] });
    const send = (version: KmipVersionName) =>
      harness.sendBytes(
        encodeTtlv(
          encodeRequestMessage(
            message(version, [
              { operation: 'GetAttributeList', payload: { uniqueIdentifier: id } },
            ]),
          ),
        ),
      );
    const v14 = payloadItems(await send('1.4'));
    assert.ok(
      v14.some(
        (c) =>
          c.tag === Tag.AttributeName &&
          c.type === 'TextString' &&
          c.value === 'Cryptographic Algorithm',
      ),
    );
    assert.ok(v14.some((c) => c.tag === Tag.AttributeName && c.value === 'x-Barcode'));
    assert.equal(
      v14.some((c) => c.tag === Tag.AttributeReference),
      false,
    );
    const v21 = payloadItems(await send('2.1'));
    assert.ok(
      v21.some(
        (c) =>
          c.tag === Tag.AttributeReference &&
          c.type === 'Enumeration' &&
          c.value === Tag.CryptographicAlgorithm,
      ),
    );
    const vendor = v21.find((c) => c.tag === Tag.AttributeReference && c.type === 'Structure');
    assert.deepEqual(vendor?.type === 'Structure' ? vendor.value.map((c) => c.value) : [], [
      'x',
      'Barcode',
    ]);
    assert.equal(
      v21.some((c) => c.tag === Tag.AttributeName),
      false,
    );
  });

  it('answers for a destroyed object: its metadata stays', async () => {
    const id = await harness.createKey({ version: '2.1' });
    await harness.sendOne('2.1', { operation: 'Destroy', payload: { uniqueIdentifier: id } });
    assert.ok(namesOf(await list(id, '2.1')).includes('DestroyDate'));
  });

  it('lets only the owner list a symmetric key’s attributes, and anyone a public key’s', async () => {
    const id = await harness.createKey({ identity: 'alice' });
    assert.equal(reasonOf(await list(id, '1.4', 'bob')), ResultReason.PermissionDenied);
    assert.equal(reasonOf(await list('missing', '2.1')), ResultReason.ObjectNotFound);
    assert.equal(reasonOf(await list('missing', '1.4')), ResultReason.ItemNotFound);

    // No Register yet: store a public key owned by alice through the object service.
    const session = new DeferredSession(harness.store);
    const objects = createManagedObjects({
      session,
      identity: { name: 'alice' },
      version: '1.4',
      authorize: defaultAccessPolicy,
      now: () => new Date(),
    });
    const [publicKey] = await objects.create([
      {
        object: {
          kind: 'PublicKey',
          keyBlock: {
            keyFormatType: KeyFormatType.X_509,
            keyValue: { keyMaterial: new Uint8Array([0x30, 0x00]) },
            cryptographicAlgorithm: CryptographicAlgorithm.RSA,
            cryptographicLength: 2048,
          },
        },
        attributes: [],
      },
    ]);
    await session.commit();
    assert.ok(publicKey !== undefined);
    assert.ok(namesOf(await list(publicKey.id, '1.4', 'bob')).includes('ObjectType'));
  });
});
