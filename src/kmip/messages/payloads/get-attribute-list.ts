/** GetAttributeList (KMIP 1.4 §4.13, 2.1 §6.1.23): names of the attributes an object has. */
import { type UniqueIdentifierValue, uniqueIdentifier } from '../codecs.ts';
import { Tag } from '../../generated/registry.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import {
  attributeNameListFields,
  uniqueIdentifierRequestSchema,
  type UniqueIdentifierRequest,
} from './shared.ts';

/** GetAttributeList request. */
export type GetAttributeListRequest = UniqueIdentifierRequest;
/** GetAttributeList response. */
export interface GetAttributeListResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** Normalized names (1.x Attribute Name, 2.x Attribute Reference). */
  readonly attributeNames?: readonly string[];
}
/** Schema of {@link GetAttributeListRequest}. */
export const getAttributeListRequestSchema = uniqueIdentifierRequestSchema;
/** Schema of {@link GetAttributeListResponse}. */
export const getAttributeListResponseSchema = defineStruct<GetAttributeListResponse>(
  'ResponsePayload',
  (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    ...attributeNameListFields(f, 'attributeNames'),
  ],
);
