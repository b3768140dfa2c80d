/**
 * The Digest attribute the server sets on new objects (KMIP 1.4 §3.17, 2.1 §4.23): SHA-256,
 * the algorithm the specification makes mandatory, over the key material in its Key Format
 * Type (over the TTLV encoding when the material is a structure), or over the certificate,
 * certificate request or opaque value.
 */
import { HashingAlgorithm, KeyFormatType } from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type { DigestValue } from '../../kmip/messages/common.ts';
import type { KeyBlock } from '../../kmip/messages/key-block.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { encodeTtlv } from '../../kmip/ttlv/index.ts';
import { digest } from '../../crypto/index.ts';

function sha256(data: Uint8Array): Uint8Array {
  return digest('SHA_256', data);
}

// Objects without a Key Block: the Digest carries Key Format Type Raw anyway, as the OASIS test
// case TC-CERTATTR-1-14 shows it (the spec makes it optional there), because PyKMIP 0.10
// reads a Digest without it as a truncated structure and fails the whole response.
function rawDigest(data: Uint8Array): DigestValue {
  return {
    hashingAlgorithm: HashingAlgorithm.SHA_256,
    digestValue: sha256(data),
    keyFormatType: KeyFormatType.Raw,
  };
}

function keyBlockDigest(block: KeyBlock): DigestValue | undefined {
  const value = block.keyValue;
  if (value === undefined) return undefined;
  // A wrapped Key Value is a Byte String: the digest covers what the server holds.
  const data =
    value instanceof Uint8Array
      ? value
      : value.keyMaterial instanceof Uint8Array
        ? value.keyMaterial
        : encodeTtlv(value.keyMaterial as KmipItem);
  return {
    hashingAlgorithm: HashingAlgorithm.SHA_256,
    digestValue: sha256(data),
    keyFormatType: block.keyFormatType,
  };
}

/** The Digest of an object, or undefined for objects without a value (Templates). */
export function objectDigest(object: ManagedObject): DigestValue | undefined {
  switch (object.kind) {
    case 'SymmetricKey':
    case 'PublicKey':
    case 'PrivateKey':
    case 'SplitKey':
    case 'SecretData':
    case 'PGPKey':
      return keyBlockDigest(object.keyBlock);
    case 'Certificate':
      return rawDigest(object.certificateValue);
    case 'CertificateRequest':
      return rawDigest(object.certificateRequestValue);
    case 'OpaqueObject':
      return rawDigest(object.opaqueDataValue);
    case 'Template':
      return undefined;
  }
}
