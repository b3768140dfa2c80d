/** Activate (KMIP 1.4 §4.19, 2.1 §6.1.1: Pre-Active → Active). Both payloads carry only the Unique Identifier. */
import {
  uniqueIdentifierRequestSchema,
  uniqueIdentifierResponseSchema,
  type UniqueIdentifierRequest,
  type UniqueIdentifierResponse,
} from './shared.ts';

/** Activate request. */
export type ActivateRequest = UniqueIdentifierRequest;
/** Activate response. */
export type ActivateResponse = UniqueIdentifierResponse;
/** Schema of {@link ActivateRequest}. */
export const activateRequestSchema = uniqueIdentifierRequestSchema;
/** Schema of {@link ActivateResponse}. */
export const activateResponseSchema = uniqueIdentifierResponseSchema;
