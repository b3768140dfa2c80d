/** Hash (KMIP 1.4 §4.37, 2.1 §6.1.21). */
import { Tag } from '../../generated/registry.ts';
import { boolean, byteString } from '../codecs.ts';
import { cryptographicParameters, type CryptographicParameters } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Hash request. */
export interface HashRequest extends Extensible {
  readonly cryptographicParameters: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
}
/** Hash response. */
export interface HashResponse extends Extensible {
  readonly data?: Uint8Array;
  readonly correlationValue?: Uint8Array;
}
/** Schema of {@link HashRequest}. */
export const hashRequestSchema = defineStruct<HashRequest>('RequestPayload', (f) => [
  f.one('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
  f.opt('data', Tag.Data, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
  f.opt('initIndicator', Tag.InitIndicator, boolean),
  f.opt('finalIndicator', Tag.FinalIndicator, boolean),
]);
/** Schema of {@link HashResponse}. */
export const hashResponseSchema = defineStruct<HashResponse>('ResponsePayload', (f) => [
  f.opt('data', Tag.Data, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
]);
