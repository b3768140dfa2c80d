/** ModifyAttribute (KMIP 1.4 §4.15, 2.1 §6.1.34): change the value of an existing attribute. */
import { Tag } from '../../generated/registry.ts';
import { singleAttributeV2, type Attribute } from '../attributes.ts';
import { uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { singleAttributeFields } from './shared.ts';

/** ModifyAttribute request. */
export interface ModifyAttributeRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** KMIP 2.x: the instance to change (for multi-instance attributes). */
  readonly currentAttribute?: Attribute;
  /** 1.x Attribute (its index selects the instance), 2.x New Attribute. */
  readonly attribute: Attribute;
}
/** ModifyAttribute response. */
export interface ModifyAttributeResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x only: the attribute as modified. */
  readonly attribute?: Attribute;
}
/** Schema of {@link ModifyAttributeRequest}. */
export const modifyAttributeRequestSchema = defineStruct<ModifyAttributeRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.opt('currentAttribute', Tag.CurrentAttribute, singleAttributeV2),
    ...singleAttributeFields(f, 'attribute', { v1: true, v2: true }),
  ],
);
/** Schema of {@link ModifyAttributeResponse}. */
export const modifyAttributeResponseSchema = defineStruct<ModifyAttributeResponse>(
  'ResponsePayload',
  (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    ...singleAttributeFields(f, 'attribute', { v1: true, v2: false }),
  ],
);
