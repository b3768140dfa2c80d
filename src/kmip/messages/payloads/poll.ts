/**
 * Poll (KMIP 1.4 §4.28, 2.1 §6.1.36): ask for the result of an asynchronous operation.
 * The response payload is the original operation's, so it has no schema here: the
 * message model keeps it as a raw item (batch item kind `raw`).
 */
import { Tag } from '../../generated/registry.ts';
import { byteString } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Poll request. */
export interface PollRequest extends Extensible {
  readonly asynchronousCorrelationValue: Uint8Array;
}
/** Schema of {@link PollRequest}. */
export const pollRequestSchema = defineStruct<PollRequest>('RequestPayload', (f) => [
  f.one('asynchronousCorrelationValue', Tag.AsynchronousCorrelationValue, byteString),
]);
