/** RNGRetrieve (KMIP 1.3+; 1.4 §4.35, 2.1 §6.1.41): random bytes from the server. */
import { Tag } from '../../generated/registry.ts';
import { byteString, integer } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** RNGRetrieve request. */
export interface RngRetrieveRequest extends Extensible {
  readonly dataLength: number;
}
/** RNGRetrieve response. */
export interface RngRetrieveResponse extends Extensible {
  readonly data: Uint8Array;
}
/** Schema of {@link RngRetrieveRequest}. */
export const rngRetrieveRequestSchema = defineStruct<RngRetrieveRequest>('RequestPayload', (f) => [
  f.one('dataLength', Tag.DataLength, integer),
]);
/** Schema of {@link RngRetrieveResponse}. */
export const rngRetrieveResponseSchema = defineStruct<RngRetrieveResponse>(
  'ResponsePayload',
  (f) => [f.one('data', Tag.Data, byteString)],
);
