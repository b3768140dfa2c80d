/** Create (KMIP 1.4 §4.1, 2.1 §6.1.6): a new symmetric key or secret object. */
import type { KmipItem } from '../../item.ts';
import { Tag } from '../../generated/registry.ts';
import { templateAttribute, type AttributeSet } from '../attributes.ts';
import { anyItem, enumeration, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { attributeSetFields, MAIN_ATTRIBUTES } from './shared.ts';

/** Create request. */
export interface CreateRequest extends Extensible {
  readonly objectType: number;
  /** 1.x Template-Attribute, 2.x Attributes. */
  readonly attributes: AttributeSet;
  /** KMIP 2.0+: Protection Storage Masks, kept as an item. */
  readonly protectionStorageMasks?: KmipItem;
}
/** Create response. */
export interface CreateResponse extends Extensible {
  readonly objectType: number;
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x: attributes the server set implicitly. */
  readonly attributes?: AttributeSet;
}
/** Schema of {@link CreateRequest}. */
export const createRequestSchema = defineStruct<CreateRequest>('RequestPayload', (f) => [
  f.one('objectType', Tag.ObjectType, enumeration),
  ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, false),
  f.opt('protectionStorageMasks', Tag.ProtectionStorageMasks, anyItem),
]);
/** Schema of {@link CreateResponse}. */
export const createResponseSchema = defineStruct<CreateResponse>('ResponsePayload', (f) => [
  f.one('objectType', Tag.ObjectType, enumeration),
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('attributes', Tag.TemplateAttribute, templateAttribute),
]);
