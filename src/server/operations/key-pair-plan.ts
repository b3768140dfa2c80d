/**
 * What Create Key Pair generates, read from the merged attributes of each key: the attribute
 * sets are combined as KMIP 1.4 §4.2 / 2.1 §6.1.7 say (the private or public key's own
 * attributes win over the common ones for single-valued attributes, multi-valued ones are the
 * union), then both keys must name the same algorithm, length and curve. Like PyKMIP, the
 * Cryptographic Algorithm is required; so is the Cryptographic Length, except for EC, where
 * the Recommended Curve of Cryptographic Domain Parameters may stand in for it, and Ed25519,
 * whose length is fixed. A DSA pair may state the size of Q as the Qlength of Cryptographic
 * Domain Parameters.
 */
import { GENERATED_EC_CURVES, EC_CURVES, type KeyPairSpec } from '../../crypto/index.ts';
import { LinkType, RecommendedCurve } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { LinkValue } from '../../kmip/messages/common.ts';
import { attributeRule, CUSTOM_ATTRIBUTE_RULE } from '../objects/index.ts';
import { invalidField } from '../pipeline/result-error.ts';
import {
  algorithmName,
  curveName,
  keyFamilyOf,
  statedCurve,
  statedQlength,
  statedNumber,
} from './asymmetric-algorithm.ts';

/** The key pair to generate and the attributes it implies. */
export interface KeyPairPlan {
  readonly spec: KeyPairSpec;
  /** The Cryptographic Algorithm value both keys carry (as the client named it). */
  readonly algorithm: number;
  /** The Cryptographic Length both keys carry. */
  readonly lengthBits: number;
  /** The Recommended Curve of an EC pair. */
  readonly curve?: number;
  /** True when the client gave no Cryptographic Length and the server chose it. */
  readonly isLengthImplicit: boolean;
}

const SERVER_LINKS: ReadonlySet<number> = new Set([
  LinkType.PrivateKeyLink,
  LinkType.PublicKeyLink,
]);

/**
 * The attributes of one key: its own set over the common set.
 * @throws KmipResultError Invalid Field for a Private Key Link or Public Key Link, which the
 *   server sets.
 */
export function mergeKeyAttributes(
  common: readonly Attribute[],
  own: readonly Attribute[],
): Attribute[] {
  const ownNames = new Set(own.map((a) => a.name));
  const merged = [
    ...common.filter(
      (a) =>
        (attributeRule(a.name) ?? CUSTOM_ATTRIBUTE_RULE).isMultiValued || !ownNames.has(a.name),
    ),
    ...own,
  ];
  for (const attribute of merged) {
    if (attribute.name !== 'Link') continue;
    const link = attribute.value as Partial<LinkValue>;
    if (typeof link.linkType === 'number' && SERVER_LINKS.has(link.linkType)) {
      throw invalidField('the server sets the Private Key Link and Public Key Link of a key pair');
    }
  }
  return merged;
}

/** The one value both keys give (or that one of them gives), undefined when neither does. */
function agreed(
  privateValue: number | undefined,
  publicValue: number | undefined,
  what: string,
): number | undefined {
  if (privateValue !== undefined && publicValue !== undefined && privateValue !== publicValue) {
    throw invalidField(`the public and private key must have the same ${what}`);
  }
  return privateValue ?? publicValue;
}

function ecPlan(
  algorithm: number,
  length: number | undefined,
  curve: number | undefined,
): KeyPairPlan {
  const byCurve =
    curve === undefined
      ? undefined
      : GENERATED_EC_CURVES.find((name) => RecommendedCurve[name] === curve);
  if (curve !== undefined && byCurve === undefined) {
    throw invalidField(
      `Recommended Curve ${curveName(curve)} is not supported for key pairs (${GENERATED_EC_CURVES.join(', ')})`,
    );
  }
  if (
    length !== undefined &&
    !GENERATED_EC_CURVES.some((name) => EC_CURVES[name].bits === length)
  ) {
    throw invalidField(`Cryptographic Length ${length} is not valid for EC (256, 384 or 521)`);
  }
  if (byCurve !== undefined && length !== undefined && EC_CURVES[byCurve].bits !== length) {
    throw invalidField(
      `Cryptographic Length ${length} does not match Recommended Curve ${byCurve}`,
    );
  }
  // A bare length picks the first curve of that size (256 → P_256).
  const byLength =
    length === undefined
      ? undefined
      : GENERATED_EC_CURVES.find((name) => EC_CURVES[name].bits === length);
  const name = byCurve ?? byLength;
  if (name === undefined) {
    throw invalidField(
      'an EC key pair needs the Cryptographic Length or the Recommended Curve of Cryptographic Domain Parameters',
    );
  }
  return {
    spec: { algorithm: 'EC', curve: name },
    algorithm,
    lengthBits: EC_CURVES[name].bits,
    curve: RecommendedCurve[name],
    isLengthImplicit: length === undefined,
  };
}

