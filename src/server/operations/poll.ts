/**
 * Poll (KMIP 1.4 §4.28, 2.1 §6.1.36): the result of an operation the server answered
 * asynchronously, named by its Asynchronous Correlation Value. There never is one
 * (asynchronous.ts): every Poll fails with Invalid Asynchronous Correlation Value (1.x: Item
 * Not Found).
 */
import type { PollRequest } from '../../kmip/messages/payloads/poll.ts';
import { noOutstandingOperation } from './asynchronous.ts';
import type { OperationContext } from './context.ts';

/** Poll: always fails, since the server never leaves an operation outstanding. */
export async function poll(request: PollRequest, ctx: OperationContext): Promise<never> {
  noOutstandingOperation(
    'poll for an asynchronous operation',
    request.asynchronousCorrelationValue,
    ctx,
  );
}
