/**
 * The batch loop (KMIP 1.4 §6.12–6.15 and §7; 2.1 §7, §8). Items run one after another in request
 * order, which satisfies Batch Order Option either way (order is what the client may ask
 * for; the server may always keep it). Each item runs in its own object session, committed
 * when the item succeeds, so every operation is atomic. Batch Error Continuation Option:
 *  - Stop (the default): after a failed item nothing more runs or is answered;
 *  - Continue: every item runs and is answered;
 *  - Undo: all items share one session, committed only when every item succeeded; after a
 *    failure the items before it are answered Operation Undone with the payload they
 *    succeeded with (their writes never reached the store) and the items after it are not
 *    answered.
 * The ID Placeholder and 2.x Unique Identifier references pass from item to item.
 */
import { BatchErrorContinuationOption, ResultReason, Tag } from '../../kmip/generated/registry.ts';
import type { RequestBatchItem, ResponseBatchItem } from '../../kmip/messages/batch-item.ts';
import type { UniqueIdentifierValue } from '../../kmip/messages/codecs.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { StoreConflictError, type ObjectStore } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import { concurrentChange, DeferredSession } from '../objects/index.ts';
import type { OperationHandler, OperationTable } from '../operations/context.ts';
import type { BatchIdReferences } from './id-references.ts';
import { ItemContext, type MessageScope } from './item-context.ts';
import type { MessageLog } from './message-log.ts';
import { reasonForVersion } from './reason-compat.ts';
import {
  addressOf,
  failedItem,
  generalFailureMessage,
  successItem,
  undoneItem,
  type ItemAddress,
} from './response.ts';
import { featureNotSupported, KmipResultError, operationNotSupported } from './result-error.ts';

/** What the batch loop needs. */
export interface BatchOptions {
  readonly items: readonly RequestBatchItem[];
  readonly version: KmipVersionName;
  /** A `BatchErrorContinuationOption` value. */
  readonly continuation: number;
  readonly operations: OperationTable;
  readonly store: ObjectStore;
  /** What the message's items share (client, version, ID references, signal ...). */
  readonly scope: MessageScope;
  readonly correlationId: string;
  /** The message's lines (item children are made from its logger). */
  readonly log: MessageLog;
  /**
   * Called after each run of an item (one per response item, in order; a 2.x reference to
   * several objects runs its item once per object) with the item's index and the run time in
   * ms: the audit log pairs responses with requests by it.
   */
  readonly onItemDone?: (index: number, durationMs: number) => void;
}

type Failure = {
  readonly ok: false;
  readonly reason: number;
  readonly message: string;
  /** The response payload that goes with the failure (KmipResultError.payload). */
  readonly payload?: unknown;
};
type Outcome = { readonly ok: true; readonly name: string; readonly payload: unknown } | Failure;

// Labels of the operations seen so far; an item needs its label three times (issue #9).
// Bounded: at most one entry per Operation value, and unknown values are not kept.
const LABELS = new Map<number, string>();

function operationLabel(operation: number | undefined): string {
  if (operation === undefined) return '(none)';
  const known = LABELS.get(operation);
  if (known !== undefined) return known;
  const name = enumValueEntry('Operation', operation)?.name;
  if (name === undefined) return `0x${operation.toString(16).padStart(8, '0')}`;
  LABELS.set(operation, name);
  return name;
}

/** The vendor of a critical Message Extension, read from a decoded or an undecodable item. */
function criticalExtensionVendor(item: RequestBatchItem): string | undefined {
  if (item.kind !== 'invalid') {
    return item.messageExtension?.criticalityIndicator === true
      ? item.messageExtension.vendorIdentification
      : undefined;
  }
  const children = (node: unknown) =>
    typeof node === 'object' && node !== null && (node as { type?: unknown }).type === 'Structure'
      ? (node as { value: readonly { tag: number; type: string; value: unknown }[] }).value
      : [];
  const extension = children(item.item).find((c) => c.tag === Tag.MessageExtension);
  const critical = children(extension).find((c) => c.tag === Tag.CriticalityIndicator);
  if (critical?.value !== true) return undefined;
  const vendor = children(extension).find((c) => c.tag === Tag.VendorIdentification)?.value;
  return typeof vendor === 'string' ? vendor : '';
}

/**
 * The handler that runs `item`, or the failure an undecodable item answers with.
 * @throws KmipResultError when the item cannot run at all.
 */
