/** GetUsageAllocation (KMIP 1.4 §4.17, 2.1 §6.1.25): reserve uses of a usage-limited key. */
import { Tag } from '../../generated/registry.ts';
import { longInteger, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { uniqueIdentifierResponseSchema, type UniqueIdentifierResponse } from './shared.ts';

/** GetUsageAllocation request. */
export interface GetUsageAllocationRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly usageLimitsCount: bigint;
}
/** GetUsageAllocation response. */
export type GetUsageAllocationResponse = UniqueIdentifierResponse;
/** Schema of {@link GetUsageAllocationRequest}. */
export const getUsageAllocationRequestSchema = defineStruct<GetUsageAllocationRequest>(
  'RequestPayload',
  (f) => [
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.one('usageLimitsCount', Tag.UsageLimitsCount, longInteger),
  ],
);
/** Schema of {@link GetUsageAllocationResponse}. */
export const getUsageAllocationResponseSchema = uniqueIdentifierResponseSchema;
