/**
 * The encoder's output buffer: one scratch buffer reused across calls, so a message is
 * written in a single walk without first measuring it (measuring costs a second pass over
 * every Text String), then copied out at its exact size.
 *
 * The scratch sees key material, so it is wiped after every use and holds only zeros
 * between calls. Large Byte Strings (Data, wrapped keys) are not copied into it: they go
 * straight from the item into the output, so a big payload is still copied once, as with a
 * measured two-pass encode, and the scratch stays small.
 */

import { POOLED_OUTPUT_MIN, takeOutput } from './output-pool.ts';

/** Byte Strings at least this long skip the scratch buffer. */
export const DIRECT_COPY_MIN = 512;
const INITIAL_SIZE = 4096;
/** A scratch grown past this is dropped after use rather than kept. */
const RETAINED_MAX = 256 * 1024;

/**
 * A write position in a growable, zero-initialised buffer. Output offsets (`pos`) and buffer
 * offsets differ by the bytes placed directly so far (`skipped`): write at `pos - skipped`.
 */
export class ScratchWriter {
  /** The buffer; replaced (never resized) when it grows, so re-read it after `reserve`. */
  buf: Uint8Array;
  /** A view of `buf`, for 32- and 64-bit fields; replaced with it. */
  view: DataView;
  /** The output offset of the next byte. */
  pos = 0;
  /** Output bytes, padding included, that `placeDirect` kept out of `buf`. */
  skipped = 0;
  // Byte Strings kept out of `buf`, in order: output offset, bytes, and padded length.
  private readonly directAt: number[] = [];
  private readonly directBytes: Uint8Array[] = [];
  private readonly directPadded: number[] = [];

  constructor(size: number) {
    this.buf = new Uint8Array(size);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` bytes at buffer offset `pos - skipped`; then read `buf` and `view`. */
  reserve(n: number): void {
    const need = this.pos - this.skipped + n;
    if (need > this.buf.length) this.grow(need);
  }

  /**
   * Places the first `length` of `bytes`, zero-padded to `padded` bytes, at `pos` without
   * copying them into `buf` (they are copied by `copyOut`).
   */
  placeDirect(bytes: Uint8Array, length: number, padded: number): void {
    this.directAt.push(this.pos);
    // A view fixed now: `copyOut` then writes exactly `length` bytes or fewer, never more.
    this.directBytes.push(bytes.subarray(0, length));
    this.directPadded.push(padded);
    this.pos += padded;
    this.skipped += padded;
  }

  /**
   * The `pos` bytes written so far, as an exactly sized array of their own: a large one comes
   * from the output pool (see output-pool.ts).
   */
  copyOut(): Uint8Array {
    const buf = this.buf;
    const end = this.pos;
    const isLarge = end >= POOLED_OUTPUT_MIN;
    if (this.directAt.length === 0) {
      if (!isLarge) return buf.slice(0, end);
      const whole = takeOutput(end);
      whole.set(buf.subarray(0, end));
      return whole;
    }
    // Zeroed: the padding after direct bytes needs no writes.
    const out = isLarge ? takeOutput(end) : new Uint8Array(end);
    let from = 0; // buffer offset
    let to = 0; // output offset
    for (let i = 0; i < this.directAt.length; i++) {
      const at = this.directAt[i]!;
      out.set(buf.subarray(from, from + at - to), to);
      out.set(this.directBytes[i]!, at);
      from += at - to;
      to = at + this.directPadded[i]!;
    }
    out.set(buf.subarray(from, from + end - to), to);
    return out;
  }

  /**
   * Zeroes what was written and rewinds. After a failed encode the extent of the writes is
   * not tracked (a Text String may have been half written past `pos`), so all is wiped.
   */
  wipe(failed: boolean): void {
    if (failed) this.buf.fill(0);
    else this.buf.fill(0, 0, this.pos - this.skipped);
    this.pos = 0;
    this.skipped = 0;
    // Setting an array's length is a slow runtime call: only when there is something to drop.
    if (this.directAt.length !== 0) {
      this.directAt.length = 0;
      this.directBytes.length = 0;
      this.directPadded.length = 0;
    }
  }

  private grow(need: number): void {
    const old = this.buf;
    const grown = new Uint8Array(Math.max(need, 2 * old.length));
    grown.set(old.subarray(0, this.pos - this.skipped));
    old.fill(0);
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
}

let shared: ScratchWriter | null = null;
let isSharedBusy = false;

/**
 * The shared writer, or a private one if the shared one is in use: a Date subclass or a
 * getter in the tree could call the encoder again from inside an encode.
 */
export function acquireWriter(): ScratchWriter {
  if (isSharedBusy) return new ScratchWriter(INITIAL_SIZE);
  isSharedBusy = true;
  shared ??= new ScratchWriter(INITIAL_SIZE);
  return shared;
}

/** Wipes a writer from `acquireWriter` and, if it is the shared one, hands it back. */
export function releaseWriter(writer: ScratchWriter, failed: boolean): void {
  // A private writer becomes garbage, but freed memory is not cleared: wipe it too.
  writer.wipe(failed);
  if (writer !== shared) return;
  if (writer.buf.length > RETAINED_MAX) shared = null;
  isSharedBusy = false;
}
