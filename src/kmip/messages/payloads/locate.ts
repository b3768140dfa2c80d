/** Locate (KMIP 1.4 §4.9, 2.1 §6.1.32): find objects whose attributes match. */
import { Tag } from '../../generated/registry.ts';
import { attributeListV2, attributeV1, type Attribute } from '../attributes.ts';
import { enumeration, integer, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Locate request. */
export interface LocateRequest extends Extensible {
  readonly maximumItems?: number;
  /** KMIP 1.3+. */
  readonly offsetItems?: number;
  /** `StorageStatusMask` bits. */
  readonly storageStatusMask?: number;
  /** KMIP 1.1+: `ObjectGroupMember` value. */
  readonly objectGroupMember?: number;
  /**
   * The filter: 1.x Attribute structures, 2.x the Attributes structure. KMIP 2.0/2.1 mark the
   * structure Required, but PyKMIP 0.10 leaves it out of a Locate with no filter, so decoding
   * accepts its absence (no filter: match everything).
   */
  readonly attributes?: readonly Attribute[];
}
/** Locate response. */
export interface LocateResponse extends Extensible {
  /** KMIP 1.3+: how many objects matched in all. */
  readonly locatedItems?: number;
  readonly uniqueIdentifiers?: readonly UniqueIdentifierValue[];
}
/** Schema of {@link LocateRequest}. */
export const locateRequestSchema = defineStruct<LocateRequest>('RequestPayload', (f) => [
  f.opt('maximumItems', Tag.MaximumItems, integer),
  f.opt('offsetItems', Tag.OffsetItems, integer),
  f.opt('storageStatusMask', Tag.StorageStatusMask, integer),
  f.opt('objectGroupMember', Tag.ObjectGroupMember, enumeration),
  f.many('attributes', Tag.Attribute, attributeV1, { until: '1.4' }),
  f.opt('attributes', Tag.Attributes, attributeListV2),
]);
/** Schema of {@link LocateResponse}. */
export const locateResponseSchema = defineStruct<LocateResponse>('ResponsePayload', (f) => [
  f.opt('locatedItems', Tag.LocatedItems, integer),
  f.many('uniqueIdentifiers', Tag.UniqueIdentifier, uniqueIdentifier),
]);
