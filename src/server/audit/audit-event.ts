/**
 * What the pipeline hands the audit sink once a message is answered, and how that becomes
 * one audit entry per request batch item (or one for a message refused as a whole).
 */
import type { RequestBatchItem, ResponseBatchItem } from '../../kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import type { AuditEntry, StoreUnit } from '../../store/index.ts';
import type { AuthenticatedClient, MessageSession } from '../pipeline/authenticate.ts';
import { objectIdsOf } from './object-ids.ts';

/**
 * One run of a request item: one response item each, in response order. A 2.x request item
 * whose Unique Identifier refers to several objects runs once per object (KMIP 2.1 §11.58),
 * so one request item may have several runs.
 */
export interface ItemRun {
  /** The request batch item it ran (0-based). */
  readonly requestIndex: number;
  readonly durationMs: number;
}

/** One answered request message. */
export interface RequestAuditEvent {
  readonly correlationId: string;
  readonly startedAt: Date;
  /** The whole message, in ms. */
  readonly durationMs: number;
  readonly session: MessageSession;
  /** Absent when the message could not be decoded. */
  readonly version?: KmipVersionName;
  /** Absent when authentication failed or was not reached. */
  readonly client?: AuthenticatedClient;
  /** The request's batch items; absent when the message could not be decoded. */
  readonly requestItems?: readonly RequestBatchItem[];
  /** The response's batch items, in request order (fewer after a Stop). */
  readonly responseItems: readonly ResponseBatchItem[];
  /** The runs of request items, one per response item and in the same order. */
  readonly itemRuns: readonly ItemRun[];
  /** Whether the message was refused as a whole (one message-level failure item). */
  readonly isRefused: boolean;
}

/**
 * Receives every answered message, with the request's unit of work when the store has units;
 * the response is sent only after it resolves.
 */
export type AuditSink = (event: RequestAuditEvent, unit?: StoreUnit) => Promise<void>;

function name(enumName: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return enumValueEntry(enumName, value)?.name ?? `0x${value.toString(16).padStart(8, '0')}`;
}

function payloadOf(item: RequestBatchItem | ResponseBatchItem | undefined): unknown {
  return item === undefined || item.kind !== 'typed' ? undefined : item.payload;
}

/** The audit entries of one answered message, in batch order. */
export function auditEntriesOf(event: RequestAuditEvent): AuditEntry[] {
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
        operation: name('Operation', requests[0]?.operation) ?? '(none)',
        objectIds: objectIdsOf(...requests.map(payloadOf)),
        resultStatus:
          name('ResultStatus', failure?.kind === 'invalid' ? undefined : failure?.resultStatus) ??
          'OperationFailed',
        ...resultOf(failure),
        durationMs: event.durationMs,
      },
    ];
  }
  // One entry per response item, named by the request item it answers; the request items a
  // Stop left unrun follow as Not Executed.
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
      operation: name('Operation', request?.operation) ?? '(none)',
      objectIds: objectIdsOf(payloadOf(request), payloadOf(response)),
      resultStatus:
        response === undefined
          ? 'NotExecuted'
          : (name(
              'ResultStatus',
              response.kind === 'invalid' ? undefined : response.resultStatus,
            ) ?? 'OperationFailed'),
      ...resultOf(response),
      durationMs,
    };
  });
}

function resultOf(
  item: ResponseBatchItem | undefined,
): Pick<AuditEntry, 'resultReason' | 'resultMessage'> {
  if (item === undefined || item.kind === 'invalid') return {};
  const reason = name('ResultReason', item.resultReason);
  return {
    ...(reason !== undefined && { resultReason: reason }),
    ...(item.resultMessage !== undefined && { resultMessage: item.resultMessage }),
  };
}