/**
 * The key pair both keys' attributes describe.
 * @throws KmipResultError Invalid Field for a missing or unsupported algorithm, a missing or
 *   invalid length or curve, or keys that disagree.
 */
export function planKeyPair(
  privateAttributes: readonly Attribute[],
  publicAttributes: readonly Attribute[],
): KeyPairPlan {
  const read = (name: string) =>
    agreed(statedNumber(privateAttributes, name), statedNumber(publicAttributes, name), name);
  const algorithm = read('CryptographicAlgorithm');
  if (algorithm === undefined) {
    throw invalidField('the CryptographicAlgorithm attribute is required');
  }
  const length = read('CryptographicLength');
  const curve = agreed(
    statedCurve(privateAttributes),
    statedCurve(publicAttributes),
    'Recommended Curve',
  );
  const family = keyFamilyOf(algorithm);
  switch (family) {
    case 'RSA':
      if (curve !== undefined) throw invalidField('RSA keys have no Recommended Curve');
      if (length === undefined) {
        throw invalidField('the CryptographicLength attribute is required');
      }
      return {
        spec: { algorithm: 'RSA', lengthBits: length },
        algorithm,
        lengthBits: length,
        isLengthImplicit: false,
      };
    case 'EC': {
      // KMIP 1.4 §3.7 Qlength: a client may state the curve's size there (OASIS
      // TC-DERIVEKEY-6); it must fit, and then the length is not one the server chose.
      const qlength = agreed(
        statedQlength(privateAttributes),
        statedQlength(publicAttributes),
        'Qlength',
      );
      const plan = ecPlan(algorithm, length, curve);
      if (qlength === undefined) return plan;
      if (qlength !== plan.lengthBits) {
        throw invalidField(`Qlength ${qlength} does not match the curve (${plan.lengthBits} bits)`);
      }
      return { ...plan, isLengthImplicit: false };
    }
    case 'Ed25519':
      // RFC 8032 §5.1.5: 32-byte keys on edwards25519 (KMIP 2.0 names its curve CURVE25519).
      if (length !== undefined && length !== 256) {
        throw invalidField(`Cryptographic Length ${length} is not valid for Ed25519 (256)`);
      }
      if (curve !== undefined && curve !== RecommendedCurve.CURVE25519) {
        throw invalidField(`Recommended Curve ${curveName(curve)} is not valid for Ed25519`);
      }
      return {
        spec: { algorithm: 'Ed25519' },
        algorithm,
        lengthBits: 256,
        isLengthImplicit: length === undefined,
      };
    case 'DSA': {
      // KMIP 1.4 §3.7 Qlength picks the size of Q (2048-bit P: 224 or 256; default 256).
      if (curve !== undefined) throw invalidField('DSA keys have no Recommended Curve');
      if (length === undefined) {
        throw invalidField('the CryptographicLength attribute is required');
      }
      const qlength = agreed(
        statedQlength(privateAttributes),
        statedQlength(publicAttributes),
        'Qlength',
      );
      return {
        spec: {
          algorithm: 'DSA',
          lengthBits: length,
          ...(qlength === undefined ? {} : { divisorBits: qlength }),
        },
        algorithm,
        lengthBits: length,
        isLengthImplicit: false,
      };
    }
    case undefined:
      throw invalidField(
        `Cryptographic Algorithm ${algorithmName(algorithm)} is not supported for key pairs (RSA, EC, Ed25519, DSA)`,
      );
  }
}
