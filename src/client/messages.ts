/**
 * Builds request messages from prepared operations and reads response messages back into
 * per-item outcomes: pure functions, no I/O, so that batching rules are unit-tested alone.
 */
import {
  BatchErrorContinuationOption,
  decodeResponseMessage,
  decodeTtlv,
  encodeRequestMessage,
  encodeTtlv,
  Operation,
  ResultStatus,
  type Credential,
  type ProtocolVersion,
  type RequestBatchItem,
  type ResponseBatchItem,
  type ResponseMessage,
} from '../kmip/index.ts';
import { KmipError, ProtocolError } from './errors.ts';
import type { PreparedOperation } from './operations/prepared.ts';

/** Options of {@link encodeRequest}. */
export interface EncodeRequestOptions {
  readonly version: ProtocolVersion;
  /** Unique Batch Item IDs, one per operation, when there are several. */
  readonly batchIds?: readonly Uint8Array[];
  /** Go on after a failed batch item (KMIP Batch Error Continuation Option Continue). */
  readonly continueOnError?: boolean;
  /** Username/password or other credential for the header's Authentication. */
  readonly credential?: Credential;
}

/** The TTLV request for one or several operations. */
export function encodeRequest(
  operations: readonly PreparedOperation<unknown>[],
  options: EncodeRequestOptions,
): Uint8Array {
  const isBatch = operations.length > 1;
  const batchItems = operations.map(
    (op, i): RequestBatchItem =>
      ({
        kind: 'typed',
        operation: Operation[op.operation],
        payload: op.payload,
        ...(options.batchIds?.[i] !== undefined && { uniqueBatchItemId: options.batchIds[i] }),
      }) as RequestBatchItem,
  );
  const header = {
    protocolVersion: options.version,
    batchCount: operations.length,
    ...(options.credential !== undefined && {
      authentication: { credentials: [options.credential] },
    }),
    ...(isBatch && {
      batchErrorContinuationOption:
        options.continueOnError === true
          ? BatchErrorContinuationOption.Continue
          : BatchErrorContinuationOption.Stop,
      batchOrderOption: true,
    }),
  };
  return encodeTtlv(encodeRequestMessage({ header, batchItems }));
}

/**
 * Decodes a response message.
 * @throws ProtocolError (KW_CLIENT_PROTOCOL) for TTLV or message errors.
 */
export function decodeResponse(bytes: Uint8Array): ResponseMessage {
  try {
    return decodeResponseMessage(decodeTtlv(bytes));
  } catch (cause) {
    throw new ProtocolError('the response cannot be decoded', { cause });
  }
}

/** The outcome of one operation of a request. */
export type ItemOutcome<R> =
  | { readonly ok: true; readonly value: R; readonly payload: unknown }
  | { readonly ok: false; readonly error: Error };

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));
}

function outcomeOf<R>(op: PreparedOperation<R>, item: ResponseBatchItem): ItemOutcome<R> {
  if (item.kind === 'invalid') {
    return { ok: false, error: new ProtocolError(`${op.operation}: ${item.error.message}`) };
  }
  if (item.resultStatus !== ResultStatus.Success) {
    return { ok: false, error: new KmipError(op.operation, item) };
  }
  if (item.kind === 'raw' && item.payload !== undefined) {
    return { ok: false, error: new ProtocolError(`${op.operation}: the payload is not typed`) };
  }
  try {
    return { ok: true, value: op.parse(item.payload), payload: item.payload };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

/**
 * Matches response batch items to the operations sent: by Unique Batch Item ID for a batch,
 * the one item otherwise. An item the server did not answer (a batch stopped at an error)
 * fails with the error of the item that stopped it.
 */
export function readOutcomes(
  operations: readonly PreparedOperation<unknown>[],
  response: ResponseMessage,
  batchIds: readonly Uint8Array[] | undefined,
): ItemOutcome<unknown>[] {
  const items = response.batchItems;
  // KMIP 1.4 §11.1: a header-level failure answers with one batch item without an operation.
  const first = items[0];
  if (items.length === 1 && first !== undefined && operations.length > 1) {
    if (first.kind !== 'invalid' && first.resultStatus !== ResultStatus.Success) {
      const error = new KmipError('RequestMessage', first);
      return operations.map(() => ({ ok: false, error }));
    }
  }
  if (batchIds === undefined) {
    const op = operations[0];
    if (op === undefined || first === undefined || items.length !== 1) {
      throw new ProtocolError(`expected one response batch item, got ${items.length}`);
    }
    return [outcomeOf(op, first)];
  }
  let stopper: Error | undefined;
  return operations.map((op, i) => {
    const item = items.find(
      (candidate) =>
        candidate.kind !== 'invalid' && sameBytes(candidate.uniqueBatchItemId, batchIds[i]),
    );
    if (item === undefined) {
      return {
        ok: false,
        error: stopper ?? new ProtocolError(`no response to batch item ${i + 1} (${op.operation})`),
      };
    }
    const outcome = outcomeOf(op, item);
    if (!outcome.ok) stopper ??= outcome.error;
    return outcome;
  });
}
