/**
 * What Register reads from the Key Block of a key, split key or secret data object (KMIP
 * 1.4 §2.1.3, 2.1 §2.1.3): the key material when the block carries it in the clear, and the
 * Cryptographic Algorithm / Length the block and the request's attributes state, which must
 * agree. Messages name fields, never material.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { KeyBlock } from '../../kmip/messages/key-block.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { statedNumber } from './asymmetric-algorithm.ts';

/** What Register derives for an object: attributes set by the server, and the implicit ones. */
export interface RegisteredAttributes {
  /** Attributes the server sets from the object; they replace client instances of the name. */
  readonly serverAttributes: readonly Attribute[];
  /**
   * Those of them the client could have stated but did not (the optional Template-Attribute
   * of a KMIP 1.x Register response).
   */
  readonly implicit: readonly Attribute[];
}

/** No attributes derived. */
export const NOTHING_DERIVED: RegisteredAttributes = { serverAttributes: [], implicit: [] };

/** The Cryptographic Algorithm and Length a request states for a key. */
export interface StatedKeyFacts {
  readonly algorithm: number | undefined;
  readonly lengthBits: number | undefined;
}

function agreed(
  inBlock: number | undefined,
  inAttributes: number | undefined,
  name: string,
): number | undefined {
  if (inBlock !== undefined && inAttributes !== undefined && inBlock !== inAttributes) {
    throw invalidField(`the Key Block and the ${name} attribute disagree`);
  }
  return inBlock ?? inAttributes;
}

/**
 * The algorithm and length the Key Block and the attributes state.
 * @throws KmipResultError Invalid Field when they disagree or an attribute has the wrong type.
 */
export function statedKeyFacts(block: KeyBlock, attributes: readonly Attribute[]): StatedKeyFacts {
  return {
    algorithm: agreed(
      block.cryptographicAlgorithm,
      statedNumber(attributes, 'CryptographicAlgorithm'),
      'CryptographicAlgorithm',
    ),
    lengthBits: agreed(
      block.cryptographicLength,
      statedNumber(attributes, 'CryptographicLength'),
      'CryptographicLength',
    ),
  };
}

/**
 * The Key Material of a block in the clear, `wrapped` when the server cannot read it, or
 * `absent` for a metadata-only object (no Key Value).
 */
export type BlockMaterial =
  | { readonly kind: 'clear'; readonly material: Uint8Array | KmipItem }
  | { readonly kind: 'wrapped' }
  | { readonly kind: 'absent' };

/**
 * The material of a Key Block. A wrapped key (KMIP 1.4 §2.1.5) is stored as it came, unread;
 * so is a block without a Key Value: a metadata-only object whose key lives elsewhere (KMIP
 * 1.4 §2.1.3 Key Value optional, §3.41 Key Value Present, §3.42 Key Value Location).
 * @throws KmipResultError Key Compression Type Not Supported for a compressed key (unless
 *   the caller checks the compression itself: `isCompressionChecked`).
 */
export function blockMaterial(
  block: KeyBlock,
  options: { readonly isCompressionChecked?: boolean } = {},
): BlockMaterial {
  if (block.keyValue === undefined) return { kind: 'absent' };
  if (block.keyWrappingData !== undefined || block.keyValue instanceof Uint8Array) {
    return { kind: 'wrapped' };
  }
  // Only EC public keys have one; registerAsymmetricKey checks it (ec-compression.ts).
  if (block.keyCompressionType !== undefined && options.isCompressionChecked !== true) {
    throw new KmipResultError(
      ResultReason.KeyCompressionTypeNotSupported,
      'compressed key material is not supported',
    );
  }
  return { kind: 'clear', material: block.keyValue.keyMaterial };
}

/** The registry name of a Key Format Type value, or its hex. */
export function formatName(keyFormatType: number): string {
  return (
    enumValueEntry('KeyFormatType', keyFormatType)?.name ??
    `0x${(keyFormatType >>> 0).toString(16)}`
  );
}

/** Key Format Type Not Supported for an object kind. */
export function formatNotSupported(keyFormatType: number, what: string): KmipResultError {
  return new KmipResultError(
    ResultReason.KeyFormatTypeNotSupported,
    `Key Format Type ${formatName(keyFormatType)} is not supported for ${what}`,
  );
}

/**
 * Material that must be a Byte String in this format.
 * @throws KmipResultError Invalid Field for a structure.
 */
export function bytesOf(material: Uint8Array | KmipItem, keyFormatType: number): Uint8Array {
  if (material instanceof Uint8Array) return material;
  throw invalidField(
    `the Key Material of Key Format Type ${formatName(keyFormatType)} is a Byte String`,
  );
}

/**
 * The server attributes for an algorithm and length, with the implicit ones: those `stated`
 * does not hold.
 */
export function algorithmAttributes(
  facts: { readonly algorithm: number; readonly lengthBits: number | undefined },
  stated: StatedKeyFacts,
): RegisteredAttributes {
  const serverAttributes: Attribute[] = [
    { name: 'CryptographicAlgorithm', value: facts.algorithm },
  ];
  const implicit: Attribute[] = [];
  if (stated.algorithm === undefined) implicit.push(serverAttributes[0] as Attribute);
  if (facts.lengthBits !== undefined) {
    const length: Attribute = { name: 'CryptographicLength', value: facts.lengthBits };
    serverAttributes.push(length);
    if (stated.lengthBits === undefined) implicit.push(length);
  }
  return { serverAttributes, implicit };
}

/** Whether an object is a key block without its Key Value (a metadata-only object). */
export function isMetadataOnly(object: ManagedObject): boolean {
  return 'keyBlock' in object && object.keyBlock.keyValue === undefined;
}
