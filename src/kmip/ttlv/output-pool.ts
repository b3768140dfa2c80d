/**
 * Reused output buffers for large encoded messages (issue #6). A fresh buffer of a megabyte
 * costs the kernel a page fault per 4 KiB when it is first written, and freeing it waits for
 * a full (mark-compact) garbage collection; a 1 MiB Encrypt response paid both on every
 * request. The encoder takes large outputs from here; whoever finished with one (the listener,
 * once the socket has taken the bytes) hands it back with `releaseEncoded`, which wipes it:
 * responses carry key material and the client's plaintext. An output never handed back is
 * simply garbage collected, so callers that keep their bytes need do nothing.
 */

/** Encoded messages at least this long come from the pool. */
export const POOLED_OUTPUT_MIN = 64 * 1024;
/** Most free buffers kept, and most bytes in them; beyond, released ones are dropped. */
const MAX_FREE = 4;
const MAX_FREE_BYTES = 8 * 1024 * 1024;

/** Free buffers; every byte of each is zero. */
const free: Uint8Array[] = [];
/** Outputs lent out (the exact view returned) → the whole buffer behind them. */
const lent = new WeakMap<Uint8Array, Uint8Array>();

/**
 * A zeroed array of `length` bytes: a view of a free buffer no more than twice as large, or a
 * new one when none fits. Hand it back with `releaseEncoded` once nothing reads it any more.
 */
export function takeOutput(length: number): Uint8Array {
  let whole: Uint8Array | undefined;
  for (let i = 0; i < free.length; i++) {
    const candidate = free[i]!;
    if (candidate.length >= length && candidate.length <= 2 * length) {
      whole = candidate;
      free.splice(i, 1);
      break;
    }
  }
  whole ??= new Uint8Array(length);
  const out = whole.length === length ? whole : whole.subarray(0, length);
  lent.set(out, whole);
  return out;
}

/**
 * Hands back an output of the encoder (`encodeTtlv`) that nothing will read again: it is
 * wiped and reused for a later message. Bytes that did not come from the pool, or that were
 * already handed back, are left alone.
 * @returns whether `bytes` was a pooled output (and is now wiped).
 */
export function releaseEncoded(bytes: Uint8Array): boolean {
  const whole = lent.get(bytes);
  if (whole === undefined) return false;
  lent.delete(bytes);
  // Only the view was ever written: the rest of the buffer is still zero.
  bytes.fill(0);
  let held = whole.length;
  for (const buffer of free) held += buffer.length;
  // Bounded, so an idle server holds at most a few megabytes of zeroed pages.
  if (free.length < MAX_FREE && held <= MAX_FREE_BYTES) free.push(whole);
  return true;
}

/** Free buffers held, for tests. */
export function pooledOutputCount(): number {
  return free.length;
}

/** Drops the free buffers (they are all zero already), for tests. */
export function emptyOutputPool(): void {
  free.length = 0;
}
