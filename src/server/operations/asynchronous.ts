/**
 * Keywarden answers every request synchronously (it refuses Asynchronous Indicator Mandatory
 * and reports Asynchronous Capability false in Query), so it never hands out an Asynchronous
 * Correlation Value and no operation is ever outstanding. Poll and Cancel, which name such an
 * operation, therefore always fail with the spec's reason for that: Invalid Asynchronous
 * Correlation Value (2.x: "No outstanding operation with the specified Asynchronous
 * Correlation Value exists"); KMIP 1.x, which has no reason of its own for it, gets Item Not
 * Found (the pipeline maps it down, reason-compat.ts).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** Fails the request naming `asynchronousCorrelationValue`: nothing is outstanding. */
export function noOutstandingOperation(
  what: string,
  asynchronousCorrelationValue: Uint8Array,
  ctx: OperationContext,
): never {
  // The value is the client's bytes; its length is enough to tell requests apart in a log.
  ctx.logger.debug(
    { asynchronousCorrelationValueLength: asynchronousCorrelationValue.length },
    what,
  );
  throw new KmipResultError(
    ResultReason.InvalidAsynchronousCorrelationValue,
    'no outstanding operation with this Asynchronous Correlation Value: the server answers every request synchronously',
  );
}
