/** Revoke (KMIP 1.4 §4.20, 2.1 §6.1.47): mark an object revoked or compromised. */
import { Tag } from '../../generated/registry.ts';
import { dateTime, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { revocationReason, type RevocationReasonValue } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { uniqueIdentifierResponseSchema, type UniqueIdentifierResponse } from './shared.ts';

/** Revoke request. */
export interface RevokeRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly revocationReason: RevocationReasonValue;
  /** Needed when the reason is a compromise. */
  readonly compromiseOccurrenceDate?: Date;
}
/** Revoke response. */
export type RevokeResponse = UniqueIdentifierResponse;
/** Schema of {@link RevokeRequest}. */
export const revokeRequestSchema = defineStruct<RevokeRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.one('revocationReason', Tag.RevocationReason, revocationReason),
  f.opt('compromiseOccurrenceDate', Tag.CompromiseOccurrenceDate, dateTime),
]);
/** Schema of {@link RevokeResponse}. */
export const revokeResponseSchema = uniqueIdentifierResponseSchema;
