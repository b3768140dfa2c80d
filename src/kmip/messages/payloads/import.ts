/**
 * Import (KMIP 1.4 §4.32, 2.1 §6.1.25): create, or with Replace Existing replace, the object
 * with the given Unique Identifier, with all the attributes given. KMIP 1.4 carries the
 * attributes in a Template-Attribute, 2.x in Attributes.
 */
import { Tag } from '../../generated/registry.ts';
import type { AttributeSet } from '../attributes.ts';
import { boolean, enumeration, textString } from '../codecs.ts';
import { managedObject, MANAGED_OBJECT_TAGS, type ManagedObject } from '../objects.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import {
  attributeSetFields,
  MAIN_ATTRIBUTES,
  uniqueIdentifierResponseSchema,
  type UniqueIdentifierResponse,
} from './shared.ts';

/** Import request. */
export interface ImportRequest extends Extensible {
  readonly uniqueIdentifier: string;
  readonly objectType: number;
  readonly replaceExisting?: boolean;
  /** `KeyWrapType` value; present if and only if the key is wrapped. */
  readonly keyWrapType?: number;
  readonly attributes: AttributeSet;
  readonly object: ManagedObject;
}
/** Import response. */
export type ImportResponse = UniqueIdentifierResponse;
/** Schema of {@link ImportRequest}. */
export const importRequestSchema = defineStruct<ImportRequest>('RequestPayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, textString),
  f.one('objectType', Tag.ObjectType, enumeration),
  f.opt('replaceExisting', Tag.ReplaceExisting, boolean),
  f.opt('keyWrapType', Tag.KeyWrapType, enumeration),
  ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, false),
  f.choice('object', MANAGED_OBJECT_TAGS, managedObject),
]);
/** Schema of {@link ImportResponse}. */
export const importResponseSchema = uniqueIdentifierResponseSchema;
