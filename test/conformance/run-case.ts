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
import { CaseState, type LeafItem } from './case-state.ts';
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
  /** With `keepGoing`: the first mismatch of each later message. */
  readonly later?: readonly CaseFailure[];
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

/** Diagnostic switches (never used for the report or the ratchet). */
export interface RunCaseOptions {
  /** Go on after a mismatch and record the first mismatch of every later message too. */
  readonly keepGoing?: boolean;
  /** Leave out the exchanges whose operations are all in this set (e.g. `Interop`). */
  readonly skipOperations?: ReadonlySet<string>;
}

/**
 * Replays a prerequisite case on `client` to leave its objects behind; its own responses
 * bind its identifiers but are not judged.
 */
async function runSetup(client: KmipTlsClient, exchanges: readonly CaseExchange[]): Promise<void> {
  const state = new CaseState();
  for (const { request, response } of exchanges) {
    const bytes = encodeTtlv(substituteRequest(request, state, new Date()));
    const actual = decodeTtlv(await withTimeout(client.exchange(bytes)));
    matchMessage(response, actual, state);
    state.noteResponse(actual);
  }
}

/** Replays `exchanges` against `address` with `credentials`, after the `setup` exchanges. */
export async function runCase(
  exchanges: readonly CaseExchange[],
  address: ServerAddress,
  credentials: ClientCredentials,
  options: RunCaseOptions = {},
  setup: readonly CaseExchange[] = [],
): Promise<CaseOutcome> {
  const client = await KmipTlsClient.connect(address, credentials);
  const failures: CaseFailure[] = [];
  try {
    await runSetup(client, setup);
    const state = new CaseState();
    for (const [index, { request, response }] of exchanges.entries()) {
      const operations = operationsIn(request);
      if (operations.every((op) => options.skipOperations?.has(op) === true)) continue;
      forgetStreamIfNew(request, response, state);
      const bytes = encodeTtlv(substituteRequest(request, state, new Date()));
      let actual: KmipItem;
      try {
        actual = decodeTtlv(await withTimeout(client.exchange(bytes)));
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        failures.push({ exchange: index + 1, operations, error: text });
        break;
      }
      const mismatch = matchMessage(response, actual, state);
      state.noteResponse(actual);
      if (mismatch === undefined) continue;
      const actualResult = firstFailure(actual);
      const listing = listingDiffAt(mismatch, response, actual);
      failures.push({
        exchange: index + 1,
        operations,
        mismatch,
        ...(actualResult === undefined ? {} : { actualResult }),
        ...(listing === undefined ? {} : { listing }),
      });
      if (options.keepGoing !== true) break;
    }
  } finally {
    client.destroy();
  }
  const [first, ...later] = failures;
  if (first === undefined) return { passed: true };
  return { passed: false, failure: later.length === 0 ? first : { ...first, later } };
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

/**
 * A request without a Correlation Value starts a new stream (KMIP 1.3 §4.29): the Correlation
 * Value of its response is a new server choice even where the case reuses one placeholder for
 * two streams (TC-STREAM-ENC-1, -ENCDEC-1, -MAC-1).
 */
function forgetStreamIfNew(request: KmipItem, response: KmipItem, state: CaseState): void {
  if (leavesOf(request, Tag.CorrelationValue).length > 0) return;
  for (const leaf of leavesOf(response, Tag.CorrelationValue)) state.unbind(leaf);
}

function leavesOf(item: KmipItem, tag: number): LeafItem[] {
  if (item.type !== 'Structure') return item.tag === tag ? [item] : [];
  return item.value.flatMap((child) => leavesOf(child, tag));
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
