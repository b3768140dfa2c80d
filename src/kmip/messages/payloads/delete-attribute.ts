/** DeleteAttribute (KMIP 1.4 §4.16, 2.1 §6.1.15): remove an attribute instance. */
import { Tag } from '../../generated/registry.ts';
import { attributeNameText, attributeReference } from '../attribute-names.ts';
import { singleAttributeV2, type Attribute } from '../attributes.ts';
import { integer, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { singleAttributeFields } from './shared.ts';

/** DeleteAttribute request. */
export interface DeleteAttributeRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** KMIP 2.x: the exact instance to delete. */
  readonly currentAttribute?: Attribute;
  /** Normalized name: 1.x Attribute Name (required), 2.x Attribute Reference. */
  readonly attributeName?: string;
  /** KMIP 1.x: the instance to delete (default 0). */
  readonly attributeIndex?: number;
}
/** DeleteAttribute response. */
export interface DeleteAttributeResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x only: the deleted attribute. */
  readonly attribute?: Attribute;
}
/** Schema of {@link DeleteAttributeRequest}. */
export const deleteAttributeRequestSchema = defineStruct<DeleteAttributeRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.opt('currentAttribute', Tag.CurrentAttribute, singleAttributeV2),
    f.one('attributeName', Tag.AttributeName, attributeNameText, { until: '1.4' }),
    f.opt('attributeName', Tag.AttributeReference, attributeReference),
    f.opt('attributeIndex', Tag.AttributeIndex, integer),
  ],
);
/** Schema of {@link DeleteAttributeResponse}. */
export const deleteAttributeResponseSchema = defineStruct<DeleteAttributeResponse>(
  'ResponsePayload',
  (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    ...singleAttributeFields(f, 'attribute', { v1: true, v2: false }),
  ],
);
