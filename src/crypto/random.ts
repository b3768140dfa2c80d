import { randomFillSync, randomUUID as nodeRandomUUID } from 'node:crypto';

/**
 * Returns `length` bytes from the operating system's CSPRNG, in a fresh
 * (never pooled) `Uint8Array` so the caller may zero it when done.
 */
export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`randomBytes: length must be a non-negative integer, got ${length}`);
  }
  return randomFillSync(new Uint8Array(length));
}

/** Returns a random RFC 9562 version 4 UUID (122 random bits from the CSPRNG). */
export function randomUUID(): string {
  return nodeRandomUUID();
}
