// In-process harness for the KMIP request pipeline: a fresh SQLite store in a temp dir, the
// pipeline over it, and `send` that encodes a request (typed message or item tree), runs it
// as a given client identity and decodes the response. No TLS, no sockets: fast unit tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAeadKey, randomBytes } from '../../src/crypto/index.ts';
import {
  Operation,
  ObjectType,
  CryptographicAlgorithm,
  CryptographicUsageMask,
} from '../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../src/kmip/item.ts';
import type { RequestBatchItem, ResponseBatchItem } from '../../src/kmip/messages/batch-item.ts';
import type { Attribute } from '../../src/kmip/messages/attributes.ts';
import type { RequestHeader } from '../../src/kmip/messages/header.ts';
import {
  decodeResponseMessage,
  encodeRequestMessage,
  type RequestMessage,
  type ResponseMessage,
} from '../../src/kmip/messages/message.ts';
import type {
  KnownOperationName,
  OperationPayloads,
} from '../../src/kmip/messages/payloads/index.ts';
import type { KmipVersionName } from '../../src/kmip/registry-types.ts';
import { decodeTtlv, encodeTtlv } from '../../src/kmip/ttlv/index.ts';
import { createLogger } from '../../src/server/logger.ts';
import {
  createMessageHandler,
  type MessageHandler,
  type MessageHandlerDeps,
} from '../../src/server/pipeline/handle-message.ts';
import { openSqliteStore, type ObjectStore } from '../../src/store/index.ts';

/** The identity requests run as unless a test names another. */
export const DEFAULT_IDENTITY = 'alice';

/** One parsed JSON log line. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** A typed batch item for `message`. */
export type ItemSpec =
  | {
      [K in KnownOperationName]: {
        readonly operation: K;
        readonly payload: OperationPayloads[K]['request'];
        readonly id?: string;
      };
    }[KnownOperationName]
  | { readonly operation: number; readonly raw: KmipItem; readonly id?: string };

const encoder = new TextEncoder();

/** Builds a request message in `version`; `id` becomes the Unique Batch Item ID (UTF-8). */
export function message(
  version: KmipVersionName,
  items: readonly ItemSpec[],
  header: Partial<Omit<RequestHeader, 'protocolVersion'>> = {},
): RequestMessage {
  const [major = 1, minor = 0] = version.split('.').map(Number);
  const batchItems = items.map((spec): RequestBatchItem => {
    const id = spec.id === undefined ? {} : { uniqueBatchItemId: encoder.encode(spec.id) };
    if ('raw' in spec) return { kind: 'raw', operation: spec.operation, payload: spec.raw, ...id };
    return {
      kind: 'typed',
      operation: Operation[spec.operation],
      payload: spec.payload,
      ...id,
    } as RequestBatchItem;
  });
  return {
    header: { protocolVersion: { major, minor }, batchCount: batchItems.length, ...header },
    batchItems,
  };
}

/** Attributes of a Create for an AES key of `length` bits (Encrypt|Decrypt), plus extras. */
export function aesKeyAttributes(length = 256, extra: readonly Attribute[] = []): Attribute[] {
  return [
    { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
    { name: 'CryptographicLength', value: length },
    {
      name: 'CryptographicUsageMask',
      value: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
    },
    ...extra,
  ];
}

/** A Create item for an AES key. */
export function createAesKey(
  length = 256,
  extra: readonly Attribute[] = [],
  id?: string,
): ItemSpec {
  return {
    operation: 'Create',
    payload: {
      objectType: ObjectType.SymmetricKey,
      attributes: { attributes: aesKeyAttributes(length, extra) },
    },
    ...(id === undefined ? {} : { id }),
  };
}

/** The harness. */
export interface ServerHarness {
  readonly store: ObjectStore;
  readonly handler: MessageHandler;
  /** Parsed log lines so far. */
  readonly logs: LogLine[];
  /** The raw log output so far (to check that secrets never appear). */
  logText(): string;
  /** Sends a request as `identity` and decodes the response. */
  send(request: RequestMessage | KmipItem, identity?: string): Promise<ResponseMessage>;
  /** Sends raw bytes as `identity`; returns the raw response. */
  sendBytes(bytes: Uint8Array, identity?: string): Promise<Uint8Array>;
  /** Sends a one-item request and returns its response item. */
  sendOne(version: KmipVersionName, item: ItemSpec, identity?: string): Promise<ResponseBatchItem>;
  /** Creates an AES key as `identity` in `version`; returns its Unique Identifier. */
  createKey(options?: {
    readonly identity?: string;
    readonly version?: KmipVersionName;
    readonly extra?: readonly Attribute[];
  }): Promise<string>;
  close(): Promise<void>;
}

/** Decodes response bytes. */
export function decodeResponse(bytes: Uint8Array): ResponseMessage {
  return decodeResponseMessage(decodeTtlv(bytes));
}

/** Starts a harness over a fresh store; close it in `after`. */
export async function createServerHarness(
  deps: Partial<Omit<MessageHandlerDeps, 'store' | 'logger'>> = {},
): Promise<ServerHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-pipeline-'));
  const store = await openSqliteStore({
    path: join(dir, 'keywarden.db'),
    masterKey: createAeadKey(randomBytes(32)),
  });
  let text = '';
  const logs: LogLine[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write(line: string) {
        text += line;
        logs.push(JSON.parse(line) as LogLine);
      },
    },
  });
  const handler = createMessageHandler({ store, logger, ...deps });

  const sendBytes = (bytes: Uint8Array, identity = DEFAULT_IDENTITY) =>
    handler(bytes, { identity, connectionId: 'test' });
  const send = async (request: RequestMessage | KmipItem, identity = DEFAULT_IDENTITY) => {
    const tree = 'header' in request ? encodeRequestMessage(request) : request;
    return decodeResponse(await sendBytes(encodeTtlv(tree), identity));
  };
  const sendOne = async (version: KmipVersionName, item: ItemSpec, identity?: string) => {
    const response = await send(message(version, [item]), identity);
    const [first] = response.batchItems;
    if (first === undefined || response.batchItems.length !== 1) {
      throw new Error(`expected one response item, got ${response.batchItems.length}`);
    }
    return first;
  };

  return {
    store,
    handler,
    logs,
    logText: () => text,
    send,
    sendBytes,
    sendOne,
    async createKey(options = {}) {
      const item = await sendOne(
        options.version ?? '1.4',
        createAesKey(256, options.extra),
        options.identity,
      );
      if (
        item.kind !== 'typed' ||
        item.payload === undefined ||
        !('uniqueIdentifier' in item.payload)
      ) {
        throw new Error(
          `Create failed: ${item.kind === 'invalid' ? 'invalid' : String(item.resultMessage)}`,
        );
      }
      return item.payload.uniqueIdentifier as string;
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Status, reason and Unique Identifier of a response batch item, for compact assertions. */
export function itemOutcome(item: ResponseBatchItem): {
  status: number;
  reason: number | undefined;
  id?: string;
} {
  if (item.kind === 'invalid') throw new Error('response batch item did not decode');
  const id = (item.payload as { uniqueIdentifier?: string } | undefined)?.uniqueIdentifier;
  return {
    status: item.resultStatus,
    reason: item.resultReason,
    ...(id === undefined ? {} : { id }),
  };
}
