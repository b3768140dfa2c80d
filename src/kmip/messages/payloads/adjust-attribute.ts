/**
 * Adjust Attribute (KMIP 2.0+; 2.1 §6.1.3): change a numeric, interval, date or Boolean
 * attribute by an Adjustment Type (Increment, Decrement, Negate) and an Adjustment Value
 * whose item type depends on the attribute ("Varies"), so it is kept as an item.
 */
import type { KmipItem } from '../../item.ts';
import { Tag } from '../../generated/registry.ts';
import { attributeReference } from '../attribute-names.ts';
import { anyItem, enumeration, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { uniqueIdentifierResponseSchema, type UniqueIdentifierResponse } from './shared.ts';

/** Adjust Attribute request. */
export interface AdjustAttributeRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** Normalized name of the attribute to adjust (Attribute Reference). */
  readonly attributeName: string;
  /** `AdjustmentType` value. */
  readonly adjustmentType: number;
  /** The amount (Increment, Decrement), as sent. */
  readonly adjustmentValue?: KmipItem;
}
/** Adjust Attribute response. */
export type AdjustAttributeResponse = UniqueIdentifierResponse;
/** Schema of {@link AdjustAttributeRequest}. */
export const adjustAttributeRequestSchema = defineStruct<AdjustAttributeRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.one('attributeName', Tag.AttributeReference, attributeReference),
    f.one('adjustmentType', Tag.AdjustmentType, enumeration),
    f.opt('adjustmentValue', Tag.AdjustmentValue, anyItem),
  ],
);
/** Schema of {@link AdjustAttributeResponse}. */
export const adjustAttributeResponseSchema = uniqueIdentifierResponseSchema;
