// Helpers shared by the keygen tests: independent checks through node:crypto directly, so the
// tests do not prove the code with itself.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const NODE_PRIVATE = { PKCS_1: 'pkcs1', PKCS_8: 'pkcs8', ECPrivateKey: 'sec1' } as const;
const NODE_PUBLIC = { PKCS_1: 'pkcs1', X_509: 'spki' } as const;

/** Parses DER private key material with Node, as an independent reader. */
export function nodePrivateKey(der: Uint8Array, format: keyof typeof NODE_PRIVATE): KeyObject {
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: NODE_PRIVATE[format] });
}

/** Parses DER public key material with Node, as an independent reader. */
export function nodePublicKey(der: Uint8Array, format: keyof typeof NODE_PUBLIC): KeyObject {
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: NODE_PUBLIC[format] });
}

/** Asserts the two keys are halves of one pair: a signature by one verifies with the other. */
export function assertPairMatches(privateKey: KeyObject, publicKey: KeyObject): void {
  const message = Buffer.from('keywarden pairwise check');
  // Ed25519 takes no digest name (RFC 8032 hashes internally).
  const hash = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  const signature = sign(hash, message, privateKey);
  assert.equal(verify(hash, message, publicKey, signature), true, 'signature verifies');
  assert.equal(
    verify(hash, Buffer.from('another message'), publicKey, signature),
    false,
    'and only for its own message',
  );
}

/** Hex of bytes, for readable equality failures. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Unsigned big-endian integer from base64url (JWK members), independent of src/. */
export function jwkBigint(member: string | undefined): bigint {
  assert.ok(member !== undefined);
  const digits = Buffer.from(member, 'base64url').toString('hex');
  return digits === '' ? 0n : BigInt(`0x${digits}`);
}

/** base64url of an unsigned integer, optionally left-padded to `length` bytes. */
export function bigintJwk(value: bigint, length?: number): string {
  let digits = value.toString(16);
  if (digits.length % 2 === 1) digits = `0${digits}`;
  if (length !== undefined) digits = digits.padStart(length * 2, '0');
  return Buffer.from(digits, 'hex').toString('base64url');
}
