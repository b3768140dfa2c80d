/**
 * Cancel (KMIP 1.4 §4.27, 2.1 §6.1.5): cancel an operation the server answered
 * asynchronously, named by its Asynchronous Correlation Value. There never is one
 * (asynchronous.ts): every Cancel fails with Invalid Asynchronous Correlation Value (1.x:
 * Item Not Found).
 */
import type { CancelRequest } from '../../kmip/messages/payloads/cancel.ts';
import { noOutstandingOperation } from './asynchronous.ts';
import type { OperationContext } from './context.ts';

/** Cancel: always fails, since the server never leaves an operation outstanding. */
export async function cancel(request: CancelRequest, ctx: OperationContext): Promise<never> {
  noOutstandingOperation(
    'cancel of an asynchronous operation',
    request.asynchronousCorrelationValue,
    ctx,
  );
}
