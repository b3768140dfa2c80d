/**
 * KMIP Cryptographic Algorithm values of asymmetric keys, as the key families src/crypto
 * handles (RSA, EC, Ed25519, DSA), and the reading of the attributes that describe them, for
 * Create Key Pair and Register.
 */
import { CryptographicAlgorithm } from '../../kmip/generated/registry.ts';
import { isRawItem } from '../../kmip/messages/attribute-values.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { CryptographicDomainParametersValue } from '../../kmip/messages/common.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { invalidField } from '../pipeline/result-error.ts';
import { numberAttribute } from './attribute-input.ts';

/** An asymmetric key family of src/crypto (its KeyPairAlgorithm spelling). */
export type KeyFamily = 'RSA' | 'EC' | 'Ed25519' | 'DSA';

// KMIP names one EC key by what it is for (ECDSA, ECDH, ECMQV) or generically (EC, 1.2+):
// all four are the same key material.
const FAMILY_BY_ALGORITHM: ReadonlyMap<number, KeyFamily> = new Map([
  [CryptographicAlgorithm.RSA, 'RSA'],
  [CryptographicAlgorithm.EC, 'EC'],
  [CryptographicAlgorithm.ECDSA, 'EC'],
  [CryptographicAlgorithm.ECDH, 'EC'],
  [CryptographicAlgorithm.ECMQV, 'EC'],
  [CryptographicAlgorithm.Ed25519, 'Ed25519'],
  [CryptographicAlgorithm.DSA, 'DSA'],
]);

/** The Cryptographic Algorithm the server records for a key of `family` when none was stated. */
export const ALGORITHM_OF_FAMILY: Readonly<Record<KeyFamily, number>> = {
  RSA: CryptographicAlgorithm.RSA,
  EC: CryptographicAlgorithm.EC,
  Ed25519: CryptographicAlgorithm.Ed25519,
  DSA: CryptographicAlgorithm.DSA,
};

/** The key family of a Cryptographic Algorithm value, or undefined for other algorithms. */
export function keyFamilyOf(algorithm: number): KeyFamily | undefined {
  return FAMILY_BY_ALGORITHM.get(algorithm);
}

/** A Cryptographic Algorithm value as text for messages: its registry name or hex. */
export function algorithmName(algorithm: number): string {
  return (
    enumValueEntry('CryptographicAlgorithm', algorithm)?.name ??
    `0x${(algorithm >>> 0).toString(16)}`
  );
}

/** A Recommended Curve value as text for messages: its registry name or hex. */
export function curveName(curve: number): string {
  return enumValueEntry('RecommendedCurve', curve)?.name ?? `0x${(curve >>> 0).toString(16)}`;
}

/**
 * The number value of a single-valued attribute, undefined when absent.
 * @throws KmipResultError Invalid Field when the value is not a number.
 */
export function statedNumber(attributes: readonly Attribute[], name: string): number | undefined {
  const value = numberAttribute(attributes, name);
  if (value === 'invalid') throw invalidField(`the ${name} attribute has the wrong type`);
  return value;
}

// The Cryptographic Domain Parameters attribute's value, checked for its shape.
function statedDomainParameters(
  attributes: readonly Attribute[],
): CryptographicDomainParametersValue | undefined {
  const found = attributes.find((a) => a.name === 'CryptographicDomainParameters');
  if (found === undefined) return undefined;
  const value = found.value;
  if (
    typeof value !== 'object' ||
    value instanceof Uint8Array ||
    value instanceof Date ||
    isRawItem(value)
  ) {
    throw invalidField('the CryptographicDomainParameters attribute has the wrong type');
  }
  return value as CryptographicDomainParametersValue;
}

/**
 * The Recommended Curve of the Cryptographic Domain Parameters attribute, undefined when the
 * attribute or its curve is absent.
 * @throws KmipResultError Invalid Field when the attribute is not a Cryptographic Domain
 *   Parameters structure.
 */
export function statedCurve(attributes: readonly Attribute[]): number | undefined {
  return statedDomainParameters(attributes)?.recommendedCurve;
}

/**
 * The Qlength of the Cryptographic Domain Parameters attribute (KMIP 1.4 §3.7: the size in
 * bits of the group's order Q), undefined when absent.
 * @throws KmipResultError Invalid Field when the attribute is not a Cryptographic Domain
 *   Parameters structure.
 */
export function statedQlength(attributes: readonly Attribute[]): number | undefined {
  return statedDomainParameters(attributes)?.qlength;
}
