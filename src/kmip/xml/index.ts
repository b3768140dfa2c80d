/**
 * KMIP XML encoding (KMIP Additional Message Encodings v1.0 §6, KMIP Profiles "XML
 * Profile"): item trees to and from XML, one message or a test-case document of several.
 */
export {
  decodeKmipXml,
  decodeKmipXmlDocument,
  DEFAULT_MAX_XML_DEPTH,
  DEFAULT_MAX_XML_ITEMS,
  DEFAULT_MAX_XML_LENGTH,
} from './kmip-xml-decoder.ts';
export type { KmipXmlDecodeOptions } from './kmip-xml-decoder.ts';
export { encodeKmipXml } from './kmip-xml-encoder.ts';
export type { KmipXmlEncodeOptions } from './kmip-xml-encoder.ts';
export { KmipXmlError } from '../errors.ts';
export type { KmipXmlErrorCode } from '../errors.ts';
