/**
 * Typed payloads decoded from OASIS test cases of KMIP 1.0, 1.1, 1.2, 1.4, 2.0 and 2.1:
 * the key fields of the core operations read as the test case says.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  HashingAlgorithm,
  KeyFormatType,
  NameType,
  ObjectType,
  Operation,
  QueryFunction,
  RevocationReasonCode,
  State,
  Tag,
  WrappingMethod,
} from '../../../../src/kmip/generated/registry.ts';
import {
  decodeRequestMessage,
  decodeResponseMessage,
  findAttributeValue,
  type RequestBatchItem,
  type ResponseBatchItem,
} from '../../../../src/kmip/messages/index.ts';
import { loadTestCase } from '../../../support/kmip-testcases.ts';

function batchItem(name: string, message: number, index = 0): RequestBatchItem | ResponseBatchItem {
  const item = loadTestCase(name)[message];
  assert.ok(item !== undefined, `${name} has no message ${message}`);
  const decoded =
    item.tag === Tag.RequestMessage ? decodeRequestMessage(item) : decodeResponseMessage(item);
  const found = decoded.batchItems[index];
  assert.ok(
    found !== undefined && found.kind === 'typed',
    `${name} message ${message} is not typed`,
  );
  return found;
}

/** The typed payload of an operation (throws when the batch item is another operation). */
function payload<O extends number>(
  item: RequestBatchItem | ResponseBatchItem,
  operation: O,
): Record<string, unknown> {
  assert.equal(item.operation, operation);
  assert.ok(item.kind === 'typed' && item.payload !== undefined);
  return item.payload as Record<string, unknown>;
}

