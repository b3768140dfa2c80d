/**
 * Batch items of request and response messages. The payload is decoded with the schema of
 * the batch item's operation for the message's protocol version. A batch item that cannot
 * be decoded does not fail the whole message (KMIP 1.4 §11.1: "error parsing batch item or
 * payload" fails that batch item with Invalid Message): it becomes an `invalid` item that
 * keeps the original tree and the error, so the server can answer it and re-encoding is
 * lossless. Operations without a schema (or not defined in the version) become `raw` items.
 */
import type { KmipItem } from '../item.ts';
import { Tag } from '../generated/registry.ts';
import type { Operation } from '../generated/registry.ts';
import { enumValueEntry, existsInVersion } from '../registry.ts';
import { anyItem, boolean, byteString, enumeration, textString } from './codecs.ts';
import { KmipMessageEncodeError, KmipMessageError } from './errors.ts';
import { messageExtension, type MessageExtension } from './header.ts';
import {
  operationSchemas,
  type KnownOperationName,
  type OperationPayloads,
} from './payloads/index.ts';
import {
  childPath,
  decodeStructure,
  defineStruct,
  encodeStructure,
  type CodecContext,
  type Extensible,
  type StructSchema,
} from './schema.ts';

/** Fields every request batch item has besides operation and payload. */
export interface RequestBatchItemFields extends Extensible {
  readonly uniqueBatchItemId?: Uint8Array;
  readonly messageExtension?: MessageExtension;
  /** KMIP 2.0+. */
  readonly ephemeral?: boolean;
}

/** A request batch item whose payload decoded to its typed form. */
export type TypedRequestBatchItem = {
  [K in KnownOperationName]: RequestBatchItemFields & {
    readonly kind: 'typed';
    readonly operation: (typeof Operation)[K];
    readonly payload: OperationPayloads[K]['request'];
  };
}[KnownOperationName];

/** A request batch item of an operation the model has no schema for (in this version): payload kept as an item. */
export interface RawRequestBatchItem extends RequestBatchItemFields {
  readonly kind: 'raw';
  readonly operation: number;
  readonly payload: KmipItem;
}

/** A batch item (request or response) that could not be decoded: the original tree and the error. */
export interface InvalidBatchItem {
  readonly kind: 'invalid';
  /** The whole Batch Item as received; re-encoded unchanged. */
  readonly item: KmipItem;
  readonly error: KmipMessageError;
  /** Operation and Unique Batch Item ID when they could be read, to echo in the response. */
  readonly operation?: number;
  readonly uniqueBatchItemId?: Uint8Array;
}

/** One batch item of a request. */
export type RequestBatchItem = TypedRequestBatchItem | RawRequestBatchItem | InvalidBatchItem;

/** Fields every response batch item has besides operation and payload. */
export interface ResponseBatchItemFields extends Extensible {
  readonly uniqueBatchItemId?: Uint8Array;
  /** `ResultStatus` value. */
  readonly resultStatus: number;
  /** `ResultReason` value; required when the status is not Success. */
  readonly resultReason?: number;
  readonly resultMessage?: string;
  readonly asynchronousCorrelationValue?: Uint8Array;
  readonly messageExtension?: MessageExtension;
}

/** A response batch item whose payload (if any) decoded to its typed form. */
export type TypedResponseBatchItem = {
  [K in KnownOperationName]: ResponseBatchItemFields & {
    readonly kind: 'typed';
    readonly operation: (typeof Operation)[K];
    readonly payload?: OperationPayloads[K]['response'];
  };
}[KnownOperationName];

/** A response batch item without a typed payload: unknown operation, no Operation field, or Poll. */
export interface RawResponseBatchItem extends ResponseBatchItemFields {
  readonly kind: 'raw';
  readonly operation?: number;
  readonly payload?: KmipItem;
}

/** One batch item of a response. */
export type ResponseBatchItem = TypedResponseBatchItem | RawResponseBatchItem | InvalidBatchItem;

interface RequestBatchItemWire extends RequestBatchItemFields {
  readonly operation: number;
  readonly payload: KmipItem;
}
const requestBatchItemSchema = defineStruct<RequestBatchItemWire>('BatchItem', (f) => [
  f.one('operation', Tag.Operation, enumeration),
  f.opt('ephemeral', Tag.Ephemeral, boolean),
  f.opt('uniqueBatchItemId', Tag.UniqueBatchItemID, byteString),
  f.one('payload', Tag.RequestPayload, anyItem),
  f.opt('messageExtension', Tag.MessageExtension, messageExtension),
]);

interface ResponseBatchItemWire extends ResponseBatchItemFields {
  readonly operation?: number;
  readonly payload?: KmipItem;
}
const responseBatchItemSchema = defineStruct<ResponseBatchItemWire>('BatchItem', (f) => [
  f.opt('operation', Tag.Operation, enumeration),
  f.opt('uniqueBatchItemId', Tag.UniqueBatchItemID, byteString),
  f.one('resultStatus', Tag.ResultStatus, enumeration),
  f.opt('resultReason', Tag.ResultReason, enumeration),
  f.opt('resultMessage', Tag.ResultMessage, textString),
  f.opt('asynchronousCorrelationValue', Tag.AsynchronousCorrelationValue, byteString),
  f.opt('payload', Tag.ResponsePayload, anyItem),
  f.opt('messageExtension', Tag.MessageExtension, messageExtension),
]);

