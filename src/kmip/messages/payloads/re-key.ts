/** ReKey (KMIP 1.4 §4.4, 2.1 §6.1.39): replace a symmetric key with a new one. */
import type { KmipItem } from '../../item.ts';
import { Tag } from '../../generated/registry.ts';
import { templateAttribute, type AttributeSet } from '../attributes.ts';
import { anyItem, interval, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { attributeSetFields, MAIN_ATTRIBUTES } from './shared.ts';

/** ReKey request. */
export interface ReKeyRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** Seconds between the old key's Initial Date and the new key's Activation Date. */
  readonly offset?: number;
  readonly attributes?: AttributeSet;
  /** KMIP 2.0+, kept as an item. */
  readonly protectionStorageMasks?: KmipItem;
}
/** ReKey response. */
export interface ReKeyResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x: attributes the server set implicitly. */
  readonly attributes?: AttributeSet;
}
/** Schema of {@link ReKeyRequest}. */
export const reKeyRequestSchema = defineStruct<ReKeyRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('offset', Tag.Offset, interval),
  ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, true),
  f.opt('protectionStorageMasks', Tag.ProtectionStorageMasks, anyItem),
]);
/** Schema of {@link ReKeyResponse}. */
export const reKeyResponseSchema = defineStruct<ReKeyResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('attributes', Tag.TemplateAttribute, templateAttribute),
]);
