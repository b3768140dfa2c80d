/**
 * Memory of large messages on a connection (issue #6): chunks of the stream the framing has
 * copied, and large responses once written, are wiped (they carry key material and the
 * client's plaintext) and given back at once instead of waiting for a full garbage
 * collection, which megabytes of garbage per request otherwise bring every few requests.
 */
import { POOLED_OUTPUT_MIN, releaseEncoded } from '../../kmip/ttlv/index.ts';

/**
 * For a large response from the encoder's output pool: a write callback that wipes it and
 * hands it back once the socket has taken its bytes (TLS has encrypted them by then). After a
 * failed write it is only wiped: nothing will send it, but it does not go back to the pool.
 */
export function recycleAfterWrite(
  response: Uint8Array,
): ((error?: Error | null) => void) | undefined {
  if (response.length < POOLED_OUTPUT_MIN) return undefined;
  return (error) => {
    if (error == null) releaseEncoded(response);
    else response.fill(0);
  };
}

/**
 * Wipes a chunk of the stream once the TTLV reader has copied it (it holds the client's
 * plaintext, key material) and, when the chunk is the only view of its memory, detaches it so
 * the memory is freed now rather than at the next full garbage collection, which the
 * megabytes of a large request would otherwise bring sooner (issue #6).
 */
export function discardChunk(chunk: Buffer): void {
  chunk.fill(0);
  const memory = chunk.buffer;
  if (
    memory instanceof ArrayBuffer &&
    chunk.byteOffset === 0 &&
    chunk.byteLength === memory.byteLength &&
    !memory.detached
  ) {
    memory.transfer(0);
  }
}
