/** ReKeyKeyPair (KMIP 1.1+; 1.4 §4.5, 2.1 §6.1.40): replace a key pair. */
import type { KmipItem } from '../../item.ts';
import { Tag } from '../../generated/registry.ts';
import { templateAttribute, type AttributeSet } from '../attributes.ts';
import { anyItem, interval, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import {
  attributeSetFields,
  COMMON_ATTRIBUTES,
  PRIVATE_KEY_ATTRIBUTES,
  PUBLIC_KEY_ATTRIBUTES,
} from './shared.ts';

/** ReKeyKeyPair request. */
export interface ReKeyKeyPairRequest extends Extensible {
  readonly privateKeyUniqueIdentifier?: UniqueIdentifierValue;
  readonly offset?: number;
  readonly commonAttributes?: AttributeSet;
  readonly privateKeyAttributes?: AttributeSet;
  readonly publicKeyAttributes?: AttributeSet;
  /** KMIP 2.0+, kept as items. */
  readonly commonProtectionStorageMasks?: KmipItem;
  readonly privateProtectionStorageMasks?: KmipItem;
  readonly publicProtectionStorageMasks?: KmipItem;
}
/** ReKeyKeyPair response. */
export interface ReKeyKeyPairResponse extends Extensible {
  readonly privateKeyUniqueIdentifier: UniqueIdentifierValue;
  readonly publicKeyUniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x: attributes the server set implicitly. */
  readonly privateKeyAttributes?: AttributeSet;
  readonly publicKeyAttributes?: AttributeSet;
}
/** Schema of {@link ReKeyKeyPairRequest}. */
export const reKeyKeyPairRequestSchema = defineStruct<ReKeyKeyPairRequest>(
  'RequestPayload',
  (f) => [
    f.opt('privateKeyUniqueIdentifier', Tag.PrivateKeyUniqueIdentifier, uniqueIdentifier),
    f.opt('offset', Tag.Offset, interval),
    ...attributeSetFields(f, 'commonAttributes', COMMON_ATTRIBUTES, true),
    ...attributeSetFields(f, 'privateKeyAttributes', PRIVATE_KEY_ATTRIBUTES, true),
    ...attributeSetFields(f, 'publicKeyAttributes', PUBLIC_KEY_ATTRIBUTES, true),
    f.opt('commonProtectionStorageMasks', Tag.CommonProtectionStorageMasks, anyItem),
    f.opt('privateProtectionStorageMasks', Tag.PrivateProtectionStorageMasks, anyItem),
    f.opt('publicProtectionStorageMasks', Tag.PublicProtectionStorageMasks, anyItem),
  ],
);
/** Schema of {@link ReKeyKeyPairResponse}. */
export const reKeyKeyPairResponseSchema = defineStruct<ReKeyKeyPairResponse>(
  'ResponsePayload',
  (f) => [
    f.one('privateKeyUniqueIdentifier', Tag.PrivateKeyUniqueIdentifier, uniqueIdentifier),
    f.one('publicKeyUniqueIdentifier', Tag.PublicKeyUniqueIdentifier, uniqueIdentifier),
    f.opt('privateKeyAttributes', Tag.PrivateKeyTemplateAttribute, templateAttribute),
    f.opt('publicKeyAttributes', Tag.PublicKeyTemplateAttribute, templateAttribute),
  ],
);
