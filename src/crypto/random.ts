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

// Random bytes for public values only (nonces): filling a small buffer from the CSPRNG costs
// a call into OpenSSL each time (~2 µs), so they are cut from a pool filled 4 KiB at a time.
// Never used for key material: a secret must not sit in memory before it is asked for.
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

/**
 * Fills `target` with CSPRNG bytes from a pool, for values that are public once used (AEAD
 * nonces, IVs). Each pooled byte is handed out once and zeroed in the pool. Not for secrets:
 * use {@link randomBytes}.
 */
export function fillPublicRandom(target: Uint8Array): void {
  if (target.length > POOL_SIZE / 4) {
    randomFillSync(target);
    return;
  }
  if (poolOffset + target.length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const end = poolOffset + target.length;
  target.set(pool.subarray(poolOffset, end));
  pool.fill(0, poolOffset, end);
  poolOffset = end;
}

/** Returns a random RFC 9562 version 4 UUID (122 random bits from the CSPRNG). */
export function randomUUID(): string {
  return nodeRandomUUID();
}
