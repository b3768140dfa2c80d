// auditEntriesOf pairs each response item with the request item it answers: a 2.x request item
// that names a Locate of several objects runs once per object (KMIP 2.1 §11.58), so response
// items and request items are not paired by position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Operation, ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import type {
  RequestBatchItem,
  ResponseBatchItem,
} from '../../../../src/kmip/messages/batch-item.ts';
import { auditEntriesOf, type ItemRun } from '../../../../src/server/audit/index.ts';

const request = (operation: number, payload: unknown): RequestBatchItem =>
  ({ kind: 'typed', operation, payload }) as RequestBatchItem;
const success = (operation: number, payload: unknown): ResponseBatchItem =>
  ({ kind: 'typed', operation, resultStatus: ResultStatus.Success, payload }) as ResponseBatchItem;

function entries(
  requests: RequestBatchItem[],
  responses: ResponseBatchItem[],
  itemRuns: ItemRun[],
) {
  return auditEntriesOf({
    correlationId: 'c',
    startedAt: new Date(0),
    durationMs: 1,
    session: { identity: 'alice' },
    version: '2.1',
    requestItems: requests,
    responseItems: responses,
    itemRuns,
    isRefused: false,
  }).map((e) => [e.batchItem, e.operation, e.resultStatus, e.objectIds, e.durationMs]);
}

describe('auditEntriesOf', () => {
  it('gives each repetition of a request item its own entry, named by that item', () => {
    const rows = entries(
      [
        request(Operation.Locate, {}),
        request(Operation.Activate, { uniqueIdentifier: 'located' }),
        request(Operation.Get, { uniqueIdentifier: 'k3' }),
      ],
      [
        success(Operation.Locate, { uniqueIdentifiers: ['k1', 'k2'] }),
        success(Operation.Activate, { uniqueIdentifier: 'k1' }),
        success(Operation.Activate, { uniqueIdentifier: 'k2' }),
        success(Operation.Get, { uniqueIdentifier: 'k3' }),
      ],
      [
        { requestIndex: 0, durationMs: 5 },
        { requestIndex: 1, durationMs: 6 },
        { requestIndex: 1, durationMs: 7 },
        { requestIndex: 2, durationMs: 8 },
      ],
    );
    assert.deepEqual(
      rows.map(([index, operation, status, , ms]) => [index, operation, status, ms]),
      [
        [0, 'Locate', 'Success', 5],
        [1, 'Activate', 'Success', 6],
        [1, 'Activate', 'Success', 7],
        [2, 'Get', 'Success', 8],
      ],
    );
    assert.ok((rows[1]?.[3] as string[]).includes('k1'));
    assert.ok((rows[2]?.[3] as string[]).includes('k2'));
    assert.ok((rows[3]?.[3] as string[]).includes('k3'));
  });

  it('lists the request items a Stop left unrun as Not Executed, after the repetitions', () => {
    const rows = entries(
      [
        request(Operation.Locate, {}),
        request(Operation.Destroy, { uniqueIdentifier: 'located' }),
        request(Operation.Get, { uniqueIdentifier: 'k3' }),
      ],
      [
        success(Operation.Locate, { uniqueIdentifiers: ['k1', 'k2'] }),
        success(Operation.Destroy, { uniqueIdentifier: 'k1' }),
        {
          kind: 'typed',
          operation: Operation.Destroy,
          resultStatus: ResultStatus.OperationFailed,
        } as ResponseBatchItem,
      ],
      [
        { requestIndex: 0, durationMs: 1 },
        { requestIndex: 1, durationMs: 1 },
        { requestIndex: 1, durationMs: 1 },
      ],
    );
    assert.deepEqual(
      rows.map(([index, operation, status]) => [index, operation, status]),
      [
        [0, 'Locate', 'Success'],
        [1, 'Destroy', 'Success'],
        [1, 'Destroy', 'OperationFailed'],
        [2, 'Get', 'NotExecuted'],
      ],
    );
  });
});