/** The known operation name of an operation value, when the version defines the operation. */
export function knownOperationName(
  operation: number,
  ctx: CodecContext,
): KnownOperationName | undefined {
  const entry = enumValueEntry('Operation', operation);
  if (entry === undefined || !existsInVersion(entry, ctx.version)) return undefined;
  return entry.name in operationSchemas ? (entry.name as KnownOperationName) : undefined;
}

function invalidItem(item: KmipItem, error: unknown): InvalidBatchItem {
  if (!(error instanceof KmipMessageError)) throw error;
  // Best effort: the operation and batch item ID let the server address its answer.
  const peek = (tag: number) =>
    item.type === 'Structure' ? item.value.find((c) => c.tag === tag) : undefined;
  const op = peek(Tag.Operation);
  const id = peek(Tag.UniqueBatchItemID);
  return {
    kind: 'invalid',
    item,
    error,
    ...(op?.type === 'Enumeration' ? { operation: op.value } : {}),
    ...(id?.type === 'ByteString' ? { uniqueBatchItemId: id.value } : {}),
  };
}

/** Decodes one request Batch Item; never throws a KmipMessageError (see `invalid` items). */
export function decodeRequestBatchItem(
  item: KmipItem,
  ctx: CodecContext,
  path: readonly string[],
): RequestBatchItem {
  try {
    const { payload, ...wire } = decodeStructure(requestBatchItemSchema, item, ctx, path);
    const name = knownOperationName(wire.operation, ctx);
    if (name === undefined) return { kind: 'raw', ...wire, payload };
    const schema = operationSchemas[name].request as StructSchema<unknown>;
    const typed = decodeStructure(schema, payload, ctx, childPath(path, 'RequestPayload'));
    return { kind: 'typed', ...wire, payload: typed } as TypedRequestBatchItem;
  } catch (error) {
    return invalidItem(item, error);
  }
}

/** Encodes one request batch item. */
export function encodeRequestBatchItem(
  batchItem: RequestBatchItem,
  ctx: CodecContext,
  path: readonly string[],
): KmipItem {
  if (batchItem.kind === 'invalid') return batchItem.item;
  const { kind, payload, ...fields } = batchItem;
  let payloadItem: KmipItem;
  if (kind === 'typed') {
    const name = knownOperationName(fields.operation, ctx);
    if (name === undefined) {
      throw new KmipMessageEncodeError(
        path,
        `operation has no typed request in KMIP ${ctx.version}`,
      );
    }
    const schema = operationSchemas[name].request as StructSchema<unknown>;
    payloadItem = encodeStructure(
      schema,
      payload,
      Tag.RequestPayload,
      ctx,
      childPath(path, 'RequestPayload'),
    );
  } else {
    payloadItem = payload;
  }
  return encodeStructure(
    requestBatchItemSchema,
    { ...fields, payload: payloadItem },
    Tag.BatchItem,
    ctx,
    path,
  );
}

/** Decodes one response Batch Item; never throws a KmipMessageError (see `invalid` items). */
export function decodeResponseBatchItem(
  item: KmipItem,
  ctx: CodecContext,
  path: readonly string[],
): ResponseBatchItem {
  try {
    const { payload, ...wire } = decodeStructure(responseBatchItemSchema, item, ctx, path);
    const name = wire.operation === undefined ? undefined : knownOperationName(wire.operation, ctx);
    const schema =
      name === undefined
        ? undefined
        : (operationSchemas[name].response as StructSchema<unknown> | undefined);
    if (schema === undefined)
      return { kind: 'raw', ...wire, ...(payload === undefined ? {} : { payload }) };
    const typed =
      payload === undefined
        ? undefined
        : decodeStructure(schema, payload, ctx, childPath(path, 'ResponsePayload'));
    return {
      kind: 'typed',
      ...wire,
      ...(typed === undefined ? {} : { payload: typed }),
    } as TypedResponseBatchItem;
  } catch (error) {
    return invalidItem(item, error);
  }
}

/** Encodes one response batch item. */
export function encodeResponseBatchItem(
  batchItem: ResponseBatchItem,
  ctx: CodecContext,
  path: readonly string[],
): KmipItem {
  if (batchItem.kind === 'invalid') return batchItem.item;
  const { kind, payload, ...fields } = batchItem;
  let payloadItem: KmipItem | undefined;
  if (kind === 'typed' && payload !== undefined) {
    const name =
      fields.operation === undefined ? undefined : knownOperationName(fields.operation, ctx);
    const schema =
      name === undefined
        ? undefined
        : (operationSchemas[name].response as StructSchema<unknown> | undefined);
    if (schema === undefined) {
      throw new KmipMessageEncodeError(
        path,
        `operation has no typed response in KMIP ${ctx.version}`,
      );
    }
    payloadItem = encodeStructure(
      schema,
      payload,
      Tag.ResponsePayload,
      ctx,
      childPath(path, 'ResponsePayload'),
    );
  } else {
    payloadItem = payload as KmipItem | undefined;
  }
  const wire: ResponseBatchItemWire = {
    ...fields,
    ...(payloadItem === undefined ? {} : { payload: payloadItem }),
  };
  return encodeStructure(responseBatchItemSchema, wire, Tag.BatchItem, ctx, path);
}
