/**
 * A prepared operation: the typed request payload of one batch item and how to turn its
 * response payload into the method's result. KmipClient sends one alone or several as a batch.
 */
import type { KnownOperationName, OperationPayloads } from '../../kmip/index.ts';

/**
 * One operation ready to send; `R` is what the client method resolves with. The payload
 * types are checked where it is built ({@link prepare}) and erased here, so that operations
 * of different kinds go into one batch.
 */
export interface PreparedOperation<R> {
  readonly operation: KnownOperationName;
  readonly payload: unknown;
  /** Builds the result from the decoded response payload (absent when the server sent none). */
  readonly parse: (payload: unknown) => R;
}

/** The result type of a prepared operation. */
export type ResultOf<P> = P extends PreparedOperation<infer R> ? R : never;

/** Prepares an operation (a typed identity function: it checks payload and parser agree). */
export function prepare<K extends KnownOperationName, R>(
  operation: K,
  payload: OperationPayloads[K]['request'],
  parse: (payload: OperationPayloads[K]['response'] | undefined) => R,
): PreparedOperation<R> {
  return {
    operation,
    payload,
    parse: parse as (payload: unknown) => R,
  };
}

// Read-only operations: sending one twice changes nothing on the server (retry-safe).
const IDEMPOTENT: ReadonlySet<string> = new Set([
  'Get',
  'GetAttributes',
  'GetAttributeList',
  'Locate',
  'Query',
  'DiscoverVersions',
]);

/** True when every operation of a batch may be sent again after a broken connection. */
export function isIdempotentBatch(operations: readonly { readonly operation: string }[]): boolean {
  return operations.every((op) => IDEMPOTENT.has(op.operation));
}
