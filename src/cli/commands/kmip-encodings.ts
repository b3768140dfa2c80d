/**
 * The encodings `keywarden kmip convert` reads and writes, apart from the converter so that
 * the command table can list them without loading the XML and JSON codecs (issue #9).
 */

/** The encodings `kmip convert` reads and writes. */
export const KMIP_ENCODINGS = ['ttlv', 'xml', 'json'] as const;

/** One of {@link KMIP_ENCODINGS}. */
export type KmipEncoding = (typeof KMIP_ENCODINGS)[number];
