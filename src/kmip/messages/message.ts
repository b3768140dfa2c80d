/**
 * Request and response messages (KMIP 1.4 §7.1, 2.1 §8.1). The protocol version is read
 * from the header first and drives how everything else decodes; encoding takes the version
 * from the header the caller supplies.
 */
import type { KmipItem } from '../item.ts';
import { ResultReason, Tag } from '../generated/registry.ts';
import { KMIP_VERSIONS, type KmipVersionName } from '../registry-types.ts';
import { versionName } from '../registry.ts';
import {
  decodeRequestBatchItem,
  decodeResponseBatchItem,
  encodeRequestBatchItem,
  encodeResponseBatchItem,
  type RequestBatchItem,
  type ResponseBatchItem,
} from './batch-item.ts';
import { protocolVersion, type ProtocolVersion } from './common.ts';
import { KmipMessageEncodeError, KmipMessageError, missingField, wrongType } from './errors.ts';
import {
  requestHeaderSchema,
  responseHeaderSchema,
  type RequestHeader,
  type ResponseHeader,
} from './header.ts';
import {
  childPath,
  decodeStructure,
  encodeStructure,
  tagName,
  type CodecContext,
  type Extensible,
} from './schema.ts';

/** A request message. */
export interface RequestMessage extends Extensible {
  readonly header: RequestHeader;
  readonly batchItems: readonly RequestBatchItem[];
}

/** A response message. */
export interface ResponseMessage extends Extensible {
  readonly header: ResponseHeader;
  readonly batchItems: readonly ResponseBatchItem[];
}

/** Options of the message decoders. */
export interface MessageDecodeOptions {
  /** Reject unknown fields with Invalid Field instead of keeping them (KMIP 1.4 §11.1). */
  readonly strict?: boolean;
}

/**
 * The version whose rules apply to a protocol version: itself when known, else the newest
 * known minor of the same major (a 1.5 peer is read as 1.4: same major, newer minor, whose
 * unknown fields are kept — KMIP 1.4 §11.1). Undefined for an unknown major.
 */
export function effectiveVersion(version: ProtocolVersion): KmipVersionName | undefined {
  const exact = versionName(version.major, version.minor);
  if (exact !== undefined) return exact;
  const sameMajor = KMIP_VERSIONS.filter((v) => v.startsWith(`${version.major}.`));
  const newest = sameMajor[sameMajor.length - 1];
  const newestMinor = newest === undefined ? undefined : Number(newest.split('.')[1]);
  return newestMinor !== undefined && version.minor > newestMinor ? newest : undefined;
}

function readVersion(
  message: KmipItem,
  headerTag: number,
  path: readonly string[],
): KmipVersionName {
  if (message.type !== 'Structure') throw wrongType(path, 'Structure', message.type);
  const header = message.value.find((child) => child.tag === headerTag);
  const headerPath = childPath(path, tagName(headerTag));
  if (header === undefined) throw missingField(headerPath);
  if (header.type !== 'Structure') throw wrongType(headerPath, 'Structure', header.type);
  const versionItem = header.value.find((child) => child.tag === Tag.ProtocolVersion);
  const versionPath = [...headerPath, 'ProtocolVersion'];
  if (versionItem === undefined) throw missingField(versionPath);
  const pv = protocolVersion.decode(versionItem, { version: '1.0' }, versionPath);
  const version = effectiveVersion(pv);
  if (version === undefined) {
    // KMIP 1.4 §11.1: protocol major version mismatch → Invalid Message.
    throw new KmipMessageError(
      ResultReason.InvalidMessage,
      versionPath,
      `unsupported protocol version ${pv.major}.${pv.minor}`,
    );
  }
  return version;
}

function splitMessage(
  message: KmipItem,
  headerTag: number,
  ctx: CodecContext,
  path: readonly string[],
): { header: KmipItem; batchItems: KmipItem[]; unknownItems: KmipItem[] } {
  const children = message.type === 'Structure' ? message.value : [];
  const headers = children.filter((c) => c.tag === headerTag);
  const batchItems = children.filter((c) => c.tag === Tag.BatchItem);
  const unknownItems = children.filter((c) => c.tag !== headerTag && c.tag !== Tag.BatchItem);
  if (headers.length > 1) {
    throw new KmipMessageError(
      ResultReason.InvalidMessage,
      childPath(path, tagName(headerTag)),
      'field occurs more than once',
    );
  }
  if (batchItems.length === 0) throw missingField(childPath(path, 'BatchItem'));
  const [first] = unknownItems;
  if (ctx.strict === true && first !== undefined) {
    throw new KmipMessageError(
      ResultReason.InvalidField,
      childPath(path, tagName(first.tag)),
      'field is not known in this version',
    );
  }
  return { header: headers[0] as KmipItem, batchItems, unknownItems };
}

