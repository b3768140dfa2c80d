/** SignatureVerify (KMIP 1.4 §4.32, 2.1 §6.1.53). */
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

/** SignatureVerify request. */
export interface SignatureVerifyRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly digestedData?: Uint8Array;
  readonly signatureData?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
}
/** SignatureVerify response. */
export interface SignatureVerifyResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** `ValidityIndicator` value; absent in the intermediate responses of a stream (KMIP 1.3+). */
  readonly validityIndicator?: number;
  readonly data?: Uint8Array;
  readonly correlationValue?: Uint8Array;
}
/** Schema of {@link SignatureVerifyRequest}. */
export const signatureVerifyRequestSchema = defineStruct<SignatureVerifyRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.opt('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
    f.opt('data', Tag.Data, byteString),
    f.opt('digestedData', Tag.DigestedData, byteString),
    f.opt('signatureData', Tag.SignatureData, byteString),
    f.opt('correlationValue', Tag.CorrelationValue, byteString),
    f.opt('initIndicator', Tag.InitIndicator, boolean),
    f.opt('finalIndicator', Tag.FinalIndicator, boolean),
  ],
);
/** Schema of {@link SignatureVerifyResponse}. */
export const signatureVerifyResponseSchema = defineStruct<SignatureVerifyResponse>(
  'ResponsePayload',
  (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.opt('validityIndicator', Tag.ValidityIndicator, enumeration),
    f.opt('data', Tag.Data, byteString),
    f.opt('correlationValue', Tag.CorrelationValue, byteString),
  ],
);
