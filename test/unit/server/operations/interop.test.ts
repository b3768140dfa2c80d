// Interop, through the pipeline: Begin/End/Reset answered with an empty payload (OASIS BL-M-*).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  InteropFunction,
  Operation,
  QueryFunction,
  ResultReason,
  ResultStatus,
  Tag,
} from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import { encodeRequestMessage } from '../../../../src/kmip/messages/message.ts';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import {
  createServerHarness,
  itemOutcome,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';

const children = (item: KmipItem | undefined): KmipItem[] =>
  item?.type === 'Structure' ? [...item.value] : [];

describe('Interop', () => {
  let harness: ServerHarness;
  before(async () => {
    harness = await createServerHarness();
  });
  after(() => harness.close());

  for (const fn of ['Begin', 'End', 'Reset'] as const) {
    it(`answers ${fn} with Success and an empty Response Payload, and logs the test case`, async () => {
      const request = message('2.1', [
        {
          operation: 'Interop',
          payload: { interopFunction: InteropFunction[fn], interopIdentifier: 'BL-M-1-21' },
        },
      ]);
      const bytes = await harness.sendBytes(encodeTtlv(encodeRequestMessage(request)));
      const item = children(decodeTtlv(bytes)).find((c) => c.tag === Tag.BatchItem);
      const fields = children(item);
      const status = fields.find((c) => c.tag === Tag.ResultStatus);
      assert.equal(status?.value, ResultStatus.Success);
      assert.equal(fields.find((c) => c.tag === Tag.Operation)?.value, Operation.Interop);
      const payload = fields.find((c) => c.tag === Tag.ResponsePayload);
      assert.deepEqual(payload, { tag: Tag.ResponsePayload, type: 'Structure', value: [] });
      assert.ok(
        harness.logs.some((l) => l.interopFunction === fn && l.interopIdentifier === 'BL-M-1-21'),
      );
    });
  }

  it('refuses an Interop Function that is not Begin, End or Reset with Invalid Field', async () => {
    const item = await harness.sendOne('2.1', {
      operation: 'Interop',
      payload: { interopFunction: 0x7f, interopIdentifier: 'x' },
    });
    assert.deepEqual(itemOutcome(item), {
      status: ResultStatus.OperationFailed,
      reason: ResultReason.InvalidField,
    });
  });

  it('is not defined before KMIP 2.0: Operation Not Supported in 1.4', async () => {
    const raw: KmipItem = { tag: Tag.RequestPayload, type: 'Structure', value: [] };
    const response = await harness.send(message('1.4', [{ operation: Operation.Interop, raw }]));
    const [item] = response.batchItems;
    assert.ok(item !== undefined);
    assert.equal(itemOutcome(item).reason, ResultReason.OperationNotSupported);
  });

  it('is listed by Query in 2.x', async () => {
    const item = await harness.sendOne('2.1', {
      operation: 'Query',
      payload: { queryFunctions: [QueryFunction.QueryOperations] },
    });
    assert.ok(item.kind === 'typed');
    const operations = (item.payload as { operations?: number[] } | undefined)?.operations ?? [];
    assert.ok(operations.includes(Operation.Interop));
    assert.ok(operations.includes(Operation.Log));
  });
});
