import { createHash } from 'node:crypto';

/** Output length in bytes of the hashes RSA padding here uses, by KMIP Hashing Algorithm name. */
export const RSA_PADDING_HASHES = {
  SHA_1: { node: 'sha1', length: 20 },
  SHA_224: { node: 'sha224', length: 28 },
  SHA_256: { node: 'sha256', length: 32 },
  SHA_384: { node: 'sha384', length: 48 },
  SHA_512: { node: 'sha512', length: 64 },
} as const satisfies Record<string, { node: string; length: number }>;

/** A KMIP Hashing Algorithm name the RSA paddings accept. */
export type RsaPaddingHash = keyof typeof RSA_PADDING_HASHES;

/** Tells whether `name` is a hash the RSA paddings accept. */
export function isRsaPaddingHash(name: string): name is RsaPaddingHash {
  return Object.hasOwn(RSA_PADDING_HASHES, name);
}

/** Hash of the concatenation of `parts`. */
export function hashParts(hash: RsaPaddingHash, ...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash(RSA_PADDING_HASHES[hash].node);
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

/** MGF1 (RFC 8017 §B.2.1): `length` bytes of mask from `seed`. */
export function mgf1(hash: RsaPaddingHash, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  const view = new DataView(counter.buffer);
  for (let offset = 0, i = 0; offset < length; i++) {
    view.setUint32(0, i);
    const block = hashParts(hash, seed, counter);
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return out;
}

/** `target` ^= `mask`, in place (same lengths). */
export function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] ?? 0) ^ (mask[i] ?? 0);
}
