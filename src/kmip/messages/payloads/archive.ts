/** Archive (KMIP 1.4 §4.22, 2.1 §6.1.3: move an object to archival storage). Both payloads carry only the Unique Identifier. */
import {
  uniqueIdentifierRequestSchema,
  uniqueIdentifierResponseSchema,
  type UniqueIdentifierRequest,
  type UniqueIdentifierResponse,
} from './shared.ts';

/** Archive request. */
export type ArchiveRequest = UniqueIdentifierRequest;
/** Archive response. */
export type ArchiveResponse = UniqueIdentifierResponse;
/** Schema of {@link ArchiveRequest}. */
export const archiveRequestSchema = uniqueIdentifierRequestSchema;
/** Schema of {@link ArchiveResponse}. */
export const archiveResponseSchema = uniqueIdentifierResponseSchema;
