/**
 * The request messages of the server benchmark, encoded once with our codec (TTLV, KMIP 1.2,
 * which both Keywarden and the PyKMIP 0.10 server speak) so the load generator only writes
 * bytes. Each builder returns one message; `batch` puts several operations in one message
 * (the population step uses it).
 */
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  NameType,
  ObjectType,
  Operation,
  PaddingMethod,
  RevocationReasonCode,
} from '../../src/kmip/generated/registry.ts';
import {
  decodeResponseMessage,
  decodeTtlv,
  encodeRequestMessage,
  encodeTtlv,
  type Attribute,
  type RequestBatchItem,
  type ResponseMessage,
} from '../../src/kmip/index.ts';

type Item = RequestBatchItem;

function typed(operation: keyof typeof Operation, payload: unknown): Item {
  return { kind: 'typed', operation: Operation[operation], payload } as Item;
}

/** Encodes the batch items as one KMIP 1.2 request message. */
export function encodeBatch(items: readonly Item[]): Uint8Array {
  return encodeTtlv(
    encodeRequestMessage({
      header: { protocolVersion: { major: 1, minor: 2 }, batchCount: items.length },
      // Several items need Unique Batch Item IDs to match responses (KMIP 1.x §6.4).
      batchItems:
        items.length === 1
          ? [...items]
          : items.map((item, i) => ({
              ...item,
              uniqueBatchItemId: new Uint8Array([i >> 8, i & 255]),
            })),
    }),
  );
}

function aesAttributes(name: string | undefined): Attribute[] {
  const attributes: Attribute[] = [
    { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
    { name: 'CryptographicLength', value: 256 },
    {
      name: 'CryptographicUsageMask',
      value: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
    },
  ];
  if (name !== undefined) {
    attributes.push({
      name: 'Name',
      value: { value: name, type: NameType.UninterpretedTextString },
    } as Attribute);
  }
  return attributes;
}

/** Create of an AES-256 key (Pre-Active), named when `name` is given. */
export function createItem(name?: string): Item {
  return typed('Create', {
    objectType: ObjectType.SymmetricKey,
    attributes: { attributes: aesAttributes(name) },
  });
}

/** One-operation request messages, by phase. */
export const requestFor = {
  create: (): Uint8Array => encodeBatch([createItem()]),
  get: (id: string): Uint8Array => encodeBatch([typed('Get', { uniqueIdentifier: id })]),
  locateByName: (name: string): Uint8Array =>
    encodeBatch([
      typed('Locate', {
        attributes: [
          { name: 'Name', value: { value: name, type: NameType.UninterpretedTextString } },
        ],
      }),
    ]),
  activate: (id: string): Uint8Array => encodeBatch([typed('Activate', { uniqueIdentifier: id })]),
  encrypt: (id: string, data: Uint8Array, iv: Uint8Array): Uint8Array =>
    encodeBatch([
      typed('Encrypt', {
        uniqueIdentifier: id,
        cryptographicParameters: {
          blockCipherMode: BlockCipherMode.CBC,
          paddingMethod: PaddingMethod.PKCS5,
          cryptographicAlgorithm: CryptographicAlgorithm.AES,
        },
        data,
        ivCounterNonce: iv,
      }),
    ]),
  revoke: (id: string): Uint8Array =>
    encodeBatch([
      typed('Revoke', {
        uniqueIdentifier: id,
        revocationReason: { code: RevocationReasonCode.CessationOfOperation },
      }),
    ]),
  destroy: (id: string): Uint8Array => encodeBatch([typed('Destroy', { uniqueIdentifier: id })]),
  discoverVersions: (): Uint8Array => encodeBatch([typed('DiscoverVersions', {})]),
};

/** The outcome of one response message: per batch item, success and returned identifier. */
export interface ResponseOutcome {
  readonly ok: boolean;
  /** The first failing item's Result Reason and Message. */
  readonly failure?: string;
  /** Unique Identifiers returned by the items, in order (Create, Locate...). */
  readonly ids: string[];
}

/** Decodes a response message enough to know whether every item succeeded. */
export function readOutcome(bytes: Uint8Array): ResponseOutcome {
  const message: ResponseMessage = decodeResponseMessage(decodeTtlv(bytes));
  const ids: string[] = [];
  for (const item of message.batchItems) {
    if (item.kind === 'invalid') return { ok: false, failure: 'undecodable batch item', ids };
    if (item.resultStatus !== 0) {
      return {
        ok: false,
        failure: `reason ${item.resultReason ?? '?'}: ${item.resultMessage ?? ''}`,
        ids,
      };
    }
    const payload = (item as { payload?: Record<string, unknown> }).payload;
    const id = payload?.['uniqueIdentifier'];
    if (typeof id === 'string') ids.push(id);
    const many = payload?.['uniqueIdentifiers'];
    if (Array.isArray(many)) for (const v of many) if (typeof v === 'string') ids.push(v);
  }
  return { ok: true, ids };
}
