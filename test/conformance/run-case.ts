/**
 * Replays one test case over its own mutual-TLS connection: each request in order, with
 * the values the server chose earlier substituted, each response compared with the
 * expected one. Stops at the first mismatch.
 */
import {
  decodeTtlv,
  encodeTtlv,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
  type KmipItem,
} from '../../src/kmip/index.ts';
import {
  KmipTlsClient,
  type ClientCredentials,
  type ServerAddress,
} from '../interop/server/kmip-tls-client.ts';
import type { CaseExchange } from './case-catalog.ts';
import { CaseState } from './case-state.ts';
import { diffListings, type ListingDiff } from './listing-diff.ts';
import { matchMessage, substituteRequest, type Mismatch } from './matcher.ts';

/** The first thing that went wrong in a case. */
export interface CaseFailure {
  /** 1-based index of the request/response pair. */
  readonly exchange: number;
  /** Operations of the request (one per batch item). */
  readonly operations: readonly string[];
  /** The mismatch, or undefined when no response came (`error` says why). */
  readonly mismatch?: Mismatch;
  readonly error?: string;
  /** For an attribute listing that differs: what is missing, added, or only reordered. */
  readonly listing?: ListingDiff;
  /** Result Status / Reason / Message of the first failed batch item of the actual response. */
  readonly actualResult?: {
    readonly status: string;
    readonly reason?: string;
    readonly message?: string;
  };
}

/** Outcome of one replay. */
export type CaseOutcome =
  { readonly passed: true } | { readonly passed: false; readonly failure: CaseFailure };

const RESPONSE_TIMEOUT_MS = 15_000;

/** Replays `exchanges` against `address` with `credentials`. */
export async function runCase(
  exchanges: readonly CaseExchange[],
  address: ServerAddress,
  credentials: ClientCredentials,
): Promise<CaseOutcome> {
  const client = await KmipTlsClient.connect(address, credentials);
  try {
    const state = new CaseState();
    for (const [index, { request, response }] of exchanges.entries()) {
      const operations = operationsIn(request);
      const bytes = encodeTtlv(substituteRequest(request, state, new Date()));
      let actual: KmipItem;
      try {
        actual = decodeTtlv(await withTimeout(client.exchange(bytes)));
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        return { passed: false, failure: { exchange: index + 1, operations, error: text } };
      }
      const mismatch = matchMessage(response, actual, state);
      if (mismatch !== undefined) {
        const actualResult = firstFailure(actual);
        const listing = listingDiffAt(mismatch, response, actual);
        return {
          passed: false,
          failure: {
            exchange: index + 1,
            operations,
            mismatch,
            ...(actualResult === undefined ? {} : { actualResult }),
            ...(listing === undefined ? {} : { listing }),
          },
        };
      }
    }
    return { passed: true };
  } finally {
    client.destroy();
  }
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no response within ${RESPONSE_TIMEOUT_MS} ms`)),
      RESPONSE_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const operationNames = new Map<number, string>(Object.entries(Operation).map(([k, v]) => [v, k]));
const statusNames = new Map<number, string>(Object.entries(ResultStatus).map(([k, v]) => [v, k]));
const reasonNames = new Map<number, string>(Object.entries(ResultReason).map(([k, v]) => [v, k]));

/** Name of an Operation enumeration value. */
export function operationName(value: number): string {
  return operationNames.get(value) ?? `0x${value.toString(16)}`;
}

function children(node: KmipItem | undefined, tag: number): KmipItem[] {
  return node?.type === 'Structure' ? node.value.filter((c) => c.tag === tag) : [];
}

function operationsIn(message: KmipItem): string[] {
  return children(message, Tag.BatchItem).flatMap((batchItem) =>
    children(batchItem, Tag.Operation).map((op) =>
      op.type === 'Enumeration' ? operationName(op.value) : '?',
    ),
  );
}

/** The listing difference when a mismatch lies inside a Get Attributes (List) payload. */
function listingDiffAt(
  mismatch: Mismatch,
  expected: KmipItem,
  actual: KmipItem,
): ListingDiff | undefined {
  if (!mismatch.path.includes('/ResponsePayload')) return undefined;
  const index = Number(/BatchItem\[(\d+)\]/.exec(mismatch.path)?.[1] ?? 0);
  const payloadOf = (message: KmipItem) => {
    const batchItem = children(message, Tag.BatchItem)[index];
    const [op] = children(batchItem, Tag.Operation);
    const isListing =
      op?.type === 'Enumeration' &&
      (op.value === Operation.GetAttributes || op.value === Operation.GetAttributeList);
    return isListing ? children(batchItem, Tag.ResponsePayload)[0] : undefined;
  };
  const e = payloadOf(expected);
  const a = payloadOf(actual);
  return e === undefined || a === undefined ? undefined : diffListings(e, a);
}

function firstFailure(response: KmipItem): CaseFailure['actualResult'] {
  for (const batchItem of children(response, Tag.BatchItem)) {
    const [status] = children(batchItem, Tag.ResultStatus);
    if (status?.type !== 'Enumeration' || status.value === ResultStatus.Success) continue;
    const [reason] = children(batchItem, Tag.ResultReason);
    const [message] = children(batchItem, Tag.ResultMessage);
    return {
      status: statusNames.get(status.value) ?? String(status.value),
      ...(reason?.type === 'Enumeration'
        ? { reason: reasonNames.get(reason.value) ?? String(reason.value) }
        : {}),
      ...(message?.type === 'TextString' ? { message: message.value } : {}),
    };
  }
  return undefined;
}