function handlerOf(
  item: RequestBatchItem,
  options: BatchOptions,
): OperationHandler<never> | Failure {
  if (options.scope.signal.aborted) {
    throw new KmipResultError(ResultReason.OperationCanceledByRequester, 'the connection closed');
  }
  // KMIP 1.4 §6.16: an unknown extension marked critical fails the item (OASIS TC-72-10).
  const vendor = criticalExtensionVendor(item);
  if (vendor !== undefined) {
    throw featureNotSupported(
      `critical message extension of vendor ${JSON.stringify(vendor)} is not supported`,
    );
  }
  const name = operationLabel(item.operation);
  const implemented = options.operations[name as keyof OperationTable] as
    OperationHandler<never> | undefined;
  const handler = item.kind === 'raw' ? undefined : implemented;
  if (item.kind === 'invalid') {
    // An operation the server does not implement is refused as such, even when its payload
    // would not have decoded either.
    if (item.operation !== undefined && handler === undefined) {
      throw notSupported(name, implemented !== undefined, options.version);
    }
    return { ok: false, reason: item.error.resultReason, message: item.error.message };
  }
  if (handler === undefined) throw notSupported(name, implemented !== undefined, options.version);
  return handler;
}

// Say which it is: an operation this server lacks, or one it has that the request's version
// does not define (Set Attribute in KMIP 1.x).
function notSupported(name: string, isImplemented: boolean, version: KmipVersionName) {
  return operationNotSupported(
    isImplemented
      ? `${name} is not defined in KMIP ${version}`
      : `this server does not implement ${name}`,
  );
}

async function commit(session: DeferredSession): Promise<void> {
  try {
    await session.commit();
  } catch (error) {
    if (error instanceof StoreConflictError && error.reason === 'revision') {
      throw concurrentChange(error.objectId);
    }
    throw error;
  }
}

/** Runs one item and commits its session when it stands alone; never throws. */
async function runItem(
  item: RequestBatchItem,
  index: number,
  session: DeferredSession,
  options: BatchOptions,
  isOwnSession: boolean,
): Promise<Outcome> {
  // A pino child costs several µs; made only when the item logs (issue #9).
  let itemLog: Logger | undefined;
  const log = () =>
    (itemLog ??= options.log.logger.child({
      batchItem: index,
      operation: operationLabel(item.operation),
    }));
  for (let attempt = 1; ; attempt++) {
    try {
      const handler = handlerOf(item, options);
      if (typeof handler !== 'function') return handler;
      const payload = await handler(
        (item as { payload?: unknown }).payload as never,
        new ItemContext(options.scope, session, log),
      );
      // An item that wrote nothing has nothing to commit (Get, Locate, Encrypt ...).
      if (isOwnSession && session.hasWrites) await commitOwnSession(session, attempt);
      return { ok: true, name: operationLabel(item.operation), payload };
    } catch (error) {
      if (isOwnSession) session.discard();
      // Another request changed an object this one read: nothing of this item was stored,
      // so run it again on the object as the other request left it. Concurrent requests on
      // one object then behave as if serialized (state transitions are checked again).
      if (error instanceof LostRace) continue;
      return failureOf(error, options, log);
    }
  }
}

// Runs of one stand-alone item that lost a race before it gives up. Each round of a race
// has a winner, so N requests writing one object need at most N runs; this bounds the work
// one request can cause under a pathological pile-up on a single object.
const MAX_ITEM_ATTEMPTS = 32;

/** A stand-alone item's commit lost a race; the item may run again. */
class LostRace extends Error {}

async function commitOwnSession(session: DeferredSession, attempt: number): Promise<void> {
  try {
    await session.commit();
  } catch (error) {
    const isRace = error instanceof StoreConflictError && error.reason === 'revision';
    if (isRace && attempt < MAX_ITEM_ATTEMPTS) throw new LostRace();
    if (isRace) throw concurrentChange(error.objectId);
    throw error;
  }
}

/** `log` is called only for an unexpected error: a KMIP result error needs no logger. */
function failureOf(error: unknown, options: BatchOptions, log: () => Logger): Failure {
  if (error instanceof KmipResultError) {
    return {
      ok: false,
      reason: reasonForVersion(error.reason, options.version),
      message: error.message,
      ...(error.payload === undefined ? {} : { payload: error.payload }),
    };
  }
  log().error({ err: error }, 'operation failed unexpectedly');
  return {
    ok: false,
    reason: ResultReason.GeneralFailure,
    message: generalFailureMessage(options.correlationId),
  };
}

