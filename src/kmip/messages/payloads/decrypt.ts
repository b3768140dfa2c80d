/** Decrypt (KMIP 1.4 §4.30, 2.1 §6.1.12), including streaming (1.3+). */
import { Tag } from '../../generated/registry.ts';
import { boolean, byteString, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { cryptographicParameters, type CryptographicParameters } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Decrypt request. */
export interface DecryptRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly ivCounterNonce?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
  /** KMIP 1.4+. */
  readonly authenticatedEncryptionAdditionalData?: Uint8Array;
  readonly authenticatedEncryptionTag?: Uint8Array;
}
/** Decrypt response. */
export interface DecryptResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly data?: Uint8Array;
  readonly correlationValue?: Uint8Array;
}
/** Schema of {@link DecryptRequest}. */
export const decryptRequestSchema = defineStruct<DecryptRequest>('RequestPayload', (f) => [
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
  f.opt('authenticatedEncryptionTag', Tag.AuthenticatedEncryptionTag, byteString),
]);
/** Schema of {@link DecryptResponse}. */
export const decryptResponseSchema = defineStruct<DecryptResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('data', Tag.Data, byteString),
  f.opt('correlationValue', Tag.CorrelationValue, byteString),
]);
