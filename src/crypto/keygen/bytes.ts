/**
 * Byte and big-integer helpers for key material. Temporaries are zeroed once used; JavaScript
 * strings and bigints cannot be wiped, so we keep them to the forms Node's JWK API forces on us.
 */

/** Copies Node's output into a fresh `Uint8Array` the caller owns, and zeroes the original. */
export function takeBytes(buffer: Uint8Array): Uint8Array {
  const out = new Uint8Array(buffer);
  buffer.fill(0);
  return out;
}

/** Reads an unsigned big-endian integer (KMIP Big Integer, JWK members). */
export function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/**
 * Writes a non-negative integer big-endian, minimal or left-padded to `length` bytes; undefined
 * when it is negative or does not fit.
 */
export function bigintToBytes(value: bigint, length?: number): Uint8Array | undefined {
  if (value < 0n) return undefined;
  let size = 0;
  for (let v = value; v > 0n; v >>= 8n) size++;
  const total = length ?? Math.max(size, 1);
  if (size > total) return undefined;
  const out = new Uint8Array(total);
  let v = value;
  for (let i = total - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Decodes a base64url JWK member to an integer, zeroing the decoded bytes. */
export function base64urlToBigint(text: string): bigint {
  const bytes = Buffer.from(text, 'base64url');
  try {
    return bytesToBigint(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** Encodes an integer as a base64url JWK member (optionally fixed-length), zeroing temporaries. */
export function bigintToBase64url(value: bigint, length?: number): string | undefined {
  const bytes = bigintToBytes(value, length);
  if (bytes === undefined) return undefined;
  try {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
  } finally {
    bytes.fill(0);
  }
}
