/** Check (KMIP 1.4 §4.10, 2.1 §6.1.4): whether an object could be used as described. */
import { Tag } from '../../generated/registry.ts';
import {
  integer,
  interval,
  longInteger,
  uniqueIdentifier,
  type UniqueIdentifierValue,
} from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Check request. */
export interface CheckRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly usageLimitsCount?: bigint;
  readonly cryptographicUsageMask?: number;
  readonly leaseTime?: number;
}
/** Check response: the fields that failed the check are echoed. */
export interface CheckResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly usageLimitsCount?: bigint;
  readonly cryptographicUsageMask?: number;
  readonly leaseTime?: number;
}
/** Schema of {@link CheckRequest}. */
export const checkRequestSchema = defineStruct<CheckRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('usageLimitsCount', Tag.UsageLimitsCount, longInteger),
  f.opt('cryptographicUsageMask', Tag.CryptographicUsageMask, integer),
  f.opt('leaseTime', Tag.LeaseTime, interval),
]);
/** Schema of {@link CheckResponse}. */
export const checkResponseSchema = defineStruct<CheckResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('usageLimitsCount', Tag.UsageLimitsCount, longInteger),
  f.opt('cryptographicUsageMask', Tag.CryptographicUsageMask, integer),
  f.opt('leaseTime', Tag.LeaseTime, interval),
]);
