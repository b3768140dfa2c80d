/** Recover (KMIP 1.4 §4.23, 2.1 §6.1.44: bring an archived object back). Both payloads carry only the Unique Identifier. */
import {
  uniqueIdentifierRequestSchema,
  uniqueIdentifierResponseSchema,
  type UniqueIdentifierRequest,
  type UniqueIdentifierResponse,
} from './shared.ts';

/** Recover request. */
export type RecoverRequest = UniqueIdentifierRequest;
/** Recover response. */
export type RecoverResponse = UniqueIdentifierResponse;
/** Schema of {@link RecoverRequest}. */
export const recoverRequestSchema = uniqueIdentifierRequestSchema;
/** Schema of {@link RecoverResponse}. */
export const recoverResponseSchema = uniqueIdentifierResponseSchema;
