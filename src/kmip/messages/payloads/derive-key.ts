/** DeriveKey (KMIP 1.4 §4.6, 2.1 §6.1.16): derive a key or secret from existing objects. */
import { Tag } from '../../generated/registry.ts';
import { templateAttribute, type AttributeSet } from '../attributes.ts';
import {
  byteString,
  enumeration,
  integer,
  uniqueIdentifier,
  type UniqueIdentifierValue,
} from '../codecs.ts';
import { cryptographicParameters, type CryptographicParameters } from '../common.ts';
import { defineStruct, struct, type Extensible } from '../schema.ts';
import { attributeSetFields, MAIN_ATTRIBUTES } from './shared.ts';

/** Derivation Parameters. */
export interface DerivationParameters extends Extensible {
  readonly cryptographicParameters?: CryptographicParameters;
  readonly initializationVector?: Uint8Array;
  readonly derivationData?: Uint8Array;
  readonly salt?: Uint8Array;
  readonly iterationCount?: number;
}
const derivationParameters = struct(
  defineStruct<DerivationParameters>('DerivationParameters', (f) => [
    f.opt('cryptographicParameters', Tag.CryptographicParameters, cryptographicParameters),
    f.opt('initializationVector', Tag.InitializationVector, byteString),
    f.opt('derivationData', Tag.DerivationData, byteString),
    f.opt('salt', Tag.Salt, byteString),
    f.opt('iterationCount', Tag.IterationCount, integer),
  ]),
);

/** DeriveKey request. */
export interface DeriveKeyRequest extends Extensible {
  readonly objectType: number;
  /** The base objects (key, secret data, ...). */
  readonly uniqueIdentifiers: readonly UniqueIdentifierValue[];
  readonly derivationMethod: number;
  readonly derivationParameters: DerivationParameters;
  readonly attributes: AttributeSet;
}
/** DeriveKey response. */
export interface DeriveKeyResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x: attributes the server set implicitly. */
  readonly attributes?: AttributeSet;
}
/** Schema of {@link DeriveKeyRequest}. */
export const deriveKeyRequestSchema = defineStruct<DeriveKeyRequest>('RequestPayload', (f) => [
  f.one('objectType', Tag.ObjectType, enumeration),
  f.many('uniqueIdentifiers', Tag.UniqueIdentifier, uniqueIdentifier, { min1: true }),
  f.one('derivationMethod', Tag.DerivationMethod, enumeration),
  f.one('derivationParameters', Tag.DerivationParameters, derivationParameters),
  ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, false),
]);
/** Schema of {@link DeriveKeyResponse}. */
export const deriveKeyResponseSchema = defineStruct<DeriveKeyResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('attributes', Tag.TemplateAttribute, templateAttribute),
]);
