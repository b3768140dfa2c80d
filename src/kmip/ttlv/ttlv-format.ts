/**
 * Facts of the binary TTLV layout shared by the encoder, decoder and message reader
 * (KMIP 1.0 §9.1.1): a 3-byte tag, a 1-byte type, a 4-byte big-endian length, then the
 * value zero-padded to a multiple of 8 bytes.
 */

/** Bytes of an item header: tag (3), type (1), length (4). */
export const ITEM_HEADER_LENGTH = 8;

/** The item type byte of a Structure. */
export const STRUCTURE_TYPE = 0x01;

/** The largest value a 4-byte length field can hold. */
export const MAX_LENGTH_FIELD = 0xffff_ffff;

/** Rounds a value length up to the 8-byte alignment (safe for any uint32 length). */
export function paddedLength(length: number): number {
  return length + ((8 - (length % 8)) % 8);
}

/** Whether a tag lies in the standard (0x42xxxx) or extension (0x54xxxx) range (KMIP 1.0 §9.1.3.1, Tags table). */
export function isValidTag(tag: number): boolean {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff) return false;
  const high = tag >>> 16;
  return high === 0x42 || high === 0x54;
}

/** Two upper-case hex digits for each byte value. */
export const HEX_BY_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).toUpperCase().padStart(2, '0'),
);
