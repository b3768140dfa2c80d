// auditEntriesOf pairs each response item with the request item it answers: a 2.x request item
// that names a Locate of several objects runs once per object (KMIP 2.1 §11.58), so response
// items and request items are not paired by position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Operation, ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import { enumValueEntry } from '../../../../src/kmip/registry.ts';
import type {
  RequestBatchItem,
  ResponseBatchItem,
} from '../../../../src/kmip/messages/batch-item.ts';
import {
  auditEntriesOf,
  objectIdsOf,
  type ItemRun,
  type RequestAuditEvent,
} from '../../../../src/server/audit/index.ts';
import type { AuditEntry } from '../../../../src/store/index.ts';

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

// auditEntriesOf as first written (object spreads per entry), the reference for the property
// test: the entries must stay the same, absent fields absent.
function referenceName(enumName: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return enumValueEntry(enumName, value)?.name ?? `0x${value.toString(16).padStart(8, '0')}`;
}
function referencePayload(item: RequestBatchItem | ResponseBatchItem | undefined): unknown {
  return item === undefined || item.kind !== 'typed' ? undefined : item.payload;
}
function referenceResult(item: ResponseBatchItem | undefined) {
  if (item === undefined || item.kind === 'invalid') return {};
  const reason = referenceName('ResultReason', item.resultReason);
  return {
    ...(reason !== undefined && { resultReason: reason }),
    ...(item.resultMessage !== undefined && { resultMessage: item.resultMessage }),
  };
}
function referenceEntriesOf(event: RequestAuditEvent): AuditEntry[] {
  const { session, client } = event;
  const common = {
    time: event.startedAt,
    correlationId: event.correlationId,
    ...(session.connectionId !== undefined && { connectionId: session.connectionId }),
    ...(session.peerAddress !== undefined && { peerAddress: session.peerAddress }),
    ...(session.identity !== '' && { certificateCn: session.identity }),
    ...(client !== undefined && {
      identity: client.identity.name,
      ...(client.identity.groups !== undefined && { groups: client.identity.groups }),
      ...(client.method !== undefined && { authMethod: client.method }),
    }),
    ...(event.version !== undefined && { kmipVersion: event.version }),
  };
  const requests = event.requestItems ?? [];
  if (event.isRefused || requests.length === 0) {
    const failure = event.responseItems[0];
    return [
      {
        ...common,
        operation: referenceName('Operation', requests[0]?.operation) ?? '(none)',
        objectIds: objectIdsOf(...requests.map(referencePayload)),
        resultStatus:
          referenceName(
            'ResultStatus',
            failure?.kind === 'invalid' ? undefined : failure?.resultStatus,
          ) ?? 'OperationFailed',
        ...referenceResult(failure),
        durationMs: event.durationMs,
      },
    ];
  }
  const runs: { response?: ResponseBatchItem; requestIndex: number; durationMs: number }[] =
    event.responseItems.map((response, i) => ({
      response,
      requestIndex: event.itemRuns[i]?.requestIndex ?? i,
      durationMs: event.itemRuns[i]?.durationMs ?? 0,
    }));
  const firstUnrun = (runs.at(-1)?.requestIndex ?? -1) + 1;
  for (let index = firstUnrun; index < requests.length; index++) {
    runs.push({ requestIndex: index, durationMs: 0 });
  }
  return runs.map(({ response, requestIndex, durationMs }): AuditEntry => {
    const request = requests[requestIndex];
    return {
      ...common,
      batchItem: requestIndex,
      operation: referenceName('Operation', request?.operation) ?? '(none)',
      objectIds: objectIdsOf(referencePayload(request), referencePayload(response)),
      resultStatus:
        response === undefined
          ? 'NotExecuted'
          : (referenceName(
              'ResultStatus',
              response.kind === 'invalid' ? undefined : response.resultStatus,
            ) ?? 'OperationFailed'),
      ...referenceResult(response),
      durationMs,
    };
  });
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Drops the keys whose value is undefined (absent, as the pipeline leaves them). */
const present = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
const operation = fc.constantFrom(Operation.Get, Operation.Create, Operation.Locate, 0x7777);
const ids = fc.dictionary(
  fc.constantFrom('uniqueIdentifier', 'uniqueIdentifiers', 'objectType'),
  fc.oneof(fc.constantFrom('k1', 'k2'), fc.array(fc.constantFrom('k1', 'k3'))),
);
const requestItem = fc.oneof(
  fc.record({ kind: fc.constant('typed'), operation, payload: ids }),
  fc.record({ kind: fc.constant('raw'), operation, payload: ids }),
) as fc.Arbitrary<RequestBatchItem>;
const responseItem = fc.oneof(
  fc
    .record({
      kind: fc.constantFrom('typed', 'raw'),
      operation: optional(operation),
      resultStatus: fc.constantFrom(ResultStatus.Success, ResultStatus.OperationFailed, 99),
      resultReason: optional(fc.constantFrom(1, 2, 0x1234)),
      resultMessage: optional(fc.string()),
      payload: optional(ids),
    })
    .map(present),
  fc.record({ kind: fc.constant('invalid') }),
) as fc.Arbitrary<ResponseBatchItem>;
const auditEvent: fc.Arbitrary<RequestAuditEvent> = fc
  .record({
    correlationId: fc.string(),
    startedAt: fc.date({ noInvalidDate: true }),
    durationMs: fc.double({ min: 0, max: 1e4, noNaN: true }),
    session: fc
      .record({
        identity: fc.constantFrom('', 'alice'),
        connectionId: optional(fc.constant('c1')),
        peerAddress: optional(fc.constant('[::1]:4000')),
      })
      .map(present),
    version: optional(fc.constantFrom('1.4', '2.1')),
    client: optional(
      fc.record({
        identity: fc
          .record({ name: fc.string(), groups: optional(fc.array(fc.string())) })
          .map(present),
        credentials: fc.constant([]),
        method: optional(fc.constantFrom('certificate', 'password')),
      }),
    ).map((client) => client && present(client)),
    requestItems: optional(fc.array(requestItem, { maxLength: 4 })),
    responseItems: fc.array(responseItem, { maxLength: 5 }),
    itemRuns: fc.array(
      fc.record({ requestIndex: fc.nat({ max: 4 }), durationMs: fc.double({ noNaN: true }) }),
      { maxLength: 5 },
    ),
    isRefused: fc.boolean(),
  })
  .map((event) => present(event) as unknown as RequestAuditEvent);

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

  it('gives the entries the first implementation gave, for any answered message', () => {
    fc.assert(
      fc.property(auditEvent, (event) => {
        assert.deepStrictEqual(auditEntriesOf(event), referenceEntriesOf(event));
      }),
      { numRuns: 1000 },
    );
  });
});
