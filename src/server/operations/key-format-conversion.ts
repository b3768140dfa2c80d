/**
 * Get with a Key Format Type (KMIP 1.4 §4.11 / 2.1 §6.1.22, formats §2.1.3 / §2.1.7): the
 * key re-encoded in the format the client asked for. Symmetric keys: Raw ↔ Transparent
 * Symmetric Key. Private keys: PKCS#1 (RSA), PKCS#8, ECPrivateKey (EC), Transparent RSA /
 * EC / DSA Private Key. Public keys: PKCS#1 (RSA), X.509 SubjectPublicKeyInfo, Transparent
 * RSA / EC / DSA Public Key. Certificates: X.509 (the DER Certificate Value KMIP always carries; KMIP
 * defines no PEM Key Format Type). Anything else, including a conversion the key's algorithm
 * has no encoding for (PKCS#1 of an EC key) and any conversion of a key stored wrapped, is
 * Key Format Type Not Supported.
 */
import type {
  PrivateKeyFormat,
  PublicKeyFormat,
  TransparentPrivateKey,
  TransparentPublicKey,
} from '../../crypto/index.ts';
import { KeyFormatType, RecommendedCurve, Tag } from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type { KeyBlock, KeyValue } from '../../kmip/messages/key-block.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type { OperationContext } from './context.ts';
import { bytesOf, formatNotSupported } from './register-key-block.ts';
import { readTransparentKey, TRANSPARENT_KEY_FORMATS } from './transparent-key.ts';

const PRIVATE_DER = new Map<number, PrivateKeyFormat>([
  [KeyFormatType.PKCS_1, 'PKCS_1'],
  [KeyFormatType.PKCS_8, 'PKCS_8'],
  [KeyFormatType.ECPrivateKey, 'ECPrivateKey'],
]);
const PUBLIC_DER = new Map<number, PublicKeyFormat>([
  [KeyFormatType.PKCS_1, 'PKCS_1'],
  [KeyFormatType.X_509, 'X_509'],
]);

const big = (tag: number, value: bigint): KmipItem => ({ tag, type: 'BigInteger', value });

/** A Transparent key as the Key Material structure of KMIP 1.4 §2.1.7. */
export function transparentKeyItem(key: TransparentPrivateKey | TransparentPublicKey): KmipItem {
  const fields: KmipItem[] = [];
  switch (key.format) {
    case 'TransparentRSAPrivateKey':
      fields.push(
        big(Tag.Modulus, key.modulus),
        big(Tag.PrivateExponent, key.privateExponent),
        big(Tag.PublicExponent, key.publicExponent),
        big(Tag.P, key.p),
        big(Tag.Q, key.q),
        big(Tag.PrimeExponentP, key.primeExponentP),
        big(Tag.PrimeExponentQ, key.primeExponentQ),
        big(Tag.CRTCoefficient, key.crtCoefficient),
      );
      break;
    case 'TransparentRSAPublicKey':
      fields.push(big(Tag.Modulus, key.modulus), big(Tag.PublicExponent, key.publicExponent));
      break;
    case 'TransparentECPrivateKey':
      fields.push(
        {
          tag: Tag.RecommendedCurve,
          type: 'Enumeration',
          value: RecommendedCurve[key.recommendedCurve],
        },
        big(Tag.D, key.d),
      );
      break;
    case 'TransparentDSAPrivateKey':
      fields.push(big(Tag.P, key.p), big(Tag.Q, key.q), big(Tag.G, key.g), big(Tag.X, key.x));
      break;
    case 'TransparentDSAPublicKey':
      fields.push(big(Tag.P, key.p), big(Tag.Q, key.q), big(Tag.G, key.g), big(Tag.Y, key.y));
      break;
    case 'TransparentECPublicKey':
      fields.push(
        {
          tag: Tag.RecommendedCurve,
          type: 'Enumeration',
          value: RecommendedCurve[key.recommendedCurve],
        },
        { tag: Tag.QString, type: 'ByteString', value: key.qString },
      );
      break;
  }
  return { tag: Tag.KeyMaterial, type: 'Structure', value: fields };
}

/** Runs a src/crypto conversion; what the key cannot be encoded as is Key Format Type Not Supported. */
function converted<T>(ctx: OperationContext, target: number, what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (
      error instanceof ctx.crypto.CryptoUnsupportedFormatError ||
      error instanceof ctx.crypto.CryptoUnsupportedAlgorithmError
    ) {
      throw formatNotSupported(target, what);
    }
    throw error;
  }
}

/** The PKCS#8 DER of a private key block in the clear. */
function privateKeyPkcs8(block: KeyBlock, material: Uint8Array | KmipItem, ctx: OperationContext) {
  const der = PRIVATE_DER.get(block.keyFormatType);
  if (der !== undefined) {
    return ctx.crypto.convertPrivateKey(bytesOf(material, block.keyFormatType), der, 'PKCS_8');
  }
  const transparent = readTransparentKey(block.keyFormatType, material);
  if (!transparent.isPrivate) throw new Error('stored private key holds a public key');
  return ctx.crypto.privateKeyFromTransparentForm(transparent.key, 'PKCS_8');
}

