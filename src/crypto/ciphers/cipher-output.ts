/**
 * Cipher output as plain `Uint8Array`s without copies that buy nothing: Node's update() and
 * final() return Buffers, and update()'s has an ArrayBuffer of its own, so a view of it is as
 * private as a copy. A 1 MiB Encrypt used to copy its ciphertext twice here (issue #6).
 */

/** `buffer` as a plain Uint8Array: a view when it spans its own ArrayBuffer, else a copy. */
export function plainBytes(buffer: Buffer): Uint8Array {
  // A Buffer from Node's shared pool shares its ArrayBuffer with others: copy that one.
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) {
    return new Uint8Array(buffer.buffer, 0, buffer.byteLength);
  }
  return new Uint8Array(buffer);
}

/** update()'s and final()'s output as one Uint8Array, copying only when both hold bytes. */
export function joinOutput(head: Buffer, tail: Buffer): Uint8Array {
  // GCM, CTR and the other stream modes end with an empty final().
  if (tail.length === 0) return plainBytes(head);
  if (head.length === 0) return plainBytes(tail);
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
