/** Destroy (KMIP 1.4 §4.21, 2.1 §6.1.17: destroy the key material). Both payloads carry only the Unique Identifier. */
import {
  uniqueIdentifierRequestSchema,
  uniqueIdentifierResponseSchema,
  type UniqueIdentifierRequest,
  type UniqueIdentifierResponse,
} from './shared.ts';

/** Destroy request. */
export type DestroyRequest = UniqueIdentifierRequest;
/** Destroy response. */
export type DestroyResponse = UniqueIdentifierResponse;
/** Schema of {@link DestroyRequest}. */
export const destroyRequestSchema = uniqueIdentifierRequestSchema;
/** Schema of {@link DestroyResponse}. */
export const destroyResponseSchema = uniqueIdentifierResponseSchema;
