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

/** An entry under construction (AuditEntry's fields, writable). */
type EntryFields = { -readonly [K in keyof AuditEntry]?: AuditEntry[K] };

/**
 * The fields every entry of the message shares, absent ones left out. Each entry gets its own
 * copy made by assignment: no object spread per entry (issue #9, every request is audited).
 */
function commonFields(event: RequestAuditEvent): EntryFields {
  const { session, client } = event;
  const common: EntryFields = { time: event.startedAt, correlationId: event.correlationId };
  if (session.connectionId !== undefined) common.connectionId = session.connectionId;
  if (session.peerAddress !== undefined) common.peerAddress = session.peerAddress;
  if (session.identity !== '') common.certificateCn = session.identity;
  if (client !== undefined) {
    common.identity = client.identity.name;
    if (client.identity.groups !== undefined) common.groups = client.identity.groups;
    if (client.method !== undefined) common.authMethod = client.method;
  }
  if (event.version !== undefined) common.kmipVersion = event.version;
  return common;
}

/** One entry: the shared fields, then the item's, in the order the spreads gave. */
function entryOf(
  common: EntryFields,
  batchItem: number | undefined,
  operation: string,
  objectIds: readonly string[],
  resultStatus: string,
  item: ResponseBatchItem | undefined,
  durationMs: number,
): AuditEntry {
  const entry: EntryFields = { ...common };
  if (batchItem !== undefined) entry.batchItem = batchItem;
  entry.operation = operation;
  entry.objectIds = objectIds;
  entry.resultStatus = resultStatus;
  if (item !== undefined && item.kind !== 'invalid') {
    const reason = name('ResultReason', item.resultReason);
    if (reason !== undefined) entry.resultReason = reason;
    if (item.resultMessage !== undefined) entry.resultMessage = item.resultMessage;
  }
  entry.durationMs = durationMs;
  return entry as AuditEntry;
}

/** The audit entries of one answered message, in batch order. */
export function auditEntriesOf(event: RequestAuditEvent): AuditEntry[] {
  const common = commonFields(event);
  const requests = event.requestItems ?? [];
  if (event.isRefused || requests.length === 0) {
    const failure = event.responseItems[0];
    return [
      entryOf(
        common,
        undefined,
        name('Operation', requests[0]?.operation) ?? '(none)',
        objectIdsOf(...requests.map(payloadOf)),
        name('ResultStatus', failure?.kind === 'invalid' ? undefined : failure?.resultStatus) ??
          'OperationFailed',
        failure,
        event.durationMs,
      ),
    ];
  }
  // One entry per response item, named by the request item it answers; the request items a
  // Stop left unrun follow as Not Executed.
  const entries: AuditEntry[] = [];
  const { responseItems, itemRuns } = event;
  let lastIndex = -1;
  for (let i = 0; i < responseItems.length; i++) {
    const response = responseItems[i] as ResponseBatchItem;
    const run = itemRuns[i];
    const requestIndex = run?.requestIndex ?? i;
    const request = requests[requestIndex];
    entries.push(
      entryOf(
        common,
        requestIndex,
        name('Operation', request?.operation) ?? '(none)',
        objectIdsOf(payloadOf(request), payloadOf(response)),
        name('ResultStatus', response.kind === 'invalid' ? undefined : response.resultStatus) ??
          'OperationFailed',
        response,
        run?.durationMs ?? 0,
      ),
    );
    lastIndex = requestIndex;
  }
  for (let index = lastIndex + 1; index < requests.length; index++) {
    const request = requests[index];
    entries.push(
      entryOf(
        common,
        index,
        name('Operation', request?.operation) ?? '(none)',
        objectIdsOf(payloadOf(request), undefined),
        'NotExecuted',
        undefined,
        0,
      ),
    );
  }
  return entries;
}
