/** Terse builders for KMIP item trees, used to write the sample messages by hand. */
import { Tag } from '../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../src/kmip/item.ts';

/** A sample message built from our item tree. */
export interface SampleMessage {
  readonly name: string;
  readonly kind: 'request' | 'response';
  readonly version: readonly [major: number, minor: number];
  readonly item: KmipItem;
}

/** Unique Identifiers the samples refer to. */
export const SAMPLE_UID = 'b4faee10-aa2a-4446-8ad4-0881f3422959';
export const SAMPLE_UID2 = '7f0c1d36-58b4-4a31-a6a3-0c2b4f1c9e01';

/** A fixed time stamp, 2024-01-02T03:04:05Z, so every run sends the same bytes. */
export const TIME_STAMP = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));

export const struct = (tag: number, ...value: KmipItem[]): KmipItem => ({
  tag,
  type: 'Structure',
  value,
});
export const int = (tag: number, value: number): KmipItem => ({ tag, type: 'Integer', value });
export const long = (tag: number, value: bigint): KmipItem => ({
  tag,
  type: 'LongInteger',
  value,
});
export const big = (tag: number, value: bigint): KmipItem => ({ tag, type: 'BigInteger', value });
export const enm = (tag: number, value: number): KmipItem => ({ tag, type: 'Enumeration', value });
export const bool = (tag: number, value: boolean): KmipItem => ({ tag, type: 'Boolean', value });
export const text = (tag: number, value: string): KmipItem => ({ tag, type: 'TextString', value });
export const bytes = (tag: number, value: Uint8Array | string): KmipItem => ({
  tag,
  type: 'ByteString',
  value: typeof value === 'string' ? new TextEncoder().encode(value) : value,
});
export const date = (tag: number, value: Date): KmipItem => ({ tag, type: 'DateTime', value });
export const interval = (tag: number, value: number): KmipItem => ({
  tag,
  type: 'Interval',
  value,
});

/** Bytes from hex, for readable key material. */
export const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

const protocolVersion = ([major, minor]: readonly [number, number]): KmipItem =>
  struct(
    Tag.ProtocolVersion,
    int(Tag.ProtocolVersionMajor, major),
    int(Tag.ProtocolVersionMinor, minor),
  );

/** One request batch item: Operation, optional Unique Batch Item ID, Request Payload. */
export function requestItem(operation: number, payload: KmipItem[], batchId?: string): KmipItem {
  return struct(
    Tag.BatchItem,
    enm(Tag.Operation, operation),
    ...(batchId === undefined ? [] : [bytes(Tag.UniqueBatchItemID, hex(batchId))]),
    struct(Tag.RequestPayload, ...payload),
  );
}

/** A Request Message; `headerExtras` go between Protocol Version and Time Stamp. */
export function requestMessage(
  version: readonly [number, number],
  items: KmipItem[],
  headerExtras: KmipItem[] = [],
): KmipItem {
  return struct(
    Tag.RequestMessage,
    struct(
      Tag.RequestHeader,
      protocolVersion(version),
      ...headerExtras,
      date(Tag.TimeStamp, TIME_STAMP),
      int(Tag.BatchCount, items.length),
    ),
    ...items,
  );
}

/** A request sample: `headerExtras` go between Protocol Version and Time Stamp. */
export function request(
  name: string,
  version: readonly [number, number],
  items: KmipItem[],
  headerExtras: KmipItem[] = [],
): SampleMessage {
  return { name, kind: 'request', version, item: requestMessage(version, items, headerExtras) };
}

/** A Unique Identifier item. */
export const uid = (value: string = SAMPLE_UID): KmipItem => text(Tag.UniqueIdentifier, value);

/** Options of one response batch item. */
export interface ResponseItemOptions {
  readonly operation: number;
  readonly status: number;
  readonly reason?: number;
  readonly message?: string;
  readonly batchId?: string;
  readonly payload?: KmipItem[];
}

/** One response batch item, fields in the order of KMIP 1.0 §7.2. */
export function responseItem(o: ResponseItemOptions): KmipItem {
  return struct(
    Tag.BatchItem,
    enm(Tag.Operation, o.operation),
    ...(o.batchId === undefined ? [] : [bytes(Tag.UniqueBatchItemID, hex(o.batchId))]),
    enm(Tag.ResultStatus, o.status),
    ...(o.reason === undefined ? [] : [enm(Tag.ResultReason, o.reason)]),
    ...(o.message === undefined ? [] : [text(Tag.ResultMessage, o.message)]),
    ...(o.payload === undefined ? [] : [struct(Tag.ResponsePayload, ...o.payload)]),
  );
}

/** A Response Message. */
export function responseMessage(version: readonly [number, number], items: KmipItem[]): KmipItem {
  return struct(
    Tag.ResponseMessage,
    struct(
      Tag.ResponseHeader,
      protocolVersion(version),
      date(Tag.TimeStamp, TIME_STAMP),
      int(Tag.BatchCount, items.length),
    ),
    ...items,
  );
}

/** A 1.x Attribute structure: name, optional index, value. */
export function attribute(name: string, value: KmipItem, index?: number): KmipItem {
  return struct(
    Tag.Attribute,
    text(Tag.AttributeName, name),
    ...(index === undefined ? [] : [int(Tag.AttributeIndex, index)]),
    { ...value, tag: Tag.AttributeValue },
  );
}

/** A Name attribute value (a Structure in every version). */
export function nameValue(tag: number, name: string, nameType: number): KmipItem {
  return struct(tag, text(Tag.NameValue, name), enm(Tag.NameType, nameType));
}
