/**
 * What the debug log must never show of a KMIP message, by tag (KMIP JSON encoding, tag
 * names as the registry normalizes them). The value of any of these items, whole Structures
 * included, becomes `[REDACTED]`; tag and type stay, so the reader sees what was sent.
 */
import type { KmipJsonNode } from '../../kmip/json/index.ts';
import { REDACTED } from '../logger.ts';

/**
 * Secret or plaintext items: key material (raw, transparent components, wrapped Key Value),
 * credential secrets (Password of Username/Password and Device credentials, One Time Password,
 * Hashed Password, Ticket Value), Opaque Data, the data of Encrypt/Decrypt/Sign/MAC/RNG
 * (plaintext, or data the client keeps private), derivation input, AEAD additional data,
 * attestation nonces, and Digest Value (a digest of a Secret Data password allows a
 * dictionary attack on it). Not redacted: identifiers, attributes, public certificates,
 * signatures, MACs, IVs, salts, user names.
 */
export const SECRET_TAG_NAMES: ReadonlySet<string> = new Set([
  'KeyMaterial',
  'Password',
  'OneTimePassword',
  'HashedPassword',
  'TicketValue',
  'OpaqueDataValue',
  'Data',
  'DerivationData',
  'AuthenticatedEncryptionAdditionalData',
  'NonceValue',
  'DigestValue',
]);

/** A copy of `node` with the values of {@link SECRET_TAG_NAMES} items (and wrapped Key Values) redacted. */
export function redactKmipJson(node: KmipJsonNode): KmipJsonNode {
  // A Key Value that is a Byte String is wrapped (KMIP 1.4 §2.1.4): key material all the same.
  const isSecret =
    SECRET_TAG_NAMES.has(node.tag) || (node.tag === 'KeyValue' && node.type === 'ByteString');
  if (isSecret) return { ...node, value: REDACTED };
  if (Array.isArray(node.value)) {
    return { ...node, value: (node.value as readonly KmipJsonNode[]).map(redactKmipJson) };
  }
  return node;
}
