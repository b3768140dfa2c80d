/**
 * Register checks for the objects whose Key Block holds plain bytes: Symmetric Key, Split Key
 * and Secret Data (KMIP 1.4 §2.2.1, §2.2.5, §2.2.7). A symmetric key must name a supported
 * algorithm and be a length that algorithm allows; the stated Cryptographic Length must be
 * the material's (or, for DES3, its effective length). Wrapped material is stored unread, and
 * a metadata-only object (no Key Value) needs its algorithm and length stated.
 */
import { KeyFormatType, SplitKeyMethod, Tag } from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { SecretData, SplitKey, SymmetricKey } from '../../kmip/messages/objects.ts';
import { invalidField } from '../pipeline/result-error.ts';
import { algorithmName } from './asymmetric-algorithm.ts';
import type { OperationContext } from './context.ts';
import {
  algorithmAttributes,
  blockMaterial,
  bytesOf,
  formatNotSupported,
  NOTHING_DERIVED,
  statedKeyFacts,
  type RegisteredAttributes,
  type StatedKeyFacts,
} from './register-key-block.ts';

/** The Key of a Transparent Symmetric Key structure (KMIP 1.4 §2.1.7.1). */
function transparentKeyBytes(material: Uint8Array | KmipItem): Uint8Array {
  const key =
    !(material instanceof Uint8Array) && material.type === 'Structure'
      ? material.value.find((item) => item.tag === Tag.Key)
      : undefined;
  if (key?.type !== 'ByteString') {
    throw invalidField('a Transparent Symmetric Key is a structure holding a Key Byte String');
  }
  return key.value;
}

function symmetricBytes(keyFormatType: number, material: Uint8Array | KmipItem): Uint8Array {
  if (keyFormatType === KeyFormatType.Raw) return bytesOf(material, keyFormatType);
  if (keyFormatType === KeyFormatType.TransparentSymmetricKey) return transparentKeyBytes(material);
  throw formatNotSupported(keyFormatType, 'symmetric keys (Raw, Transparent Symmetric Key)');
}

/** The material's length in bits, checked against the algorithm and the stated length. */
function checkedLength(
  bytes: Uint8Array,
  algorithm: number,
  stated: StatedKeyFacts,
  ctx: OperationContext,
): number {
  const name = algorithmName(algorithm);
  if (!ctx.crypto.isSymmetricAlgorithm(name)) {
    throw invalidField(`Cryptographic Algorithm ${name} is not supported for symmetric keys`);
  }
  let lengthBits: number;
  try {
    lengthBits = ctx.crypto.validateSymmetricKeyLength(name, bytes);
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoInvalidLengthError) {
      throw invalidField(`the key material is not a valid ${name} key length`);
    }
    throw error;
  }
  if (stated.lengthBits === undefined) return lengthBits;
  // A stated length may be the algorithm's effective one: 24 bytes of DES3 are 192 or 168 bits
  // (NIST SP 800-67; OASIS CS-BC-M-4-12-3DES-13 registers 168). The attribute keeps it.
  if (!ctx.crypto.isSymmetricKeyLength(name, stated.lengthBits, bytes)) {
    throw invalidField(
      `Cryptographic Length ${stated.lengthBits} does not match the key material (${lengthBits} bits)`,
    );
  }
  return stated.lengthBits;
}

function requiredAlgorithm(stated: StatedKeyFacts, what: string): number {
  if (stated.algorithm === undefined) {
    throw invalidField(`the Cryptographic Algorithm of a ${what} is required`);
  }
  return stated.algorithm;
}

/**
 * Checks a Symmetric Key for Register; the Cryptographic Algorithm and Length it records.
 * @throws KmipResultError Invalid Field, Key Format Type Not Supported (see file header).
 */
