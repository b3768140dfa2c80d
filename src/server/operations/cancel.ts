/**
 * Cancel (KMIP 1.4 §4.27, 2.1 §6.1.5): cancel an operation the server answered
 * asynchronously, named by its Asynchronous Correlation Value. Keywarden answers every
 * request synchronously (poll.ts), so there is never an outstanding operation to cancel.
 * Reasons: Invalid Asynchronous Correlation Value (2.x: "No outstanding operation with the
 * specified Asynchronous Correlation Value exists"); Item Not Found in KMIP 1.x, which
 * defines no reason of its own for it (the pipeline maps it down, as for Poll).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { CancelRequest } from '../../kmip/messages/payloads/cancel.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** Cancel: always fails, since the server never leaves an operation outstanding. */
export async function cancel(request: CancelRequest, ctx: OperationContext): Promise<never> {
  ctx.logger.debug(
    { asynchronousCorrelationValueLength: request.asynchronousCorrelationValue.length },
    'cancel of an asynchronous operation',
  );
  throw new KmipResultError(
    ResultReason.InvalidAsynchronousCorrelationValue,
    'no outstanding operation with this Asynchronous Correlation Value: the server answers every request synchronously',
  );
}
