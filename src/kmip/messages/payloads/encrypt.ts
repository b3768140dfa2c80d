/** Encrypt (KMIP 1.4 §4.29, 2.1 §6.1.20), including streaming (Init/Final Indicator, 1.3+). */
import { Tag } from '../../generated/registry.ts';
import { boolean, byteString, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { cryptographicParameters, type CryptographicParameters } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Encrypt request. */
export interface EncryptRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly ivCounterNonce?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
  /** KMIP 1.4+. */
  readonly authenticatedEncryptionAdditionalData?: Uint8Array;
}
/** Encrypt response. */
export interface EncryptResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly data?: Uint8Array;
  readonly ivCounterNonce?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  /** KMIP 1.4+. */
  readonly authenticatedEncryptionTag?: Uint8Array;
}
/** Schema of {@link EncryptRequest}. */
export const encryptRequestSchema = defineStruct<EncryptRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
  f.opt('data', Tag.Data, byteString),
  f.opt('ivCounterNonce', Tag.IVCounterNonce, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
  f.opt('initIndicator', Tag.InitIndicator, boolean),
  f.opt('finalIndicator', Tag.FinalIndicator, boolean),
  f.opt(
    'authenticatedEncryptionAdditionalData',
    Tag.AuthenticatedEncryptionAdditionalData,
    byteString,
  ),
]);
/** Schema of {@link EncryptResponse}. */
export const encryptResponseSchema = defineStruct<EncryptResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('data', Tag.Data, byteString),
  f.opt('ivCounterNonce', Tag.IVCounterNonce, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
  f.opt('authenticatedEncryptionTag', Tag.AuthenticatedEncryptionTag, byteString),
]);
