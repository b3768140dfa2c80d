/**
 * Poll (KMIP 1.4 §4.28, 2.1 §6.1.36): the result of an operation the server answered
 * asynchronously, named by its Asynchronous Correlation Value. Keywarden answers every
 * request synchronously (it refuses Asynchronous Indicator Mandatory and reports
 * Asynchronous Capability false in Query), so it never hands out a correlation value and no
 * operation is ever outstanding: every Poll fails with the spec's reason for that.
 * Reasons: Invalid Asynchronous Correlation Value (2.x: "No outstanding operation with the
 * specified Asynchronous Correlation Value exists"); KMIP 1.x, which has no reason of its
 * own for it, gets Item Not Found (the pipeline maps it down, reason-compat.ts).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { PollRequest } from '../../kmip/messages/payloads/poll.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** Poll: always fails, since the server never leaves an operation outstanding. */
export async function poll(request: PollRequest, ctx: OperationContext): Promise<never> {
  // The value is the client's bytes; its length is enough to tell requests apart in a log.
  ctx.logger.debug(
    { asynchronousCorrelationValueLength: request.asynchronousCorrelationValue.length },
    'poll for an asynchronous operation',
  );
  throw new KmipResultError(
    ResultReason.InvalidAsynchronousCorrelationValue,
    'no outstanding operation with this Asynchronous Correlation Value: the server answers every request synchronously',
  );
}
