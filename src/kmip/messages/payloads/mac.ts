/** MAC (KMIP 1.4 §4.33, 2.1 §6.1.33). */
import { Tag } from '../../generated/registry.ts';
import { boolean, byteString, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { cryptographicParameters, type CryptographicParameters } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** MAC request. */
export interface MacRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
}
/** MAC response. */
export interface MacResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly macData?: Uint8Array;
  readonly correlationValue?: Uint8Array;
}
/** Schema of {@link MacRequest}. */
export const macRequestSchema = defineStruct<MacRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
  f.opt('data', Tag.Data, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
  f.opt('initIndicator', Tag.InitIndicator, boolean),
  f.opt('finalIndicator', Tag.FinalIndicator, boolean),
]);
/** Schema of {@link MacResponse}. */
export const macResponseSchema = defineStruct<MacResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('macData', Tag.MACData, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
]);
