import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AsynchronousIndicator,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  decodeRequestMessage,
  decodeResponseMessage,
  effectiveVersion,
  encodeRequestMessage,
  encodeResponseMessage,
  KmipMessageError,
  type RequestMessage,
  type ResponseMessage,
} from '../../../../src/kmip/messages/index.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';

const int = (tag: number, value: number): KmipItem => ({ tag, type: 'Integer', value });
const enumItem = (tag: number, value: number): KmipItem => ({ tag, type: 'Enumeration', value });
const text = (tag: number, value: string): KmipItem => ({ tag, type: 'TextString', value });
const struct = (tag: number, ...value: KmipItem[]): KmipItem => ({ tag, type: 'Structure', value });
const version = (major: number, minor: number) =>
  struct(
    Tag.ProtocolVersion,
    int(Tag.ProtocolVersionMajor, major),
    int(Tag.ProtocolVersionMinor, minor),
  );

function request(major: number, minor: number, ...batchItems: KmipItem[]): KmipItem {
  return struct(
    Tag.RequestMessage,
    struct(Tag.RequestHeader, version(major, minor), int(Tag.BatchCount, batchItems.length)),
    ...batchItems,
  );
}
const activate = (id: string) =>
  struct(
    Tag.BatchItem,
    enumItem(Tag.Operation, Operation.Activate),
    struct(Tag.RequestPayload, text(Tag.UniqueIdentifier, id)),
  );

function messageError(fn: () => unknown): KmipMessageError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof KmipMessageError);
    return error;
  }
  assert.fail('expected a KmipMessageError');
}