function versionOfHeader(
  header: { readonly protocolVersion: ProtocolVersion },
  path: readonly string[],
): KmipVersionName {
  const version = effectiveVersion(header.protocolVersion);
  if (version === undefined)
    throw new KmipMessageEncodeError(
      childPath(path, 'ProtocolVersion'),
      'unsupported protocol version',
    );
  return version;
}

/**
 * Decodes a Request Message tree. Header problems throw; a batch item that cannot be decoded
 * becomes an `invalid` batch item, and one of an operation without a schema a `raw` one.
 * @throws KmipMessageError (KW_KMIP_MESSAGE) when the message or its header is malformed or
 *   the protocol major version is unknown.
 */
export function decodeRequestMessage(
  item: KmipItem,
  options: MessageDecodeOptions = {},
): RequestMessage {
  const path = ['RequestMessage'];
  if (item.tag !== Tag.RequestMessage) throw wrongType(path, 'RequestMessage', tagName(item.tag));
  const ctx: CodecContext = {
    version: readVersion(item, Tag.RequestHeader, path),
    strict: options.strict === true,
  };
  const parts = splitMessage(item, Tag.RequestHeader, ctx, path);
  const header = decodeStructure(
    requestHeaderSchema,
    parts.header,
    ctx,
    childPath(path, 'RequestHeader'),
  );
  const batchItems = parts.batchItems.map((b) =>
    decodeRequestBatchItem(b, ctx, childPath(path, 'BatchItem')),
  );
  return {
    header,
    batchItems,
    ...(parts.unknownItems.length > 0 ? { unknownItems: parts.unknownItems } : {}),
  };
}

/**
 * Encodes a request message for the protocol version in its header.
 * @throws KmipMessageEncodeError (KW_KMIP_MESSAGE_ENCODE) when a required field is unset.
 */
export function encodeRequestMessage(message: RequestMessage): KmipItem {
  const path = ['RequestMessage'];
  const ctx: CodecContext = { version: versionOfHeader(message.header, path) };
  const children = [
    encodeStructure(
      requestHeaderSchema,
      message.header,
      Tag.RequestHeader,
      ctx,
      childPath(path, 'RequestHeader'),
    ),
    ...message.batchItems.map((b) => encodeRequestBatchItem(b, ctx, childPath(path, 'BatchItem'))),
    ...(message.unknownItems ?? []),
  ];
  return { tag: Tag.RequestMessage, type: 'Structure', value: children };
}

/**
 * Decodes a Response Message tree (client side).
 * @throws KmipMessageError (KW_KMIP_MESSAGE) when the message or its header is malformed.
 */
export function decodeResponseMessage(
  item: KmipItem,
  options: MessageDecodeOptions = {},
): ResponseMessage {
  const path = ['ResponseMessage'];
  if (item.tag !== Tag.ResponseMessage) throw wrongType(path, 'ResponseMessage', tagName(item.tag));
  const ctx: CodecContext = {
    version: readVersion(item, Tag.ResponseHeader, path),
    strict: options.strict === true,
  };
  const parts = splitMessage(item, Tag.ResponseHeader, ctx, path);
  const header = decodeStructure(
    responseHeaderSchema,
    parts.header,
    ctx,
    childPath(path, 'ResponseHeader'),
  );
  const batchItems = parts.batchItems.map((b) =>
    decodeResponseBatchItem(b, ctx, childPath(path, 'BatchItem')),
  );
  return {
    header,
    batchItems,
    ...(parts.unknownItems.length > 0 ? { unknownItems: parts.unknownItems } : {}),
  };
}

/**
 * Encodes a response message for the protocol version in its header; fields that version
 * does not define are left out (a 1.0 header has no correlation values or nonce).
 * @throws KmipMessageEncodeError (KW_KMIP_MESSAGE_ENCODE) when a required field is unset.
 */
export function encodeResponseMessage(message: ResponseMessage): KmipItem {
  const path = ['ResponseMessage'];
  const ctx: CodecContext = { version: versionOfHeader(message.header, path) };
  const children = [
    encodeStructure(
      responseHeaderSchema,
      message.header,
      Tag.ResponseHeader,
      ctx,
      childPath(path, 'ResponseHeader'),
    ),
    ...message.batchItems.map((b) => encodeResponseBatchItem(b, ctx, childPath(path, 'BatchItem'))),
    ...(message.unknownItems ?? []),
  ];
  return { tag: Tag.ResponseMessage, type: 'Structure', value: children };
}
