/**
 * Export (KMIP 1.4 §4.31, 2.1 §6.1.18): a managed object with all its attributes; Key Format
 * Type, Key Wrap Type, Key Compression Type and Key Wrapping Specification mean what they
 * mean for Get. KMIP 1.4 carries the attributes in a Template-Attribute, 2.x in Attributes.
 */
import { Tag } from '../../generated/registry.ts';
import type { AttributeSet } from '../attributes.ts';
import { enumeration, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { managedObject, MANAGED_OBJECT_TAGS, type ManagedObject } from '../objects.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { getRequestSchema, type GetRequest } from './get.ts';
import { attributeSetFields, MAIN_ATTRIBUTES } from './shared.ts';

/** Export request: the fields of a Get request. */
export type ExportRequest = GetRequest;
/** Export response. */
export interface ExportResponse extends Extensible {
  readonly objectType: number;
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly attributes: AttributeSet;
  readonly object: ManagedObject;
}
/** Schema of {@link ExportRequest}. */
export const exportRequestSchema = getRequestSchema;
/** Schema of {@link ExportResponse}. */
export const exportResponseSchema = defineStruct<ExportResponse>('ResponsePayload', (f) => [
  f.one('objectType', Tag.ObjectType, enumeration),
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, false),
  f.choice('object', MANAGED_OBJECT_TAGS, managedObject),
]);