describe('decodeRequestMessage', () => {
  it('decodes header and typed batch items, and re-encodes them exactly', () => {
    const item = request(1, 4, activate('k1'), activate('k2'));
    const message = decodeRequestMessage(item);
    assert.deepStrictEqual(message.header.protocolVersion, { major: 1, minor: 4 });
    assert.equal(message.header.batchCount, 2);
    const [first] = message.batchItems;
    assert.ok(first?.kind === 'typed' && first.operation === Operation.Activate);
    assert.deepStrictEqual(first.payload, { uniqueIdentifier: 'k1' });
    assert.deepStrictEqual(encodeRequestMessage(message), item);
  });

  it('keeps the payload of an operation without a schema as a raw item (for Operation Not Supported)', () => {
    const payload = struct(Tag.RequestPayload, text(Tag.UniqueIdentifier, 'k1'), int(0x540002, 1));
    const item = request(
      1,
      4,
      struct(Tag.BatchItem, enumItem(Tag.Operation, Operation.Notify), payload),
    );
    const [batchItem] = decodeRequestMessage(item).batchItems;
    assert.ok(batchItem?.kind === 'raw');
    assert.equal(batchItem.operation, Operation.Notify);
    assert.deepStrictEqual(batchItem.payload, payload);
    assert.deepStrictEqual(encodeRequestMessage(decodeRequestMessage(item)), item);
  });

  it('keeps an operation the version does not define raw (SetAttribute in KMIP 1.4)', () => {
    const payload = struct(Tag.RequestPayload, text(Tag.UniqueIdentifier, 'k1'));
    const setAttribute = struct(
      Tag.BatchItem,
      enumItem(Tag.Operation, Operation.SetAttribute),
      payload,
    );
    assert.equal(decodeRequestMessage(request(1, 4, setAttribute)).batchItems[0]?.kind, 'raw');
    const in20 = request(
      2,
      0,
      struct(
        Tag.BatchItem,
        enumItem(Tag.Operation, Operation.SetAttribute),
        struct(Tag.RequestPayload, struct(Tag.NewAttribute, text(Tag.ContactInformation, 'ops'))),
      ),
    );
    assert.equal(decodeRequestMessage(in20).batchItems[0]?.kind, 'typed');
  });

  it('fails only the batch item whose payload is malformed, with its reason and path', () => {
    const broken = struct(
      Tag.BatchItem,
      enumItem(Tag.Operation, Operation.Revoke),
      { tag: Tag.UniqueBatchItemID, type: 'ByteString', value: new Uint8Array([7]) },
      struct(Tag.RequestPayload, text(Tag.UniqueIdentifier, 'k1')),
    );
    const item = request(1, 4, activate('k1'), broken);
    const message = decodeRequestMessage(item);
    assert.equal(message.batchItems[0]?.kind, 'typed');
    const bad = message.batchItems[1];
    assert.ok(bad?.kind === 'invalid');
    assert.equal(bad.error.code, 'KW_KMIP_MESSAGE');
    assert.equal(bad.error.resultReason, ResultReason.InvalidMessage);
    assert.deepStrictEqual(bad.error.path, [
      'RequestMessage',
      'BatchItem',
      'RequestPayload',
      'RevocationReason',
    ]);
    assert.equal(bad.operation, Operation.Revoke);
    assert.deepStrictEqual(bad.uniqueBatchItemId, new Uint8Array([7]));
    assert.deepStrictEqual(encodeRequestMessage(message), item);
  });

  it('marks a batch item whose payload field has the wrong type invalid', () => {
    const uid: KmipItem = { tag: Tag.UniqueIdentifier, type: 'Boolean', value: true };
    const wrong = struct(
      Tag.BatchItem,
      enumItem(Tag.Operation, Operation.Activate),
      struct(Tag.RequestPayload, uid),
    );
    const [bad] = decodeRequestMessage(request(1, 4, wrong)).batchItems;
    assert.ok(bad?.kind === 'invalid');
    assert.deepStrictEqual(bad.error.path, [
      'RequestMessage',
      'BatchItem',
      'RequestPayload',
      'UniqueIdentifier',
    ]);
  });

  it('rejects a message without a header with Invalid Message', () => {
    const error = messageError(() =>
      decodeRequestMessage(struct(Tag.RequestMessage, activate('k1'))),
    );
    assert.equal(error.resultReason, ResultReason.InvalidMessage);
    assert.deepStrictEqual(error.path, ['RequestMessage', 'RequestHeader']);
  });

  it('rejects a header without Batch Count with Invalid Message', () => {
    const item = struct(
      Tag.RequestMessage,
      struct(Tag.RequestHeader, version(1, 2)),
      activate('k1'),
    );
    const error = messageError(() => decodeRequestMessage(item));
    assert.deepStrictEqual(error.path, ['RequestMessage', 'RequestHeader', 'BatchCount']);
  });

  it('rejects an unknown protocol major version with Invalid Message', () => {
    const error = messageError(() => decodeRequestMessage(request(3, 0, activate('k1'))));
    assert.equal(error.resultReason, ResultReason.InvalidMessage);
    assert.deepStrictEqual(error.path, ['RequestMessage', 'RequestHeader', 'ProtocolVersion']);
  });

  it('reads a newer minor version with the rules of the newest known minor of that major', () => {
    assert.equal(effectiveVersion({ major: 1, minor: 5 }), '1.4');
    assert.equal(effectiveVersion({ major: 2, minor: 3 }), '2.1');
    assert.equal(effectiveVersion({ major: 1, minor: 2 }), '1.2');
    assert.equal(effectiveVersion({ major: 0, minor: 9 }), undefined);
    assert.equal(decodeRequestMessage(request(1, 5, activate('k1'))).batchItems[0]?.kind, 'typed');
  });

  it('rejects a field in the header unknown to the version in strict mode with Invalid Field', () => {
    // Client Correlation Value is new in 1.4: unknown in a 1.3 header.
    const item = struct(
      Tag.RequestMessage,
      struct(
        Tag.RequestHeader,
        version(1, 3),
        text(Tag.ClientCorrelationValue, 'c'),
        int(Tag.BatchCount, 1),
      ),
      activate('k1'),
    );
    assert.deepStrictEqual(decodeRequestMessage(item).header.unknownItems, [
      text(Tag.ClientCorrelationValue, 'c'),
    ]);
    const error = messageError(() => decodeRequestMessage(item, { strict: true }));
    assert.equal(error.resultReason, ResultReason.InvalidField);
  });

  it('reads the Asynchronous Indicator as a Boolean in 1.x and converts it to the 2.x enumeration', () => {
    const header = struct(
      Tag.RequestHeader,
      version(1, 4),
      { tag: Tag.AsynchronousIndicator, type: 'Boolean', value: true },
      int(Tag.BatchCount, 1),
    );
    const message = decodeRequestMessage(struct(Tag.RequestMessage, header, activate('k1')));
    assert.equal(message.header.asynchronousIndicator, true);
    const as20 = encodeRequestMessage({
      ...message,
      header: { ...message.header, protocolVersion: { major: 2, minor: 0 } },
    });
    const asyncItem =
      as20.type === 'Structure' && as20.value[0]?.type === 'Structure'
        ? as20.value[0].value[1]
        : undefined;
    assert.deepStrictEqual(
      asyncItem,
      enumItem(Tag.AsynchronousIndicator, AsynchronousIndicator.Optional),
    );
  });
});