/** The SubjectPublicKeyInfo DER of a public key block in the clear. */
function publicKeySpki(block: KeyBlock, material: Uint8Array | KmipItem, ctx: OperationContext) {
  const der = PUBLIC_DER.get(block.keyFormatType);
  if (der !== undefined) {
    return ctx.crypto.convertPublicKey(bytesOf(material, block.keyFormatType), der, 'X_509');
  }
  const transparent = readTransparentKey(block.keyFormatType, material);
  if (transparent.isPrivate) throw new Error('stored public key holds a private key');
  return ctx.crypto.publicKeyFromTransparentForm(transparent.key, 'X_509');
}

const TRANSPARENT_OF: Readonly<Record<string, number>> = {
  TransparentRSAPrivateKey: KeyFormatType.TransparentRSAPrivateKey,
  TransparentRSAPublicKey: KeyFormatType.TransparentRSAPublicKey,
  TransparentECPrivateKey: KeyFormatType.TransparentECPrivateKey,
  TransparentECPublicKey: KeyFormatType.TransparentECPublicKey,
  TransparentDSAPrivateKey: KeyFormatType.TransparentDSAPrivateKey,
  TransparentDSAPublicKey: KeyFormatType.TransparentDSAPublicKey,
};

function symmetricMaterial(
  block: KeyBlock,
  material: Uint8Array | KmipItem,
  target: number,
): Uint8Array | KmipItem {
  const raw =
    block.keyFormatType === KeyFormatType.Raw
      ? bytesOf(material, block.keyFormatType)
      : material instanceof Uint8Array || material.type !== 'Structure'
        ? undefined
        : material.value.find((item) => item.tag === Tag.Key);
  const bytes =
    raw instanceof Uint8Array ? raw : raw?.type === 'ByteString' ? raw.value : undefined;
  if (bytes === undefined) throw new Error('stored symmetric key has no key bytes');
  if (target === KeyFormatType.Raw) return bytes;
  if (target === KeyFormatType.TransparentSymmetricKey) {
    return {
      tag: Tag.KeyMaterial,
      type: 'Structure',
      value: [{ tag: Tag.Key, type: 'ByteString', value: bytes }],
    };
  }
  throw formatNotSupported(target, 'symmetric keys (Raw, Transparent Symmetric Key)');
}

function asymmetricMaterial(
  kind: 'PrivateKey' | 'PublicKey',
  block: KeyBlock,
  material: Uint8Array | KmipItem,
  target: number,
  ctx: OperationContext,
): Uint8Array | KmipItem {
  const what = kind === 'PrivateKey' ? 'this private key' : 'this public key';
  const targets = kind === 'PrivateKey' ? PRIVATE_DER : PUBLIC_DER;
  const der = targets.get(target);
  if (der === undefined && !TRANSPARENT_KEY_FORMATS.has(target)) {
    throw formatNotSupported(target, what);
  }
  return converted(ctx, target, what, () => {
    if (kind === 'PrivateKey') {
      const pkcs8 = privateKeyPkcs8(block, material, ctx);
      if (der !== undefined) {
        return ctx.crypto.convertPrivateKey(pkcs8, 'PKCS_8', der as PrivateKeyFormat);
      }
      const transparent = ctx.crypto.privateKeyToTransparentForm(pkcs8, 'PKCS_8');
      if (TRANSPARENT_OF[transparent.format] !== target) throw formatNotSupported(target, what);
      return transparentKeyItem(transparent);
    }
    const spki = publicKeySpki(block, material, ctx);
    if (der !== undefined) {
      return ctx.crypto.convertPublicKey(spki, 'X_509', der as PublicKeyFormat);
    }
    const transparent = ctx.crypto.publicKeyToTransparentForm(spki, 'X_509');
    if (TRANSPARENT_OF[transparent.format] !== target) throw formatNotSupported(target, what);
    return transparentKeyItem(transparent);
  });
}

/**
 * `object` in Key Format Type `target`; the object itself when it already is.
 * @throws KmipResultError Key Format Type Not Supported (see the file header).
 */
export function convertKeyFormat(
  object: ManagedObject,
  target: number,
  ctx: OperationContext,
): ManagedObject {
  if (!('keyBlock' in object)) {
    if (object.kind === 'Certificate' && target === KeyFormatType.X_509) return object;
    throw formatNotSupported(target, `a ${object.kind} object`);
  }
  const block = object.keyBlock;
  if (block.keyFormatType === target) return object;
  const value = block.keyValue;
  if (value === undefined || value instanceof Uint8Array || block.keyWrappingData !== undefined) {
    throw formatNotSupported(target, 'a key stored wrapped');
  }
  let material: Uint8Array | KmipItem;
  switch (object.kind) {
    case 'SymmetricKey':
      material = symmetricMaterial(block, value.keyMaterial, target);
      break;
    case 'PrivateKey':
    case 'PublicKey':
      material = asymmetricMaterial(object.kind, block, value.keyMaterial, target, ctx);
      break;
    default:
      throw formatNotSupported(target, `a ${object.kind} object`);
  }
  const keyValue: KeyValue = { ...value, keyMaterial: material };
  return { ...object, keyBlock: { ...block, keyFormatType: target, keyValue } } as ManagedObject;
}
