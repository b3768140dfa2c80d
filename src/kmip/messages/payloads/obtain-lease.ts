/** ObtainLease (KMIP 1.4 §4.18, 2.1 §6.1.35): a lease for using an object's material. */
import { Tag } from '../../generated/registry.ts';
import { dateTime, interval, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { uniqueIdentifierRequestSchema, type UniqueIdentifierRequest } from './shared.ts';

/** ObtainLease request. */
export type ObtainLeaseRequest = UniqueIdentifierRequest;
/** ObtainLease response. */
export interface ObtainLeaseResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly leaseTime: number;
  readonly lastChangeDate: Date;
}
/** Schema of {@link ObtainLeaseRequest}. */
export const obtainLeaseRequestSchema = uniqueIdentifierRequestSchema;
/** Schema of {@link ObtainLeaseResponse}. */
export const obtainLeaseResponseSchema = defineStruct<ObtainLeaseResponse>(
  'ResponsePayload',
  (f) => [
    f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.one('leaseTime', Tag.LeaseTime, interval),
    f.one('lastChangeDate', Tag.LastChangeDate, dateTime),
  ],
);
