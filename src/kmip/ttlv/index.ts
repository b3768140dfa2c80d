/** Binary TTLV codec (KMIP 1.0–2.1 §9.1): encoder, decoder, stream framing, hex helpers. */
export {
  decodeTtlv,
  decodeTtlvPrefix,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_MESSAGE_SIZE,
  SHARED_BYTE_STRING_MIN,
} from './ttlv-decoder.ts';
export type { TtlvDecodeOptions, TtlvPrefixResult } from './ttlv-decoder.ts';
export { encodedLength, encodeTtlv, MAX_ENCODE_DEPTH } from './ttlv-encoder.ts';
export { POOLED_OUTPUT_MIN, releaseEncoded } from './output-pool.ts';
export { readTtlvMessages, TtlvMessageReader } from './ttlv-stream.ts';
export type { TtlvMessageReaderOptions } from './ttlv-stream.ts';
export { bytesToHex, hexToBytes } from './hex.ts';
export { HexFormatError, TtlvDecodeError, TtlvEncodeError } from '../errors.ts';
export type { TtlvDecodeErrorCode } from '../errors.ts';
