/**
 * Builds and encodes response messages. Each batch item is encoded on its own, so a payload
 * an operation got wrong costs that item (General Failure) instead of the whole response;
 * Maximum Response Size (KMIP 1.4 §6.3) is enforced on the encoded message.
 */
import type { KmipItem } from '../../kmip/item.ts';
import { ResultReason, ResultStatus, Tag } from '../../kmip/generated/registry.ts';
import { encodeResponseBatchItem, type ResponseBatchItem } from '../../kmip/messages/batch-item.ts';
import { responseHeaderSchema, type ResponseHeader } from '../../kmip/messages/header.ts';
import { encodeStructure } from '../../kmip/messages/schema.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { encodedLength, encodeTtlv } from '../../kmip/ttlv/index.ts';

/** What a response item echoes of its request item (KMIP 1.4 §7: Operation and Unique Batch Item ID). */
export interface ItemAddress {
  readonly operation?: number;
  readonly uniqueBatchItemId?: Uint8Array;
}

/** The address of a request (or response) batch item. */
export function addressOf(item: ItemAddress): ItemAddress {
  return {
    ...(item.operation === undefined ? {} : { operation: item.operation }),
    ...(item.uniqueBatchItemId === undefined ? {} : { uniqueBatchItemId: item.uniqueBatchItemId }),
  };
}

/**
 * A failed item: Operation Failed with a reason and message, and the operation's typed
 * response payload when the failure has one (Check).
 */
export function failedItem(
  address: ItemAddress,
  reason: number,
  message: string,
  payload?: unknown,
): ResponseBatchItem {
  const failure = {
    ...address,
    resultStatus: ResultStatus.OperationFailed,
    resultReason: reason,
    resultMessage: message,
  };
  if (payload === undefined || address.operation === undefined) return { kind: 'raw', ...failure };
  return { kind: 'typed', ...failure, payload } as ResponseBatchItem;
}

/**
 * An item that succeeded and was then undone (Batch Error Continuation Option Undo). It keeps
 * the payload it succeeded with: the Batch Item table of the response message (KMIP 1.4 and
 * 2.1, "Response Batch Item") requires the Response Payload "if not a failure", and Operation
 * Undone is a Result Status of its own, not Operation Failed (OASIS BL-M-2-21 shows it).
 */
export function undoneItem(address: ItemAddress, payload?: unknown): ResponseBatchItem {
  const undone = { ...address, resultStatus: ResultStatus.OperationUndone };
  if (payload === undefined || address.operation === undefined) return { kind: 'raw', ...undone };
  return { kind: 'typed', ...undone, payload } as ResponseBatchItem;
}

/** A successful item with its typed payload. */
export function successItem(address: ItemAddress, payload: unknown): ResponseBatchItem {
  return {
    kind: 'typed',
    ...address,
    resultStatus: ResultStatus.Success,
    payload,
  } as ResponseBatchItem;
}

/** The fixed text of a General Failure: nothing of the real error, only where to find it. */
export function generalFailureMessage(correlationId: string): string {
  return `internal error; correlation id ${correlationId}`;
}

/** Options of `encodeResponse`. */
export interface EncodeResponseOptions {
  readonly version: KmipVersionName;
  readonly header: ResponseHeader;
  readonly items: readonly ResponseBatchItem[];
  /** The request's Maximum Response Size, if any. */
  readonly maximumResponseSize?: number;
  readonly correlationId: string;
  /** Called with each item that could not be encoded (a bug in its operation). */
  readonly onEncodeError: (error: unknown, item: ResponseBatchItem) => void;
}

function encodeItems(
  options: EncodeResponseOptions,
  items: readonly ResponseBatchItem[],
): KmipItem[] {
  const ctx = { version: options.version };
  const path = ['ResponseMessage', 'BatchItem'];
  return items.map((item) => {
    try {
      return encodeResponseBatchItem(item, ctx, path);
    } catch (error) {
      options.onEncodeError(error, item);
      const fallback = failedItem(
        addressOf(item),
        ResultReason.GeneralFailure,
        generalFailureMessage(options.correlationId),
      );
      return encodeResponseBatchItem(fallback, ctx, path);
    }
  });
}

function messageOf(options: EncodeResponseOptions, items: readonly KmipItem[]): KmipItem {
  const header = encodeStructure(
    responseHeaderSchema,
    { ...options.header, batchCount: items.length },
    Tag.ResponseHeader,
    { version: options.version },
    ['ResponseMessage', 'ResponseHeader'],
  );
  return { tag: Tag.ResponseMessage, type: 'Structure', value: [header, ...items] };
}

/** Encodes a response message to TTLV bytes. */
export function encodeResponse(options: EncodeResponseOptions): Uint8Array {
  let message = messageOf(options, encodeItems(options, options.items));
  const limit = options.maximumResponseSize;
  // Measured only against a limit (a second walk of the whole tree; issue #9).
  const size = limit !== undefined && limit > 0 ? encodedLength(message) : 0;
  if (limit !== undefined && limit > 0 && size > limit) {
    // Every item that carries a payload fails instead (OASIS TC-121-10); its result message
    // gives both sizes so the client can retry with a larger limit.
    const text = `response size ${size} exceeds the Maximum Response Size ${limit}`;
    const trimmed = options.items.map((item) =>
      item.kind !== 'invalid' && item.payload !== undefined
        ? failedItem(addressOf(item), ResultReason.ResponseTooLarge, text)
        : item,
    );
    message = messageOf(options, encodeItems(options, trimmed));
  }
  return encodeTtlv(message);
}
