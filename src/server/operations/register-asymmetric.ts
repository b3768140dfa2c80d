/**
 * Register checks for Public Key and Private Key objects (KMIP 1.4 §2.2.3, §2.2.4): the
 * material must parse in its Key Format Type (PKCS#1, PKCS#8, X.509 SubjectPublicKeyInfo,
 * ECPrivateKey, or the Transparent RSA/EC/DSA structures) as a key of the object's kind, of a
 * family src/crypto knows (RSA, EC on a known curve, Ed25519, DSA). Raw is not a format of
 * public or private keys (KMIP 1.4 §2.1.3 defines it for symmetric keys): Key Format Type
 * Not Supported. The Cryptographic Algorithm,
 * Length and, for EC, the Recommended Curve are read from the key; stated values must agree.
 * An EC public key may state its point's Key Compression Type (checked against the point).
 * The object is stored as registered; wrapped material is stored unread.
 */
import type { KeyDescription } from '../../crypto/index.ts';
import { KeyFormatType, RecommendedCurve } from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { PrivateKey, PublicKey } from '../../kmip/messages/objects.ts';
import { invalidField } from '../pipeline/result-error.ts';
import {
  ALGORITHM_OF_FAMILY,
  algorithmName,
  curveName,
  keyFamilyOf,
  statedCurve,
} from './asymmetric-algorithm.ts';
import type { OperationContext } from './context.ts';
import { checkRegisteredCompression } from './ec-compression.ts';
import {
  algorithmAttributes,
  blockMaterial,
  bytesOf,
  formatName,
  formatNotSupported,
  statedKeyFacts,
  type RegisteredAttributes,
  type StatedKeyFacts,
} from './register-key-block.ts';
import { readTransparentKey, TRANSPARENT_KEY_FORMATS } from './transparent-key.ts';

type Kind = 'PublicKey' | 'PrivateKey';

const DER_FORMATS: Readonly<
  Record<Kind, ReadonlyMap<number, 'PKCS_1' | 'PKCS_8' | 'X_509' | 'ECPrivateKey'>>
> = {
  PublicKey: new Map([
    [KeyFormatType.PKCS_1, 'PKCS_1'],
    [KeyFormatType.X_509, 'X_509'],
  ]),
  PrivateKey: new Map([
    [KeyFormatType.PKCS_1, 'PKCS_1'],
    [KeyFormatType.PKCS_8, 'PKCS_8'],
    [KeyFormatType.ECPrivateKey, 'ECPrivateKey'],
  ]),
};

const KIND_TEXT: Readonly<Record<Kind, string>> = {
  PublicKey: 'public key',
  PrivateKey: 'private key',
};

/**
 * Runs a src/crypto parse, turning its refusals into Invalid Field with a fixed message (the
 * material is never echoed).
 */
function parsed<T>(ctx: OperationContext, format: string, kind: Kind, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (
      error instanceof ctx.crypto.CryptoKeyFormatError ||
      error instanceof ctx.crypto.CryptoUnsupportedFormatError
    ) {
      throw invalidField(`the key material is not a valid ${format} ${KIND_TEXT[kind]}`);
    }
    if (error instanceof ctx.crypto.CryptoUnsupportedAlgorithmError) {
      throw invalidField('the key type is not supported (RSA, EC on a known curve, Ed25519, DSA)');
    }
    throw error;
  }
}

/** The description of the key in the block, in its format. */
function describe(
  kind: Kind,
  keyFormatType: number,
  material: Uint8Array | KmipItem,
  ctx: OperationContext,
): KeyDescription {
  const format = formatName(keyFormatType);
  const der = DER_FORMATS[kind].get(keyFormatType);
  if (der !== undefined) {
    const bytes = bytesOf(material, keyFormatType);
    return parsed(ctx, format, kind, () => ctx.crypto.describeKey(bytes, der));
  }
  if (TRANSPARENT_KEY_FORMATS.has(keyFormatType)) {
    const transparent = readTransparentKey(keyFormatType, material);
    if (transparent.isPrivate !== (kind === 'PrivateKey')) {
      throw invalidField(`Key Format Type ${format} does not hold a ${KIND_TEXT[kind]}`);
    }
    return parsed(ctx, format, kind, () =>
      transparent.isPrivate
        ? ctx.crypto.describeKey(
            ctx.crypto.privateKeyFromTransparentForm(transparent.key, 'PKCS_8'),
            'PKCS_8',
          )
        : ctx.crypto.describeKey(
            ctx.crypto.publicKeyFromTransparentForm(transparent.key, 'X_509'),
            'X_509',
          ),
    );
  }
  const other: Kind = kind === 'PublicKey' ? 'PrivateKey' : 'PublicKey';
  if (DER_FORMATS[other].has(keyFormatType)) {
    throw invalidField(`Key Format Type ${format} does not hold a ${KIND_TEXT[kind]}`);
  }
  throw formatNotSupported(keyFormatType, `${KIND_TEXT[kind]}s`);
}

