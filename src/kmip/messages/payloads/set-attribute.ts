/** SetAttribute (KMIP 2.0+; 2.1 §6.1.50): set a single-instance attribute, replacing any value. */
import { Tag } from '../../generated/registry.ts';
import type { Attribute } from '../attributes.ts';
import { uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import {
  singleAttributeFields,
  uniqueIdentifierResponseSchema,
  type UniqueIdentifierResponse,
} from './shared.ts';

/** SetAttribute request. */
export interface SetAttributeRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** New Attribute. */
  readonly attribute: Attribute;
}
/** SetAttribute response. */
export type SetAttributeResponse = UniqueIdentifierResponse;
/** Schema of {@link SetAttributeRequest}. */
export const setAttributeRequestSchema = defineStruct<SetAttributeRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    ...singleAttributeFields(f, 'attribute', { v1: false, v2: true }),
  ],
);
/** Schema of {@link SetAttributeResponse}. */
export const setAttributeResponseSchema = uniqueIdentifierResponseSchema;
