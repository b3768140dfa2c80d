/** AddAttribute (KMIP 1.4 §4.14, 2.1 §6.1.2): add one attribute instance to an object. */
import { Tag } from '../../generated/registry.ts';
import type { Attribute } from '../attributes.ts';
import { uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { singleAttributeFields } from './shared.ts';

/** AddAttribute request. */
export interface AddAttributeRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** 1.x Attribute, 2.x New Attribute. */
  readonly attribute: Attribute;
}
/** AddAttribute response. */
export interface AddAttributeResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x only: the attribute as added (with its index). */
  readonly attribute?: Attribute;
}
/** Schema of {@link AddAttributeRequest}. */
export const addAttributeRequestSchema = defineStruct<AddAttributeRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    ...singleAttributeFields(f, 'attribute', { v1: true, v2: true }),
  ],
);
/** Schema of {@link AddAttributeResponse}. */
export const addAttributeResponseSchema = defineStruct<AddAttributeResponse>(
  'ResponsePayload',
  (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    ...singleAttributeFields(f, 'attribute', { v1: true, v2: false }),
  ],
);
