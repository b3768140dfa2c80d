import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeRequestMessage,
  decodeTtlv,
  Operation,
  ResultReason,
  ResultStatus,
  type ResponseMessage,
} from '../../../src/kmip/index.ts';
import { ops } from '../../../src/client/index.ts';
import { encodeRequest, readOutcomes } from '../../../src/client/messages.ts';

const header = { protocolVersion: { major: 2, minor: 1 }, timeStamp: new Date(0), batchCount: 1 };
const id = (n: number) => Uint8Array.of(0, 0, 0, n);

function response(items: ResponseMessage['batchItems']): ResponseMessage {
  return { header: { ...header, batchCount: items.length }, batchItems: items };
}

describe('client messages', () => {
  it('puts batch ids, Stop and the batch order into a batch header', () => {
    const bytes = encodeRequest([ops.activate('a'), ops.destroy('a')], {
      version: { major: 1, minor: 4 },
      batchIds: [id(1), id(2)],
    });
    const message = decodeRequestMessage(decodeTtlv(bytes));
    assert.equal(message.header.batchCount, 2);
    assert.equal(message.header.batchOrderOption, true);
    assert.deepEqual(
      message.batchItems.map((b) => (b.kind === 'typed' ? b.uniqueBatchItemId : undefined)),
      [id(1), id(2)],
    );
  });

  it('sends a credential in the header when given one', () => {
    const bytes = encodeRequest([ops.query()], {
      version: { major: 1, minor: 4 },
      credential: { kind: 'UsernameAndPassword', username: 'u', password: 'p' },
    });
    const message = decodeRequestMessage(decodeTtlv(bytes));
    assert.equal(message.header.authentication?.credentials[0]?.kind, 'UsernameAndPassword');
  });

  it('matches batch items by id, whatever order the server answers in', () => {
    const outcomes = readOutcomes(
      [ops.activate('a'), ops.destroy('b')],
      response([
        {
          kind: 'typed',
          operation: Operation.Destroy,
          uniqueBatchItemId: id(2),
          resultStatus: ResultStatus.Success,
          payload: { uniqueIdentifier: 'b' },
        },
        {
          kind: 'typed',
          operation: Operation.Activate,
          uniqueBatchItemId: id(1),
          resultStatus: ResultStatus.Success,
          payload: { uniqueIdentifier: 'a' },
        },
      ]),
      [id(1), id(2)],
    );
    assert.deepEqual(
      outcomes.map((o) => o.ok && o.value),
      ['a', 'b'],
    );
  });

  it('turns a failed item into a KmipError and fails the items a Stop left unanswered with it', () => {
    const outcomes = readOutcomes(
      [ops.activate('a'), ops.destroy('b')],
      response([
        {
          kind: 'typed',
          operation: Operation.Activate,
          uniqueBatchItemId: id(1),
          resultStatus: ResultStatus.OperationFailed,
          resultReason: ResultReason.ItemNotFound,
          resultMessage: 'gone',
        },
      ]),
      [id(1), id(2)],
    );
    assert.equal(outcomes.length, 2);
    for (const outcome of outcomes) {
      assert.equal(outcome.ok, false);
      if (!outcome.ok) {
        assert.equal((outcome.error as { code?: string }).code, 'KW_CLIENT_KMIP');
        assert.equal(
          (outcome.error as { resultReason?: number }).resultReason,
          ResultReason.ItemNotFound,
        );
      }
    }
  });

  it('fails every item of a batch the server refused as a whole', () => {
    const outcomes = readOutcomes(
      [ops.query(), ops.query()],
      response([
        {
          kind: 'raw',
          resultStatus: ResultStatus.OperationFailed,
          resultReason: ResultReason.InvalidMessage,
        },
      ]),
      [id(1), id(2)],
    );
    assert.ok(outcomes.every((o) => !o.ok));
  });

  it('refuses a single request answered with two items as KW_CLIENT_PROTOCOL', () => {
    const ok = {
      kind: 'typed',
      operation: Operation.Activate,
      resultStatus: ResultStatus.Success,
      payload: { uniqueIdentifier: 'a' },
    } as const;
    assert.throws(() => readOutcomes([ops.activate('a')], response([ok, ok]), undefined), {
      code: 'KW_CLIENT_PROTOCOL',
    });
  });
});
