/**
 * A transport that serves recorded responses instead of talking to a server, for offline
 * tests: cases are served in the order they were recorded; each request must carry the
 * same operations as its case, and the response's Unique Batch Item IDs are rewritten to
 * the request's so that the client matches them up.
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import {
  decodeTtlv,
  encodeTtlv,
  enumValueEntry,
  hexToBytes,
  Tag,
  type KmipItem,
} from '../../kmip/index.ts';
import {
  AuthError,
  ClientUsageError,
  ConnectionError,
  ProtocolError,
  TimeoutError,
} from '../errors.ts';
import type { ExchangeOptions, KmipTransport } from '../transport.ts';
import type { RecordedCase } from './yaml-recorder.ts';

function children(item: KmipItem | undefined): readonly KmipItem[] {
  return item?.type === 'Structure' ? item.value : [];
}

function batchItems(message: KmipItem): readonly KmipItem[] {
  return children(message).filter((child) => child.tag === Tag.BatchItem);
}

function operationsOf(message: KmipItem): string[] {
  return batchItems(message).map((batchItem) => {
    const op = children(batchItem).find((c) => c.tag === Tag.Operation);
    if (op?.type !== 'Enumeration') return '?';
    return enumValueEntry('Operation', op.value)?.name ?? String(op.value);
  });
}

function batchId(batchItem: KmipItem): KmipItem | undefined {
  return children(batchItem).find((c) => c.tag === Tag.UniqueBatchItemID);
}

/** Replaces the response's batch item IDs with the request's, item by item. */
function withRequestIds(response: KmipItem, request: KmipItem): KmipItem {
  const ids = batchItems(request).map(batchId);
  let index = 0;
  const value = children(response).map((child) => {
    if (child.tag !== Tag.BatchItem) return child;
    const id = ids[index++];
    const rest = children(child).filter((c) => c.tag !== Tag.UniqueBatchItemID);
    // KMIP 1.4 §7.2: the Unique Batch Item ID follows the Operation in a response batch item.
    const at = rest.findIndex((c) => c.tag === Tag.Operation) + 1;
    const items = id === undefined ? rest : [...rest.slice(0, at), id, ...rest.slice(at)];
    return { ...child, value: items } as KmipItem;
  });
  return { ...response, value } as KmipItem;
}

function replayError(recorded: { code: string; message: string }): Error {
  const address = { host: 'replay', port: 0 };
  switch (recorded.code) {
    case 'KW_CLIENT_TIMEOUT':
      return new TimeoutError('response', 0);
    case 'KW_CLIENT_AUTH':
      return new AuthError('chain', recorded.message);
    case 'KW_CLIENT_PROTOCOL':
      return new ProtocolError(recorded.message);
    default:
      return new ConnectionError(address, recorded.message, { wasSent: true });
  }
}

/** Serves recorded cases in order. */
export class ReplayTransport implements KmipTransport {
  readonly #cases: readonly RecordedCase[];
  #next = 0;

  constructor(cases: readonly RecordedCase[]) {
    this.#cases = cases;
  }

  /** Reads cases from YAML text (what YamlTestCaseRecorder writes). */
  static fromYaml(text: string): ReplayTransport {
    const parsed = load(text);
    if (!Array.isArray(parsed)) throw new ClientUsageError('replay cases must be a YAML list');
    return new ReplayTransport(parsed as RecordedCase[]);
  }

  /** Reads cases from a YAML file. */
  static fromFile(path: string): ReplayTransport {
    return ReplayTransport.fromYaml(readFileSync(path, 'utf8'));
  }

  /** Cases not served yet. */
  get remaining(): number {
    return this.#cases.length - this.#next;
  }

  async exchange(request: Uint8Array, options: ExchangeOptions): Promise<Uint8Array> {
    options.signal?.throwIfAborted();
    const recorded = this.#cases[this.#next];
    if (recorded === undefined) throw new ClientUsageError('the replay has no more cases');
    const message = decodeTtlv(request);
    const operations = operationsOf(message);
    if (operations.join('+') !== recorded.operations.join('+')) {
      throw new ClientUsageError(
        `replay mismatch at ${recorded.name}: sent ${operations.join('+')}, recorded ${recorded.operations.join('+')}`,
      );
    }
    this.#next += 1;
    if (recorded.response === undefined) {
      throw replayError(recorded.error ?? { code: 'KW_CLIENT_CONNECTION', message: 'no response' });
    }
    return encodeTtlv(withRequestIds(decodeTtlv(hexToBytes(recorded.response)), message));
  }

  async close(): Promise<void> {}
}
