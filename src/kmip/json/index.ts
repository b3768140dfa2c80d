/**
 * KMIP JSON encoding (KMIP Additional Message Encodings v1.0 §4, KMIP Profiles "JSON
 * Profile"): item trees to and from JSON text or JSON objects.
 */
export {
  decodeKmipJson,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_JSON_ITEMS,
  DEFAULT_MAX_JSON_LENGTH,
} from './kmip-json-decoder.ts';
export type { KmipJsonDecodeOptions } from './kmip-json-decoder.ts';
export { encodeKmipJson, encodeKmipJsonObject } from './kmip-json-encoder.ts';
export type { KmipJsonEncodeOptions, KmipJsonNode } from './kmip-json-encoder.ts';
export { KmipJsonError } from '../errors.ts';
export type { KmipJsonErrorCode } from '../errors.ts';
