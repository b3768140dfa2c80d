/** RNGSeed (KMIP 1.3+; 1.4 §4.36, 2.1 §6.1.42): seed the server's RNG. */
import { Tag } from '../../generated/registry.ts';
import { byteString, integer } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** RNGSeed request. */
export interface RngSeedRequest extends Extensible {
  readonly data: Uint8Array;
}
/** RNGSeed response: how many bytes were used. */
export interface RngSeedResponse extends Extensible {
  readonly dataLength: number;
}
/** Schema of {@link RngSeedRequest}. */
export const rngSeedRequestSchema = defineStruct<RngSeedRequest>('RequestPayload', (f) => [
  f.one('data', Tag.Data, byteString),
]);
/** Schema of {@link RngSeedResponse}. */
export const rngSeedResponseSchema = defineStruct<RngSeedResponse>('ResponsePayload', (f) => [
  f.one('dataLength', Tag.DataLength, integer),
]);
