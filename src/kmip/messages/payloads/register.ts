/** Register (KMIP 1.4 §4.3, 2.1 §6.1.45): store an object the client supplies. */
import type { KmipItem } from '../../item.ts';
import { Tag } from '../../generated/registry.ts';
import { templateAttribute, type AttributeSet } from '../attributes.ts';
import { anyItem, enumeration, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { managedObject, MANAGED_OBJECT_TAGS, type ManagedObject } from '../objects.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { attributeSetFields, MAIN_ATTRIBUTES } from './shared.ts';

/** Register request. */
export interface RegisterRequest extends Extensible {
  readonly objectType: number;
  readonly attributes: AttributeSet;
  readonly object: ManagedObject;
  /** KMIP 2.0+, kept as an item. */
  readonly protectionStorageMasks?: KmipItem;
}
/** Register response. */
export interface RegisterResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x: attributes the server set implicitly. */
  readonly attributes?: AttributeSet;
}
/** Schema of {@link RegisterRequest}. */
export const registerRequestSchema = defineStruct<RegisterRequest>('RequestPayload', (f) => [
  f.one('objectType', Tag.ObjectType, enumeration),
  ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, false),
  f.choice('object', MANAGED_OBJECT_TAGS, managedObject),
  f.opt('protectionStorageMasks', Tag.ProtectionStorageMasks, anyItem),
]);
/** Schema of {@link RegisterResponse}. */
export const registerResponseSchema = defineStruct<RegisterResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('attributes', Tag.TemplateAttribute, templateAttribute),
]);
