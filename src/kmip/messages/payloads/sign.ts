/** Sign (KMIP 1.4 §4.31, 2.1 §6.1.52): sign data or a digest (Digested Data, 1.4+). */
import { Tag } from '../../generated/registry.ts';
import { boolean, byteString, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { cryptographicParameters, type CryptographicParameters } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Sign request. */
export interface SignRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly digestedData?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
}
/** Sign response. */
export interface SignResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly signatureData?: Uint8Array;
  readonly correlationValue?: Uint8Array;
}
/** Schema of {@link SignRequest}. */
export const signRequestSchema = defineStruct<SignRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
  f.opt('data', Tag.Data, byteString),
  f.opt('digestedData', Tag.DigestedData, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
  f.opt('initIndicator', Tag.InitIndicator, boolean),
  f.opt('finalIndicator', Tag.FinalIndicator, boolean),
]);
/** Schema of {@link SignResponse}. */
export const signResponseSchema = defineStruct<SignResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('signatureData', Tag.SignatureData, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
]);
