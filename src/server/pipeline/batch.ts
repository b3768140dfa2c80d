/**
 * The batch loop (KMIP 1.4 §6.12–6.15 and §7; 2.1 §7, §8). Items run one after another in request
 * order, which satisfies Batch Order Option either way (order is what the client may ask
 * for; the server may always keep it). Each item runs in its own object session, committed
 * when the item succeeds, so every operation is atomic. Batch Error Continuation Option:
 *  - Stop (the default): after a failed item nothing more runs or is answered;
 *  - Continue: every item runs and is answered;
 *  - Undo: all items share one session, committed only when every item succeeded; after a
 *    failure the items before it are answered Operation Undone (their writes never reached
 *    the store) and the items after it are not answered.
 * The ID Placeholder and 2.x Unique Identifier references pass from item to item.
 */
import { BatchErrorContinuationOption, ResultReason, Tag } from '../../kmip/generated/registry.ts';
import type { RequestBatchItem, ResponseBatchItem } from '../../kmip/messages/batch-item.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { StoreConflictError, type ObjectStore } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import { concurrentChange, DeferredSession, type ObjectSession } from '../objects/index.ts';
import type { OperationContext, OperationHandler, OperationTable } from '../operations/context.ts';
import type { BatchIdReferences } from './id-references.ts';
import { reasonForVersion } from './reason-compat.ts';
import {
  addressOf,
  failedItem,
  generalFailureMessage,
  successItem,
  undoneItem,
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
  /** The context of one item, its object service bound to `session`. */
  readonly contextFor: (session: ObjectSession, logger: Logger) => OperationContext;
  readonly references: BatchIdReferences;
  readonly correlationId: string;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** Called after each item ran with its run time in ms (the audit log's duration). */
  readonly onItemDone?: (index: number, durationMs: number) => void;
}

type Failure = { readonly ok: false; readonly reason: number; readonly message: string };
type Outcome = { readonly ok: true; readonly name: string; readonly payload: unknown } | Failure;

function operationLabel(operation: number | undefined): string {
  if (operation === undefined) return '(none)';
  return (
    enumValueEntry('Operation', operation)?.name ?? `0x${operation.toString(16).padStart(8, '0')}`
  );
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

async function runOperation(
  item: RequestBatchItem,
  session: ObjectSession,
  options: BatchOptions,
  log: Logger,
): Promise<Outcome> {
  if (options.signal?.aborted === true) {
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
  const handler =
    item.kind === 'raw'
      ? undefined
      : (options.operations[name as keyof OperationTable] as OperationHandler<never> | undefined);
  // Say which it is: an operation this server lacks, or one it has that the request's
  // version does not define (Set Attribute in KMIP 1.x).
  const isImplemented = options.operations[name as keyof OperationTable] !== undefined;
  const notSupported = () =>
    operationNotSupported(
      isImplemented
        ? `${name} is not defined in KMIP ${options.version}`
        : `this server does not implement ${name}`,
    );
  if (item.kind === 'invalid') {
    // An operation the server does not implement is refused as such, even when its payload
    // would not have decoded either.
    if (item.operation !== undefined && handler === undefined) throw notSupported();
    return { ok: false, reason: item.error.resultReason, message: item.error.message };
  }
  if (handler === undefined) throw notSupported();
  const payload = await handler(item.payload as never, options.contextFor(session, log));
  return { ok: true, name, payload };
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
  const log = options.logger.child({ batchItem: index, operation: operationLabel(item.operation) });
  try {
    const outcome = await runOperation(item, session, options, log);
    if (outcome.ok && isOwnSession) await commit(session);
    return outcome;
  } catch (error) {
    if (isOwnSession) session.discard();
    return failureOf(error, options, log);
  }
}

function failureOf(error: unknown, options: BatchOptions, log: Logger): Failure {
  if (error instanceof KmipResultError) {
    return {
      ok: false,
      reason: reasonForVersion(error.reason, options.version),
      message: error.message,
    };
  }
  log.error({ err: error }, 'operation failed unexpectedly');
  return {
    ok: false,
    reason: ResultReason.GeneralFailure,
    message: generalFailureMessage(options.correlationId),
  };
}

/** Runs the batch and returns the response items, in request order. Never throws. */
export async function runBatch(options: BatchOptions): Promise<ResponseBatchItem[]> {
  const isUndo = options.continuation === BatchErrorContinuationOption.Undo;
  const shared = isUndo ? new DeferredSession(options.store) : undefined;
  const responses: ResponseBatchItem[] = [];
  let failedAt: number | undefined;

  for (const [index, item] of options.items.entries()) {
    const placeholder = options.references.placeholder;
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
    log(options, index, item, outcome);
    if (outcome.ok) {
      options.references.recordResult(outcome.name, outcome.payload);
      responses.push(successItem(address, outcome.payload));
      continue;
    }
    options.references.restorePlaceholder(placeholder);
    responses.push(failedItem(address, outcome.reason, outcome.message));
    if (options.continuation === BatchErrorContinuationOption.Continue) continue;
    failedAt = index;
    break;
  }

  if (shared !== undefined) await finishUndo(shared, responses, failedAt, options);
  return responses;
}

/**
 * Ends an Undo batch: commits the shared session when every item succeeded; otherwise (or
 * when the commit itself fails, which then fails the last item) drops it and answers every
 * item before the failed one Operation Undone.
 */
async function finishUndo(
  shared: DeferredSession,
  responses: ResponseBatchItem[],
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
      const { reason, message } = failureOf(error, options, options.logger);
      responses[failed] = failedItem(addressOf(options.items[failed] ?? {}), reason, message);
    }
  }
  shared.discard();
  for (let i = 0; i < failed; i++) responses[i] = undoneItem(addressOf(options.items[i] ?? {}));
}

function log(options: BatchOptions, index: number, item: RequestBatchItem, outcome: Outcome): void {
  const operation = operationLabel(item.operation);
  if (outcome.ok) {
    options.logger.info(
      { batchItem: index, operation, resultStatus: 'Success' },
      'batch item done',
    );
  } else {
    const reason = enumValueEntry('ResultReason', outcome.reason)?.name ?? outcome.reason;
    options.logger.info(
      { batchItem: index, operation, resultStatus: 'OperationFailed', resultReason: reason },
      'batch item failed',
    );
  }
}