/** Runs the batch and returns the response items, in request order. Never throws. */
export async function runBatch(options: BatchOptions): Promise<ResponseBatchItem[]> {
  const { items } = options;
  const { references } = options.scope;
  const isUndo = options.continuation === BatchErrorContinuationOption.Undo;
  const shared = isUndo ? new DeferredSession(options.store) : undefined;
  const responses: ResponseBatchItem[] = [];
  // What the response items echo, kept for Undo, which rewrites the answers at the end.
  const addresses: ItemAddress[] = [];
  let failedAt: number | undefined;
  const last = items.length - 1;

  batch: for (let index = 0; index <= last; index++) {
    const requested = items[index];
    if (requested === undefined) continue;
    const runs = repetitions(requested, references);
    for (let run = 0; run < (runs?.length ?? 1); run++) {
      const item = runs?.[run] ?? requested;
      const placeholder = references.placeholder;
      const started = performance.now();
      const outcome = await runItem(
        item,
        index,
        shared ?? new DeferredSession(options.store),
        options,
        shared === undefined,
      );
      options.onItemDone?.(index, performance.now() - started);
      const address = addressOf(item);
      if (isUndo) addresses.push(address);
      log(options, index, item, outcome);
      if (outcome.ok) {
        // Only a later item can refer to a result: the last item's is not kept.
        if (index < last) references.recordResult(outcome.name, outcome.payload);
        responses.push(successItem(address, outcome.payload));
        continue;
      }
      references.restorePlaceholder(placeholder);
      responses.push(failedItem(address, outcome.reason, outcome.message, outcome.payload));
      if (options.continuation === BatchErrorContinuationOption.Continue) continue;
      failedAt = responses.length - 1;
      break batch;
    }
  }

  if (shared !== undefined) await finishUndo(shared, responses, addresses, failedAt, options);
  return responses;
}

/**
 * The runs of one request item: itself (undefined), or — when its Unique Identifier is a 2.x reference
 * to a result of several objects (a Locate) — one copy per object, each naming it (KMIP 2.1
 * §11.58: "the operation is repeated for each of them as separate batch items").
 */
function repetitions(
  item: RequestBatchItem,
  references: BatchIdReferences,
): RequestBatchItem[] | undefined {
  if (item.kind !== 'typed') return undefined;
  const payload = item.payload as { uniqueIdentifier?: UniqueIdentifierValue } | undefined;
  const ids = references.expand(payload?.uniqueIdentifier);
  if (ids === undefined) return undefined;
  return ids.map(
    (id) => ({ ...item, payload: { ...payload, uniqueIdentifier: id } }) as RequestBatchItem,
  );
}

/**
 * Ends an Undo batch: commits the shared session when every item succeeded; otherwise (or
 * when the commit itself fails, which then fails the last item) drops it and answers every
 * item before the failed one Operation Undone.
 */
async function finishUndo(
  shared: DeferredSession,
  responses: ResponseBatchItem[],
  addresses: readonly ItemAddress[],
  failedAt: number | undefined,
  options: BatchOptions,
): Promise<void> {
  let failed = failedAt;
  if (failed === undefined) {
    try {
      await commit(shared);
      return;
    } catch (error) {
      failed = responses.length - 1;
      const { reason, message } = failureOf(error, options, () => options.log.logger);
      responses[failed] = failedItem(addresses[failed] ?? {}, reason, message);
    }
  }
  shared.discard();
  for (let i = 0; i < failed; i++) {
    const done = responses[i];
    const payload = done !== undefined && done.kind !== 'invalid' ? done.payload : undefined;
    responses[i] = undoneItem(addresses[i] ?? {}, payload);
  }
}

function log(options: BatchOptions, index: number, item: RequestBatchItem, outcome: Outcome): void {
  // Debug, not info: the audit log already records every request durably, and a line per
  // request written to stderr cost 10–20 % of a Get's server CPU (issue #9). At info a
  // succeeded item builds nothing.
  if (outcome.ok && !options.log.isEnabled('debug')) return;
  const operation = operationLabel(item.operation);
  if (outcome.ok) {
    options.log.line(
      'debug',
      { batchItem: index, operation, resultStatus: 'Success' },
      'batch item done',
    );
  } else {
    const reason = enumValueEntry('ResultReason', outcome.reason)?.name ?? outcome.reason;
    options.log.info(
      { batchItem: index, operation, resultStatus: 'OperationFailed', resultReason: reason },
      'batch item failed',
    );
  }
}
