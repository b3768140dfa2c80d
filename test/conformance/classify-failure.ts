/**
 * Sorts a failed case by cause, from its first mismatch: a missing operation, an error the
 * server gave where the case expects success (and the reverse), a wrong Result Reason, an
 * attribute listing that differs, a header difference, and so on.
 */
import type { CaseFailure } from './run-case.ts';

/** A failure cause: a short, stable label the report counts by. */
export function classifyFailure(failure: CaseFailure): string {
  const { mismatch, actualResult } = failure;
  if (mismatch === undefined) return `no response (${failure.error ?? 'unknown'})`;
  const batch = /BatchItem\[(\d+)\]/.exec(mismatch.path);
  const operation = failure.operations[Number(batch?.[1] ?? 0)] ?? failure.operations[0] ?? '?';
  const last = mismatch.path.split('/').pop() ?? '';
  if (mismatch.path.includes('/ResponseHeader/')) return `response header: ${last}`;
  if (last === 'ResultStatus') {
    if (actualResult?.reason === 'OperationNotSupported') return `missing operation: ${operation}`;
    if (mismatch.expected.endsWith('=OperationPending'))
      return 'asynchronous operation (Operation Pending)';
    if (mismatch.expected.endsWith('=Success')) {
      return `unexpected error: ${operation} → ${actualResult?.reason ?? actualResult?.status ?? '?'}`;
    }
    return `error expected, ${operation} succeeded`;
  }
  if (last === 'ResultReason') return `error reason mismatch: ${operation}`;
  if (failure.listing !== undefined) {
    const { missing, extra, isOrderOnly } = failure.listing;
    if (isOrderOnly) return `attribute listing: same attributes, other order (${operation})`;
    if (missing.length > 0) return `attribute listing: attributes missing (${operation})`;
    if (extra.length > 0) return `attribute listing: extra attributes (${operation})`;
    return `attribute value: ${operation}`;
  }
  if (operation === 'GetAttributes' || operation === 'GetAttributeList') {
    return `attribute value: ${operation}`;
  }
  if (operation === 'Query' && mismatch.actual === '(not listed)') {
    return `server does not support what the case needs: ${last}`;
  }
  if (operation === 'Query' || operation === 'DiscoverVersions') {
    return `server capability listing: ${operation}`;
  }
  return `payload mismatch: ${operation}`;
}
