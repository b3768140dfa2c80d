/** MACVerify (KMIP 1.4 §4.34, 2.1 §6.1.34). */
import { Tag } from '../../generated/registry.ts';
import {
  boolean,
  byteString,
  enumeration,
  uniqueIdentifier,
  type UniqueIdentifierValue,
} from '../codecs.ts';
import { cryptographicParameters, type CryptographicParameters } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** MACVerify request. */
export interface MacVerifyRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly macData?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
}
/** MACVerify response. */
export interface MacVerifyResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** `ValidityIndicator` value; absent in the intermediate responses of a stream (KMIP 1.3+). */
  readonly validityIndicator?: number;
  readonly correlationValue?: Uint8Array;
}
/** Schema of {@link MacVerifyRequest}. */
export const macVerifyRequestSchema = defineStruct<MacVerifyRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
  f.opt('data', Tag.Data, byteString),
  f.opt('macData', Tag.MACData, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
  f.opt('initIndicator', Tag.InitIndicator, boolean),
  f.opt('finalIndicator', Tag.FinalIndicator, boolean),
]);
/** Schema of {@link MacVerifyResponse}. */
export const macVerifyResponseSchema = defineStruct<MacVerifyResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('validityIndicator', Tag.ValidityIndicator, enumeration),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
]);
