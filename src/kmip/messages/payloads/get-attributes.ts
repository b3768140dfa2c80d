/** GetAttributes (KMIP 1.4 §4.12, 2.1 §6.1.24): attribute values of one object. */
import { Tag } from '../../generated/registry.ts';
import { attributeListV2, attributeV1, type Attribute } from '../attributes.ts';
import { uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { attributeNameListFields } from './shared.ts';

/** GetAttributes request: no names means all attributes. */
export interface GetAttributesRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** Normalized names (1.x Attribute Name, 2.x Attribute Reference). */
  readonly attributeNames?: readonly string[];
}
/** GetAttributes response. */
export interface GetAttributesResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** 1.x: Attribute structures (none: absent); 2.x: the Attributes structure (required). */
  readonly attributes?: readonly Attribute[];
}
/** Schema of {@link GetAttributesRequest}. */
export const getAttributesRequestSchema = defineStruct<GetAttributesRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    ...attributeNameListFields(f, 'attributeNames'),
  ],
);
/** Schema of {@link GetAttributesResponse}. */
export const getAttributesResponseSchema = defineStruct<GetAttributesResponse>(
  'ResponsePayload',
  (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.many('attributes', Tag.Attribute, attributeV1, { until: '1.4' }),
    f.one('attributes', Tag.Attributes, attributeListV2),
  ],
);