/** The attributes a key description implies, checked against what the request stated. */
function describedAttributes(
  description: KeyDescription,
  stated: StatedKeyFacts,
  attributes: readonly Attribute[],
): RegisteredAttributes {
  const family = description.algorithm;
  if (stated.algorithm !== undefined && keyFamilyOf(stated.algorithm) !== family) {
    throw invalidField(
      `Cryptographic Algorithm ${algorithmName(stated.algorithm)} does not match the key material (${family})`,
    );
  }
  if (stated.lengthBits !== undefined && stated.lengthBits !== description.lengthBits) {
    throw invalidField(
      `Cryptographic Length ${stated.lengthBits} does not match the key material (${description.lengthBits} bits)`,
    );
  }
  const derived = algorithmAttributes(
    {
      algorithm: stated.algorithm ?? ALGORITHM_OF_FAMILY[family],
      lengthBits: description.lengthBits,
    },
    stated,
  );
  const curve =
    description.curve === undefined
      ? undefined
      : (RecommendedCurve as Readonly<Record<string, number>>)[description.curve];
  const givenCurve = statedCurve(attributes);
  if (givenCurve !== undefined && givenCurve !== curve) {
    throw invalidField(
      `Recommended Curve ${curveName(givenCurve)} does not match the key material`,
    );
  }
  if (curve === undefined || givenCurve !== undefined) return derived;
  // Not in `implicit`: PyKMIP 0.10 cannot parse Cryptographic Domain Parameters in a response.
  return {
    serverAttributes: [
      ...derived.serverAttributes,
      { name: 'CryptographicDomainParameters', value: { recommendedCurve: curve } },
    ],
    implicit: derived.implicit,
  };
}

/**
 * Checks a Public Key or Private Key for Register; the attributes it records.
 * @throws KmipResultError Invalid Field (material that does not parse as a key of this kind
 *   in its format, an unsupported key type, stated values that contradict the key, a wrapped
 *   key without algorithm and length), Key Format Type Not Supported.
 */
export function registerAsymmetricKey(
  object: PublicKey | PrivateKey,
  attributes: readonly Attribute[],
  ctx: OperationContext,
): RegisteredAttributes {
  const block = object.keyBlock;
  const stated = statedKeyFacts(block, attributes);
  const found = blockMaterial(block, { isCompressionChecked: object.kind === 'PublicKey' });
  if (found.kind !== 'clear') {
    if (stated.algorithm === undefined || stated.lengthBits === undefined) {
      throw invalidField(
        'the Cryptographic Algorithm and Length of a wrapped or metadata-only key are required',
      );
    }
    if (keyFamilyOf(stated.algorithm) === undefined) {
      throw invalidField(
        `Cryptographic Algorithm ${algorithmName(stated.algorithm)} is not supported for public and private keys`,
      );
    }
    return algorithmAttributes(
      { algorithm: stated.algorithm, lengthBits: stated.lengthBits },
      stated,
    );
  }
  const description = describe(object.kind, block.keyFormatType, found.material, ctx);
  if (description.isPrivate !== (object.kind === 'PrivateKey')) {
    throw invalidField(
      `the key material is a ${description.isPrivate ? 'private' : 'public'} key, not a ${KIND_TEXT[object.kind]}`,
    );
  }
  // KMIP 1.4 §2.1.3: a Key Compression Type says how an EC public key's point is encoded.
  checkRegisteredCompression(block, ctx);
  return describedAttributes(description, stated, attributes);
}
