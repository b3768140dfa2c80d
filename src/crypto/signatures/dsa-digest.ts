/**
 * DSA verification of a signature over a digest the caller computed (FIPS 186-4 §4.7), in
 * BigInt arithmetic: Node's verify() always hashes the message itself. Only public values take
 * part (P, Q, G, Y, the digest, the signature), so arithmetic that is not constant-time leaks
 * nothing. Signing a given digest would put X into that arithmetic: refused (sign.ts).
 */
import type { KeyObject } from 'node:crypto';
import { dsaPublicKeyToTransparent, modPow } from '../keygen/dsa-key.ts';
import { modInverse, parseEcdsaSignature } from './ecdsa-digest.ts';

/**
 * Verifies a DER Dss-Sig-Value (RFC 3279 §2.2.2, the shape of an ECDSA signature) over
 * `digest` — its leftmost N bits, N the size of Q (FIPS 186-4 §4.6) — with a DSA public key.
 * False for any invalid or malformed input.
 */
export function verifyDsaDigest(
  publicKey: KeyObject,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.asymmetricKeyType !== 'dsa') return false;
  const rs = parseEcdsaSignature(signature);
  if (rs === undefined) return false;
  const { p, q, g, y } = dsaPublicKeyToTransparent(publicKey);
  const { r, s } = rs;
  // FIPS 186-4 §4.7 step 1: 0 < r < q and 0 < s < q.
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  const qBits = q.toString(2).length;
  let z = digest.length === 0 ? 0n : BigInt(`0x${Buffer.from(digest).toString('hex')}`);
  const digestBits = digest.length * 8;
  if (digestBits > qBits) z >>= BigInt(digestBits - qBits);
  const w = modInverse(s, q);
  const u1 = (z * w) % q;
  const u2 = (r * w) % q;
  const v = ((modPow(g, u1, p) * modPow(y, u2, p)) % p) % q;
  return v === r;
}
