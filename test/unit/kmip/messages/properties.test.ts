/**
 * Property tests: random typed messages that use only what a version defines survive
 * typed → item tree → TTLV bytes → item tree → typed unchanged, for every version.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CryptographicAlgorithm,
  KeyFormatType,
  LinkType,
  NameType,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
  RevocationReasonCode,
  State,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import { KMIP_VERSIONS, type KmipVersionName } from '../../../../src/kmip/registry-types.ts';
import { compareVersions } from '../../../../src/kmip/registry.ts';
import {
  decodeRequestMessage,
  decodeResponseMessage,
  encodeRequestMessage,
  encodeResponseMessage,
  isDefinedIn,
  type Attribute,
  type RequestBatchItem,
  type RequestMessage,
  type ResponseBatchItem,
  type ResponseMessage,
} from '../../../../src/kmip/messages/index.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const word = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
// Whole seconds: Date-Time has second resolution.
const date = fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000));
const bytes = fc.uint8Array({ minLength: 1, maxLength: 32 });

function protocolVersion(version: KmipVersionName) {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return { major, minor };
}

function attribute(version: KmipVersionName): fc.Arbitrary<Attribute> {
  const isV1 = version.startsWith('1.');
  const known: [string, number, fc.Arbitrary<Attribute['value']>][] = [
    [
      'CryptographicAlgorithm',
      Tag.CryptographicAlgorithm,
      fc.constantFrom(CryptographicAlgorithm.AES, CryptographicAlgorithm.RSA),
    ],
    ['CryptographicLength', Tag.CryptographicLength, int32],
    ['CryptographicUsageMask', Tag.CryptographicUsageMask, int32],
    ['State', Tag.State, fc.constantFrom(State.PreActive, State.Active)],
    ['ActivationDate', Tag.ActivationDate, date],
    ['ObjectGroup', Tag.ObjectGroup, word],
    ['ContactInformation', Tag.ContactInformation, word],
    [
      'Name',
      Tag.Name,
      fc.record(
        { value: word, type: fc.constantFrom(NameType.UninterpretedTextString, NameType.URI) },
        { noNullPrototype: true },
      ),
    ],
    [
      'Link',
      Tag.Link,
      fc.record(
        { linkType: fc.constant(LinkType.PublicKeyLink), linkedObjectIdentifier: word },
        { noNullPrototype: true },
      ),
    ],
    ['Sensitive', Tag.Sensitive, fc.boolean()],
    ['Description', Tag.Description, word],
  ];
  const typed = known
    .filter(([, tag]) => isDefinedIn(tag, version))
    .map(([name, , value]) => value.map((v) => ({ name, value: v }) as Attribute));
  const custom = fc
    .tuple(
      word,
      fc.oneof(
        word.map((v) => ({ tag: Tag.AttributeValue, type: 'TextString' as const, value: v })),
        int32.map((v) => ({ tag: Tag.AttributeValue, type: 'Integer' as const, value: v })),
      ),
    )
    .map(([name, value]) => ({ name: `x-${name}`, value }) as Attribute);
  const any = fc.oneof(...typed, custom);
  if (!isV1) return any;
  // KMIP 1.x attributes may carry an Attribute Index.
  return fc
    .tuple(any, fc.option(fc.nat({ max: 5 }), { nil: undefined }))
    .map(([a, index]) => (index === undefined ? a : { ...a, index }));
}

function requestBatchItem(version: KmipVersionName): fc.Arbitrary<RequestBatchItem> {
  const attrs = fc.array(attribute(version), { minLength: 1, maxLength: 5 });
  const items: fc.Arbitrary<RequestBatchItem>[] = [
    fc
      .record(
        {
          objectType: fc.constant(ObjectType.SymmetricKey),
          attributes: attrs.map((attributes) => ({ attributes })),
        },
        { noNullPrototype: true },
      )
      .map((payload) => ({ kind: 'typed', operation: Operation.Create, payload })),
    fc
      .record({ uniqueIdentifier: word }, { requiredKeys: [], noNullPrototype: true })
      .map((payload) => ({ kind: 'typed', operation: Operation.Activate, payload })),
    fc
      .record(
        {
          uniqueIdentifier: word,
          attributeNames: fc.array(
            fc.constantFrom('State', 'Name', 'CryptographicLength', 'x-ID'),
            { minLength: 1, maxLength: 4 },
          ),
        },
        { requiredKeys: [], noNullPrototype: true },
      )
      .map((payload) => ({ kind: 'typed', operation: Operation.GetAttributes, payload })),
    fc
      .record(
        { maximumItems: int32, storageStatusMask: fc.constant(1), attributes: attrs },
        { requiredKeys: ['attributes'], noNullPrototype: true },
      )
      .map((payload) => ({ kind: 'typed', operation: Operation.Locate, payload })),
    fc
      .record(
        {
          uniqueIdentifier: word,
          revocationReason: fc.record(
            {
              code: fc.constantFrom(
                RevocationReasonCode.KeyCompromise,
                RevocationReasonCode.Unspecified,
              ),
              message: word,
            },
            { requiredKeys: ['code'], noNullPrototype: true },
          ),
          compromiseOccurrenceDate: date,
        },
        { requiredKeys: ['revocationReason'], noNullPrototype: true },
      )
      .map((payload) => ({ kind: 'typed', operation: Operation.Revoke, payload })),
  ];
  // Encrypt exists since KMIP 1.2.
  if (compareVersions(version, '1.2') >= 0) {
    items.push(
      fc
        .record(
          { uniqueIdentifier: word, data: bytes },
          { requiredKeys: [], noNullPrototype: true },
        )
        .map((payload) => ({ kind: 'typed', operation: Operation.Encrypt, payload })),
    );
  }
  return fc
    .tuple(fc.oneof(...items), fc.option(bytes, { nil: undefined }))
    .map(([item, id]) =>
      id === undefined ? item : ({ ...item, uniqueBatchItemId: id } as RequestBatchItem),
    );
}

function requestMessage(version: KmipVersionName): fc.Arbitrary<RequestMessage> {
  const isV14 = compareVersions(version, '1.4') >= 0;
  return fc
    .tuple(
      fc.array(requestBatchItem(version), { minLength: 1, maxLength: 3 }),
      fc.record(
        {
          maximumResponseSize: fc.nat(),
          clientCorrelationValue: word,
          batchOrderOption: fc.boolean(),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
    )
    .map(([batchItems, options]) => {
      const { clientCorrelationValue, ...rest } = options;
      const header = {
        protocolVersion: protocolVersion(version),
        ...rest,
        ...(isV14 && clientCorrelationValue !== undefined ? { clientCorrelationValue } : {}),
        batchCount: batchItems.length,
      };
      return { header, batchItems };
    });
}

function responseBatchItem(version: KmipVersionName): fc.Arbitrary<ResponseBatchItem> {
  const success = { resultStatus: ResultStatus.Success };
  const keyBlock = fc.record(
    {
      keyFormatType: fc.constant(KeyFormatType.Raw),
      keyValue: bytes.map((keyMaterial) => ({ keyMaterial })),
      cryptographicAlgorithm: fc.constant(CryptographicAlgorithm.AES),
      cryptographicLength: fc.constantFrom(128, 256),
    },
    { noNullPrototype: true },
  );
  return fc.oneof(
    fc.tuple(word, keyBlock).map(([uniqueIdentifier, block]): ResponseBatchItem => ({
      kind: 'typed',
      operation: Operation.Get,
      ...success,
      payload: {
        objectType: ObjectType.SymmetricKey,
        uniqueIdentifier,
        object: { kind: 'SymmetricKey', keyBlock: block },
      },
    })),
    fc
      .tuple(word, fc.array(attribute(version), { minLength: 1, maxLength: 5 }))
      .map(([uniqueIdentifier, attributes]): ResponseBatchItem => ({
        kind: 'typed',
        operation: Operation.GetAttributes,
        ...success,
        payload: { uniqueIdentifier, attributes },
      })),
    fc.array(word, { minLength: 1, maxLength: 4 }).map((uniqueIdentifiers): ResponseBatchItem => ({
      kind: 'typed',
      operation: Operation.Locate,
      ...success,
      payload:
        compareVersions(version, '1.3') >= 0
          ? { locatedItems: uniqueIdentifiers.length, uniqueIdentifiers }
          : { uniqueIdentifiers },
    })),
    word.map((resultMessage): ResponseBatchItem => ({
      kind: 'typed',
      operation: Operation.Destroy,
      resultStatus: ResultStatus.OperationFailed,
      resultReason: ResultReason.ItemNotFound,
      resultMessage,
    })),
  );
}

function responseMessage(version: KmipVersionName): fc.Arbitrary<ResponseMessage> {
  return fc
    .tuple(fc.array(responseBatchItem(version), { minLength: 1, maxLength: 3 }), date)
    .map(([batchItems, timeStamp]) => ({
      header: {
        protocolVersion: protocolVersion(version),
        timeStamp,
        batchCount: batchItems.length,
      },
      batchItems,
    }));
}

for (const version of KMIP_VERSIONS) {
  describe(`typed messages round-trip, KMIP ${version}`, () => {
    it('request: typed → tree → TTLV → tree → typed is the identity', () => {
      fc.assert(
        fc.property(requestMessage(version), (message) => {
          const tree = decodeTtlv(encodeTtlv(encodeRequestMessage(message)));
          assert.deepStrictEqual(decodeRequestMessage(tree, { strict: true }), message);
        }),
        { numRuns: 60 },
      );
    });

    it('response: typed → tree → TTLV → tree → typed is the identity', () => {
      fc.assert(
        fc.property(responseMessage(version), (message) => {
          const tree = decodeTtlv(encodeTtlv(encodeResponseMessage(message)));
          assert.deepStrictEqual(decodeResponseMessage(tree, { strict: true }), message);
        }),
        { numRuns: 60 },
      );
    });
  });
}

/** The value with the KMIP 1.x Attribute Index removed from every attribute. */
function withoutIndexes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIndexes);
  if (
    value === null ||
    typeof value !== 'object' ||
    value instanceof Uint8Array ||
    value instanceof Date
  )
    return value;
  const isAttribute = 'name' in value && 'value' in value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(isAttribute && key === 'index'))
      .map(([key, v]) => [key, withoutIndexes(v)]),
  );
}

describe('typed messages across versions', () => {
  it('a 1.4 request re-encoded for 2.1 keeps its attributes (without the 1.x indexes)', () => {
    fc.assert(
      fc.property(requestMessage('1.4'), (message) => {
        const as21 = encodeRequestMessage({
          ...message,
          header: {
            protocolVersion: { major: 2, minor: 1 },
            batchCount: message.header.batchCount,
          },
        });
        const decoded = decodeRequestMessage(as21, { strict: true });
        assert.deepStrictEqual(
          withoutIndexes(decoded.batchItems),
          withoutIndexes(message.batchItems),
        );
      }),
      { numRuns: 60 },
    );
  });
});
