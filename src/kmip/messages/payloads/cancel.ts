/** Cancel (KMIP 1.4 §4.27, 2.1 §6.1.5): cancel an asynchronous operation. */
import { Tag } from '../../generated/registry.ts';
import { byteString, enumeration } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Cancel request. */
export interface CancelRequest extends Extensible {
  readonly asynchronousCorrelationValue: Uint8Array;
}
/** Cancel response. */
export interface CancelResponse extends Extensible {
  readonly asynchronousCorrelationValue: Uint8Array;
  /** `CancellationResult` value. */
  readonly cancellationResult: number;
}
/** Schema of {@link CancelRequest}. */
export const cancelRequestSchema = defineStruct<CancelRequest>('RequestPayload', (f) => [
  f.one('asynchronousCorrelationValue', Tag.AsynchronousCorrelationValue, byteString),
]);
/** Schema of {@link CancelResponse}. */
export const cancelResponseSchema = defineStruct<CancelResponse>('ResponsePayload', (f) => [
  f.one('asynchronousCorrelationValue', Tag.AsynchronousCorrelationValue, byteString),
  f.one('cancellationResult', Tag.CancellationResult, enumeration),
]);