const symmetricAttributes = (name: string) => [
  { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
  { name: 'CryptographicLength', value: 256 },
  {
    name: 'CryptographicUsageMask',
    value: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
  },
  { name: 'Name', value: { value: name, type: NameType.UninterpretedTextString } },
];

describe('OASIS payloads: Create and GetAttributes', () => {
  it('1.0 SKLC-M-1: Create reads its Template-Attribute as normalized attributes', () => {
    const p = payload(batchItem('1.0/mandatory/SKLC-M-1-10.xml', 0), Operation.Create);
    assert.equal(p['objectType'], ObjectType.SymmetricKey);
    assert.deepStrictEqual(p['attributes'], { attributes: symmetricAttributes('SKLC-M-1-10') });
  });

  it('2.1 SKLC-M-1: Create reads its Attributes structure into the same model', () => {
    const p = payload(batchItem('2.1/mandatory/SKLC-M-1-21.xml', 0), Operation.Create);
    assert.deepStrictEqual(p['attributes'], { attributes: symmetricAttributes('SKLC-M-1-21') });
  });

  it('1.0 SKLC-M-1: GetAttributes names are normalized; names the registry does not know stay as sent', () => {
    const names = payload(batchItem('1.0/mandatory/SKLC-M-1-10.xml', 2), Operation.GetAttributes)[
      'attributeNames'
    ];
    assert.ok(Array.isArray(names));
    assert.equal(names[0], 'State');
    assert.ok(names.includes('Digest'));
    // The published 1.0 file spells "Cryptographic   Usage Mask" with extra spaces.
    assert.ok(names.includes('Cryptographic   Usage Mask'));
  });

  it('2.1 SKLC-M-1: GetAttributes reads Attribute References and typed values (Digest, State)', () => {
    const request = payload(batchItem('2.1/mandatory/SKLC-M-1-21.xml', 2), Operation.GetAttributes);
    assert.deepStrictEqual((request['attributeNames'] as string[]).slice(0, 3), [
      'State',
      'CryptographicUsageMask',
      'UniqueIdentifier',
    ]);
    const response = payload(
      batchItem('2.1/mandatory/SKLC-M-1-21.xml', 3),
      Operation.GetAttributes,
    );
    const attributes = response['attributes'] as Parameters<typeof findAttributeValue>[0];
    assert.equal(findAttributeValue(attributes, 'State'), State.PreActive);
    const digest = findAttributeValue(attributes, 'Digest');
    assert.equal(digest?.hashingAlgorithm, HashingAlgorithm.SHA_256);
    assert.equal(digest?.keyFormatType, KeyFormatType.Raw);
    assert.ok(findAttributeValue(attributes, 'InitialDate') instanceof Date);
  });
});

describe('OASIS payloads: attribute operations', () => {
  for (const [name, version] of [
    ['1.4/mandatory/SKFF-M-10-14.xml', '1.4'],
    ['2.1/mandatory/SKFF-M-10-21.xml', '2.1'],
  ] as const) {
    it(`${version} SKFF-M-10: Add/Modify/DeleteAttribute read the custom attributes the same way`, () => {
      const add = payload(batchItem(name, 20, 1), Operation.AddAttribute);
      assert.deepStrictEqual(add['attribute'], {
        name: 'x-attribute2',
        value: { tag: Tag.AttributeValue, type: 'TextString', value: 'Value2' },
      });
      const modify = payload(batchItem(name, 22), Operation.ModifyAttribute);
      assert.equal((modify['attribute'] as { name: string }).name, 'x-attribute1');
      const del = payload(batchItem(name, 24), Operation.DeleteAttribute);
      assert.equal(del['attributeName'], 'x-attribute1');
    });
  }

  it('1.4 SKFF-M-10: the 1.x AddAttribute response echoes the attribute; GetAttributeList names are normalized', () => {
    const response = payload(
      batchItem('1.4/mandatory/SKFF-M-10-14.xml', 21),
      Operation.AddAttribute,
    );
    assert.equal((response['attribute'] as { name: string }).name, 'x-attribute1');
    const list = payload(
      batchItem('1.4/mandatory/SKFF-M-10-14.xml', 17),
      Operation.GetAttributeList,
    )['attributeNames'];
    assert.ok(
      Array.isArray(list) &&
        list.includes('CryptographicUsageMask') &&
        list.includes('RandomNumberGenerator'),
    );
  });
});

describe('OASIS payloads: lifecycle, Locate and Get', () => {
  it('1.4 SKFF-M-10: Revoke reads its reason and compromise date; Locate reads its filter', () => {
    const revoke = payload(batchItem('1.4/mandatory/SKFF-M-10-14.xml', 12), Operation.Revoke);
    assert.deepStrictEqual(revoke['revocationReason'], {
      code: RevocationReasonCode.KeyCompromise,
    });
    assert.ok(revoke['compromiseOccurrenceDate'] instanceof Date);
    const locate = payload(batchItem('1.4/mandatory/SKFF-M-10-14.xml', 8), Operation.Locate);
    assert.deepStrictEqual(locate['attributes'], [
      { name: 'ObjectType', value: ObjectType.SymmetricKey },
      { name: 'Name', value: { value: 'SKFF-M-10-14', type: NameType.UninterpretedTextString } },
    ]);
    const located = payload(batchItem('1.4/mandatory/SKFF-M-10-14.xml', 9), Operation.Locate);
    assert.deepStrictEqual(located['uniqueIdentifiers'], ['$UNIQUE_IDENTIFIER_0']);
  });

  it('2.1 SKFF-M-10: Get returns a typed Symmetric Key with its key block', () => {
    const get = payload(batchItem('2.1/mandatory/SKFF-M-10-21.xml', 27), Operation.Get);
    assert.equal(get['objectType'], ObjectType.SymmetricKey);
    const object = get['object'] as {
      kind: string;
      keyBlock: {
        keyFormatType: number;
        cryptographicLength: number;
        keyValue: { keyMaterial: Uint8Array };
      };
    };
    assert.equal(object.kind, 'SymmetricKey');
    assert.equal(object.keyBlock.keyFormatType, KeyFormatType.Raw);
    assert.equal(object.keyBlock.cryptographicLength, 192);
    assert.equal(object.keyBlock.keyValue.keyMaterial.length, 24);
  });

  it('1.1 TC-141: Get reads the Key Wrapping Specification as a typed structure', () => {
    const get = payload(
      batchItem('1.1/ovh-kmip-go/TC_141_11_Key_Wrapping_using_AES_Key_Wrap_and_No_Encoding.xml', 4),
      Operation.Get,
    );
    assert.deepStrictEqual(get['keyWrappingSpecification'], {
      wrappingMethod: WrappingMethod.Encrypt,
      encryptionKeyInformation: {
        uniqueIdentifier: '$UNIQUE_IDENTIFIER_0',
        cryptographicParameters: { blockCipherMode: BlockCipherMode.NISTKeyWrap },
      },
      encodingOption: 1,
    });
  });
});

describe('OASIS payloads: DiscoverVersions and Query', () => {
  it('1.2 TC-161: DiscoverVersions lists protocol versions', () => {
    const response = payload(
      batchItem('1.2/ovh-kmip-go/TC_161_12_Discover_Versions.xml', 1),
      Operation.DiscoverVersions,
    );
    assert.deepStrictEqual(response['protocolVersions'], [
      { major: 1, minor: 2 },
      { major: 1, minor: 1 },
      { major: 1, minor: 0 },
    ]);
  });

  it('1.4 TC-Q-PROF-1: Query reads its functions and keeps profile information as items', () => {
    const request = payload(batchItem('1.4/testcases/TC-Q-PROF-1-14.xml', 0), Operation.Query);
    assert.deepStrictEqual(request['queryFunctions'], [QueryFunction.QueryProfiles]);
    const response = payload(batchItem('1.4/testcases/TC-Q-PROF-1-14.xml', 1), Operation.Query);
    const profiles = response['profileInformation'] as { tag: number }[];
    assert.equal(profiles.length, 3);
    assert.equal(profiles[0]?.tag, Tag.ProfileInformation);
  });
});
