import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AsynchronousIndicator,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../../../src/kmip/messages/batch-item.ts';
import type { ResponseMessage } from '../../../../src/kmip/messages/message.ts';
import { encodeRequestMessage } from '../../../../src/kmip/messages/message.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import type {
  OperationContext,
  OperationTable,
} from '../../../../src/server/operations/context.ts';
import { OPERATIONS } from '../../../../src/server/operations/index.ts';
import { encodeFramingErrorResponse } from '../../../../src/server/pipeline/handle-message.ts';
import { TtlvDecodeError } from '../../../../src/kmip/ttlv/index.ts';
import {
  createAesKey,
  createServerHarness,
  decodeResponse,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

function onlyItem(response: ResponseMessage): Exclude<ResponseBatchItem, { kind: 'invalid' }> {
  assert.equal(response.batchItems.length, 1);
  const [item] = response.batchItems;
  assert.ok(item !== undefined && item.kind !== 'invalid');
  return item;
}

function assertRefused(response: ResponseMessage, reason: number): void {
  const item = onlyItem(response);
  assert.equal(item.operation, undefined, 'a message-level error has no Operation');
  assert.equal(item.resultStatus, ResultStatus.OperationFailed);
  assert.equal(item.resultReason, reason);
  assert.equal(typeof item.resultMessage, 'string');
}

describe('createMessageHandler: messages that cannot be served', () => {
  let harness: ServerHarness;
  let seen: OperationContext | undefined;
  const operations: OperationTable = {
    ...OPERATIONS,
    Check: async () => {
      throw new Error('secret detail 0xDEADBEEF');
    },
    Archive: async () => ({}) as never,
    Locate: async (_request, ctx) => {
      seen = ctx;
      return { uniqueIdentifiers: [] };
    },
  };
  before(async () => {
    harness = await createServerHarness({ operations });
  });
  after(() => harness.close());

  it('answers bytes that are not TTLV with Invalid Message in 1.0', async () => {
    const response = decodeResponse(
      await harness.sendBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])),
    );
    assert.deepEqual(response.header.protocolVersion, { major: 1, minor: 0 });
    assertRefused(response, ResultReason.InvalidMessage);
  });

  it('answers a broken message in the version its first bytes name', async () => {
    const bytes = encodeTtlv(
      encodeRequestMessage(message('2.0', [{ operation: 'Query', payload: {} }])),
    );
    const broken = bytes.slice(0, bytes.length - 8); // the outer length now runs past the end
    const response = decodeResponse(await harness.sendBytes(broken));
    assert.deepEqual(response.header.protocolVersion, { major: 2, minor: 0 });
    assertRefused(response, ResultReason.InvalidMessage);
  });

  it('answers a TTLV item that is not a Request Message with Invalid Message', async () => {
    const response = await harness.send({ tag: Tag.ResponseMessage, type: 'Structure', value: [] });
    assertRefused(response, ResultReason.InvalidMessage);
  });

  it('answers a header without Batch Count with Invalid Message in the request version', async () => {
    const tree = encodeRequestMessage(message('1.2', [{ operation: 'Query', payload: {} }]));
    assert.ok(tree.type === 'Structure');
    const [header, ...rest] = tree.value;
    assert.ok(header?.type === 'Structure');
    const stripped = { ...header, value: header.value.filter((c) => c.tag !== Tag.BatchCount) };
    const response = await harness.send({ ...tree, value: [stripped, ...rest] });
    assert.deepEqual(response.header.protocolVersion, { major: 1, minor: 2 });
    assertRefused(response, ResultReason.InvalidMessage);
  });

  it('refuses a Batch Count that does not match the batch', async () => {
    const request = message('1.4', [{ operation: 'Query', payload: {} }]);
    assertRefused(
      await harness.send({ ...request, header: { ...request.header, batchCount: 2 } }),
      ResultReason.InvalidMessage,
    );
  });

  it('refuses a batch of several items without Unique Batch Item IDs', async () => {
    const request = message('1.4', [
      { operation: 'Query', payload: {}, id: 'a' },
      { operation: 'Query', payload: {} },
    ]);
    assertRefused(await harness.send(request), ResultReason.InvalidMessage);
  });

  it('refuses an unknown Batch Error Continuation Option with Invalid Field', async () => {
    const request = message('1.4', [{ operation: 'Query', payload: {} }], {
      batchErrorContinuationOption: 9,
    });
    assertRefused(await harness.send(request), ResultReason.InvalidField);
  });

  it('refuses a 2.x request that insists on asynchronous processing', async () => {
    const request = message('2.0', [{ operation: 'Query', payload: {} }], {
      asynchronousIndicator: AsynchronousIndicator.Mandatory,
    });
    assertRefused(await harness.send(request), ResultReason.FeatureNotSupported);
    const optional = message('2.0', [{ operation: 'Query', payload: {} }], {
      asynchronousIndicator: AsynchronousIndicator.Optional,
    });
    assert.equal(onlyItem(await harness.send(optional)).resultStatus, ResultStatus.Success);
  });

  it('refuses a connection without client identity with Authentication Not Successful', async () => {
    const response = await harness.send(message('1.4', [{ operation: 'Query', payload: {} }]), '');
    assertRefused(response, ResultReason.AuthenticationNotSuccessful);
  });

  it('passes header credentials to operations without logging the password', async () => {
    const request = message(
      '1.4',
      [{ operation: 'Locate', payload: { attributes: [] } as never }],
      {
        authentication: {
          credentials: [
            { kind: 'UsernameAndPassword', username: 'carol', password: 'hunter2-secret' },
          ],
        },
      },
    );
    assert.equal(onlyItem(await harness.send(request)).resultStatus, ResultStatus.Success);
    assert.deepEqual(seen?.credentials, [
      { kind: 'UsernameAndPassword', username: 'carol', password: 'hunter2-secret' },
    ]);
    assert.equal(seen?.identity.name, 'alice');
    assert.equal(harness.logText().includes('hunter2-secret'), false);
  });

  it('turns an unexpected error into General Failure with a correlation id and logs the real one', async () => {
    const response = await harness.send(message('1.4', [{ operation: 'Check', payload: {} }]));
    const item = onlyItem(response);
    assert.equal(item.operation, Operation.Check);
    assert.equal(item.resultReason, ResultReason.GeneralFailure);
    assert.equal(item.resultMessage?.includes('DEADBEEF'), false);
    const logged = harness.logs.find(
      (l) => l.level >= 50 && JSON.stringify(l).includes('DEADBEEF'),
    );
    assert.ok(logged, 'the real error is logged');
    const correlation = String(logged.correlationId);
    assert.ok(correlation.length > 0 && item.resultMessage?.includes(correlation));
    // Only a client that sent a Client Correlation Value gets the Server Correlation Value.
    assert.equal(response.header.serverCorrelationValue, undefined);
    const correlated = await harness.send(
      message('1.4', [{ operation: 'Check', payload: {} }], { clientCorrelationValue: 'mine' }),
    );
    assert.equal(correlated.header.clientCorrelationValue, 'mine');
    const sent = correlated.header.serverCorrelationValue ?? '';
    assert.ok(sent.length > 0 && onlyItem(correlated).resultMessage?.includes(sent));
  });

  it('turns a payload the encoder refuses into General Failure for that item', async () => {
    const item = onlyItem(
      await harness.send(message('1.4', [{ operation: 'Archive', payload: {} }])),
    );
    assert.equal(item.operation, Operation.Archive);
    assert.equal(item.resultReason, ResultReason.GeneralFailure);
  });

  it('never logs key material', async () => {
    const created = onlyItem(await harness.send(message('1.4', [createAesKey()])));
    const id = (created.payload as { uniqueIdentifier: string }).uniqueIdentifier;
    const got = onlyItem(
      await harness.send(message('1.4', [{ operation: 'Get', payload: { uniqueIdentifier: id } }])),
    );
    const material = (
      got.payload as { object: { keyBlock: { keyValue: { keyMaterial: Uint8Array } } } }
    ).object.keyBlock.keyValue.keyMaterial;
    const hex = Buffer.from(material).toString('hex');
    const base64 = Buffer.from(material).toString('base64');
    assert.equal(harness.logText().includes(hex), false);
    assert.equal(harness.logText().includes(base64), false);
  });

  it('enforces Maximum Response Size on items with a payload', async () => {
    const request = message('1.0', [{ operation: 'Query', payload: { queryFunctions: [1, 2] } }], {
      maximumResponseSize: 64,
    });
    const item = onlyItem(await harness.send(request));
    assert.equal(item.resultReason, ResultReason.ResponseTooLarge);
    assert.equal(item.operation, Operation.Query);
    assert.match(item.resultMessage ?? '', /exceeds the Maximum Response Size 64/);
    const large = message('1.0', [{ operation: 'Query', payload: { queryFunctions: [1, 2] } }], {
      maximumResponseSize: 4096,
    });
    assert.equal(onlyItem(await harness.send(large)).resultStatus, ResultStatus.Success);
  });

  it('never rejects, even when authentication itself breaks', async () => {
    const broken = await createServerHarness({
      authenticate: async () => {
        throw new TypeError('plugin crashed');
      },
    });
    try {
      const response = await broken.send(message('2.1', [{ operation: 'Query', payload: {} }]));
      assert.deepEqual(response.header.protocolVersion, { major: 2, minor: 1 });
      assertRefused(response, ResultReason.GeneralFailure);
    } finally {
      await broken.close();
    }
  });
});

describe('encodeFramingErrorResponse', () => {
  it('is an Invalid Message response in 1.0', () => {
    const bytes = encodeFramingErrorResponse(
      new TtlvDecodeError('KW_TTLV_TOO_LARGE', 0, 'big'),
      new Date(),
    );
    const response = decodeResponse(bytes);
    assert.deepEqual(response.header.protocolVersion, { major: 1, minor: 0 });
    assertRefused(response, ResultReason.InvalidMessage);
    assert.ok(decodeTtlv(bytes));
  });
});