export function registerSymmetricKey(
  object: SymmetricKey,
  attributes: readonly Attribute[],
  ctx: OperationContext,
): RegisteredAttributes {
  const block = object.keyBlock;
  const stated = statedKeyFacts(block, attributes);
  const algorithm = requiredAlgorithm(stated, 'symmetric key');
  const found = blockMaterial(block);
  if (found.kind !== 'clear') {
    if (stated.lengthBits === undefined) {
      throw invalidField('the Cryptographic Length of a wrapped or metadata-only key is required');
    }
    return algorithmAttributes({ algorithm, lengthBits: stated.lengthBits }, stated);
  }
  const bytes = symmetricBytes(block.keyFormatType, found.material);
  return algorithmAttributes(
    { algorithm, lengthBits: checkedLength(bytes, algorithm, stated, ctx) },
    stated,
  );
}

/**
 * Checks a Split Key (KMIP 1.4 §2.2.5): 1 ≤ threshold ≤ parts, 1 ≤ Key Part Identifier ≤
 * parts, a Prime Field Size for polynomial sharing over a prime field, Raw material. An XOR
 * share is as long as the key it splits, so its length is the Cryptographic Length.
 * @throws KmipResultError Invalid Field, Key Format Type Not Supported.
 */
export function registerSplitKey(
  object: SplitKey,
  attributes: readonly Attribute[],
): RegisteredAttributes {
  const { splitKeyParts: parts, splitKeyThreshold: threshold, keyPartIdentifier: part } = object;
  if (parts < 1 || threshold < 1 || threshold > parts) {
    throw invalidField('a Split Key needs 1 ≤ Split Key Threshold ≤ Split Key Parts');
  }
  if (part < 1 || part > parts) {
    throw invalidField('the Key Part Identifier of a Split Key is from 1 to Split Key Parts');
  }
  if (
    object.splitKeyMethod === SplitKeyMethod.PolynomialSharingPrimeField &&
    object.primeFieldSize === undefined
  ) {
    throw invalidField('polynomial sharing over a prime field needs the Prime Field Size');
  }
  const block = object.keyBlock;
  const stated = statedKeyFacts(block, attributes);
  // The algorithm is optional for a part (the OASIS TC-SJ-3 cases register parts without one;
  // Join Split Key then takes the algorithm and length from its own request).
  const facts = (lengthBits: number | undefined): RegisteredAttributes =>
    stated.algorithm === undefined
      ? {
          serverAttributes:
            lengthBits === undefined ? [] : [{ name: 'CryptographicLength', value: lengthBits }],
          implicit: [],
        }
      : algorithmAttributes({ algorithm: stated.algorithm, lengthBits }, stated);
  const found = blockMaterial(block);
  if (found.kind !== 'clear' || object.splitKeyMethod !== SplitKeyMethod.XOR) {
    if (found.kind === 'clear' && block.keyFormatType !== KeyFormatType.Raw) {
      throw formatNotSupported(block.keyFormatType, 'split keys (Raw)');
    }
    return facts(stated.lengthBits);
  }
  if (block.keyFormatType !== KeyFormatType.Raw) {
    throw formatNotSupported(block.keyFormatType, 'split keys (Raw)');
  }
  const lengthBits = bytesOf(found.material, block.keyFormatType).length * 8;
  if (stated.lengthBits !== undefined && stated.lengthBits !== lengthBits) {
    throw invalidField(
      `Cryptographic Length ${stated.lengthBits} does not match the XOR key share (${lengthBits} bits)`,
    );
  }
  return facts(lengthBits);
}

/**
 * Checks Secret Data (KMIP 1.4 §2.2.7): Raw or Opaque bytes, not empty. Nothing is derived:
 * Cryptographic Algorithm and Length do not apply to it.
 * @throws KmipResultError Invalid Field, Key Format Type Not Supported.
 */
export function registerSecretData(object: SecretData): RegisteredAttributes {
  const block = object.keyBlock;
  const found = blockMaterial(block);
  if (found.kind !== 'clear') return NOTHING_DERIVED;
  if (block.keyFormatType !== KeyFormatType.Raw && block.keyFormatType !== KeyFormatType.Opaque) {
    throw formatNotSupported(block.keyFormatType, 'secret data (Raw, Opaque)');
  }
  if (bytesOf(found.material, block.keyFormatType).length === 0) {
    throw invalidField('the secret data is empty');
  }
  return NOTHING_DERIVED;
}
