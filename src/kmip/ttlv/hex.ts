/** Hex conversion for TTLV bytes, in the upper-case form the KMIP documents print. */
import { HexFormatError } from '../errors.ts';
import { HEX_BY_BYTE } from './ttlv-format.ts';

/** Formats bytes as upper-case hex without separators, e.g. `42007801`. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_BY_BYTE[bytes[i]!]!;
  return hex;
}

/**
 * Parses hex (either case, no separators, even length) into bytes.
 * @throws {HexFormatError} KW_TTLV_BAD_HEX for an odd length or a non-hex character.
 */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new HexFormatError(hex.length, 'odd number of hex digits');
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (nibble(hex, 2 * i) << 4) | nibble(hex, 2 * i + 1);
  }
  return bytes;
}

function nibble(hex: string, at: number): number {
  const c = hex.charCodeAt(at);
  if (c >= 0x30 && c <= 0x39) return c - 0x30; // 0-9
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10; // a-f, A-F
  throw new HexFormatError(at, 'not a hex digit');
}