describe('encodeResponseMessage', () => {
  const response: ResponseMessage = {
    header: {
      protocolVersion: { major: 1, minor: 0 },
      timeStamp: new Date('2024-05-01T10:00:00Z'),
      clientCorrelationValue: 'c-1',
      nonce: { nonceId: new Uint8Array([1]), nonceValue: new Uint8Array([2]) },
      batchCount: 1,
    },
    batchItems: [
      {
        kind: 'typed',
        operation: Operation.Create,
        resultStatus: ResultStatus.Success,
        payload: {
          objectType: ObjectType.SymmetricKey,
          uniqueIdentifier: 'k1',
          attributes: { attributes: [{ name: 'State', value: 1 }] },
        },
      },
    ],
  };

  it('writes the 1.0 response header exactly as 1.0 has it (no 1.2+ nonce, no 1.4+ correlation value)', () => {
    const item = encodeResponseMessage(response);
    const header = item.type === 'Structure' ? item.value[0] : undefined;
    assert.ok(header?.type === 'Structure');
    assert.deepStrictEqual(
      header.value.map((c) => c.tag),
      [Tag.ProtocolVersion, Tag.TimeStamp, Tag.BatchCount],
    );
  });

  it('writes the nonce and correlation value for 1.4, and drops the 1.x Template-Attribute for 2.0', () => {
    const v14 = encodeResponseMessage({
      ...response,
      header: { ...response.header, protocolVersion: { major: 1, minor: 4 } },
    });
    const header14 = v14.type === 'Structure' ? v14.value[0] : undefined;
    assert.ok(header14?.type === 'Structure');
    assert.deepStrictEqual(
      header14.value.map((c) => c.tag),
      [Tag.ProtocolVersion, Tag.TimeStamp, Tag.Nonce, Tag.ClientCorrelationValue, Tag.BatchCount],
    );
    const v20 = encodeResponseMessage({
      ...response,
      header: { ...response.header, protocolVersion: { major: 2, minor: 0 } },
    });
    const decoded = decodeResponseMessage(v20);
    const [item] = decoded.batchItems;
    assert.ok(item?.kind === 'typed' && item.operation === Operation.Create);
    assert.deepStrictEqual(item.payload, {
      objectType: ObjectType.SymmetricKey,
      uniqueIdentifier: 'k1',
    });
  });

  it('round-trips through the binary TTLV codec', () => {
    const item = encodeResponseMessage({
      ...response,
      header: { ...response.header, protocolVersion: { major: 1, minor: 4 } },
    });
    const decoded = decodeResponseMessage(decodeTtlv(encodeTtlv(item)));
    assert.deepStrictEqual(decoded.batchItems, response.batchItems);
    assert.equal(decoded.header.clientCorrelationValue, 'c-1');
  });

  it('keeps a Poll response payload raw (it is the payload of the polled operation)', () => {
    const payload = struct(Tag.ResponsePayload, text(Tag.UniqueIdentifier, 'k1'));
    const item = struct(
      Tag.ResponseMessage,
      struct(
        Tag.ResponseHeader,
        version(1, 2),
        { tag: Tag.TimeStamp, type: 'DateTime', value: new Date(0) },
        int(Tag.BatchCount, 1),
      ),
      struct(
        Tag.BatchItem,
        enumItem(Tag.Operation, Operation.Poll),
        enumItem(Tag.ResultStatus, ResultStatus.Success),
        payload,
      ),
    );
    const [batchItem] = decodeResponseMessage(item).batchItems;
    assert.ok(batchItem?.kind === 'raw');
    assert.deepStrictEqual(batchItem.payload, payload);
  });

  it('throws KW_KMIP_MESSAGE_ENCODE for a typed payload that misses a required field', () => {
    const message: RequestMessage = {
      header: { protocolVersion: { major: 1, minor: 4 }, batchCount: 1 },
      batchItems: [{ kind: 'typed', operation: Operation.Revoke, payload: {} as never }],
    };
    assert.throws(() => encodeRequestMessage(message), {
      code: 'KW_KMIP_MESSAGE_ENCODE',
      path: ['RequestMessage', 'BatchItem', 'RequestPayload', 'RevocationReason'],
    });
  });
});
