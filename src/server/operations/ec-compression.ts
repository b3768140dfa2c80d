/**
 * Key Compression Type (KMIP 1.4 §2.1.3 Key Block, §4.11 Get; enumeration §9.1.3.2.38): how
 * the point of an EC public key is encoded — uncompressed, X9.62 compressed (prime curves)
 * or X9.62 hybrid. It lives where the point does: the Q String of a Transparent EC Public Key
 * and the BIT STRING of an X.509 SubjectPublicKeyInfo. KMIP defines it for EC public keys
 * only. Compressed Char2 (binary curves) is not supported: Keywarden knows no binary curve.
 */
import type { EcPointForm } from '../../crypto/index.ts';
import {
  KeyCompressionType,
  KeyFormatType,
  ResultReason,
  Tag,
} from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type { KeyBlock } from '../../kmip/messages/key-block.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { readTransparentKey } from './transparent-key.ts';

const FORMS: Readonly<Partial<Record<number, EcPointForm>>> = {
  [KeyCompressionType.ECPublicKeyTypeUncompressed]: 'uncompressed',
  [KeyCompressionType.ECPublicKeyTypeX9_62CompressedPrime]: 'compressed',
  [KeyCompressionType.ECPublicKeyTypeX9_62Hybrid]: 'hybrid',
};

const notSupported = (message: string) =>
  new KmipResultError(ResultReason.KeyCompressionTypeNotSupported, message);

const compressionName = (type: number): string =>
  enumValueEntry('KeyCompressionType', type)?.name ?? `0x${(type >>> 0).toString(16)}`;

/**
 * The point form of a Key Compression Type.
 * @throws KmipResultError Key Compression Type Not Supported for Char2 and unknown values.
 */
export function pointFormOf(type: number): EcPointForm {
  const form = FORMS[type];
  if (form === undefined) {
    throw notSupported(
      `Key Compression Type ${compressionName(type)} is not supported (EC points on prime curves: uncompressed, X9.62 compressed, X9.62 hybrid)`,
    );
  }
  return form;
}

/** The EC point of a public key block in the clear, or undefined when the format holds none. */
function pointOf(block: KeyBlock, ctx: OperationContext): Uint8Array | undefined {
  const value = block.keyValue;
  if (value === undefined || value instanceof Uint8Array) return undefined;
  const material = value.keyMaterial;
  if (block.keyFormatType === KeyFormatType.X_509 && material instanceof Uint8Array) {
    try {
      return ctx.crypto.readEcSpki(material).point;
    } catch (error) {
      if (error instanceof ctx.crypto.CryptoUnsupportedAlgorithmError) return undefined;
      throw error;
    }
  }
  if (block.keyFormatType === KeyFormatType.TransparentECPublicKey) {
    const transparent = readTransparentKey(block.keyFormatType, material);
    if (!transparent.isPrivate && transparent.key.format === 'TransparentECPublicKey')
      return transparent.key.qString;
  }
  return undefined;
}

/**
 * Register: a Key Block's Key Compression Type must describe its point (an EC public key as
 * X.509 or Transparent EC Public Key whose point is in that form).
 * @throws KmipResultError Key Compression Type Not Supported (not an EC public key in a format
 *   that holds a point, Char2), Invalid Field (the point is in another form).
 */
export function checkRegisteredCompression(block: KeyBlock, ctx: OperationContext): void {
  const type = block.keyCompressionType;
  if (type === undefined) return;
  const form = pointFormOf(type);
  let point: Uint8Array | undefined;
  try {
    point = pointOf(block, ctx);
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoKeyFormatError) return; // the format check reports it
    throw error;
  }
  if (point === undefined) {
    throw notSupported(
      'a Key Compression Type is only accepted for EC public keys as X.509 or Transparent EC Public Key',
    );
  }
  if (ctx.crypto.ecPointForm(point) !== form) {
    throw invalidField(
      `Key Compression Type ${compressionName(type)} does not match the encoding of the EC point`,
    );
  }
}

function withPoint(block: KeyBlock, point: Uint8Array, ctx: OperationContext, form: EcPointForm) {
  const value = block.keyValue;
  if (value === undefined || value instanceof Uint8Array) return undefined;
  const material = value.keyMaterial;
  if (block.keyFormatType === KeyFormatType.X_509 && material instanceof Uint8Array) {
    return ctx.crypto.convertSpkiEcPoint(material, form);
  }
  if (material instanceof Uint8Array || material.type !== 'Structure') return undefined;
  const transparent = readTransparentKey(block.keyFormatType, material);
  if (transparent.isPrivate || transparent.key.format !== 'TransparentECPublicKey')
    return undefined;
  const converted = ctx.crypto.convertEcPoint(point, transparent.key.recommendedCurve, form);
  const fields = material.value.map((item): KmipItem =>
    item.tag === Tag.QString ? { tag: Tag.QString, type: 'ByteString', value: converted } : item,
  );
  return { ...material, value: fields };
}

/**
 * Get: `object` (an EC public key, in the clear) with its point in the form of `type`, and the
 * Key Block's Key Compression Type saying so — except for an uncompressed point the client did
 * not ask a compression for (`isAsked` false) of a key stored without one: such keys have always
 * been served without the field.
 * @throws KmipResultError Key Compression Type Not Supported for anything but an EC public key
 *   in X.509 or Transparent EC Public Key form, for a key stored wrapped in another form, Char2.
 */
export function compressEcPublicKey(
  object: ManagedObject,
  type: number,
  ctx: OperationContext,
  isAsked: boolean,
): ManagedObject {
  if (object.kind !== 'PublicKey')
    throw notSupported('a Key Compression Type applies to EC public keys only');
  const block = object.keyBlock;
  const form = pointFormOf(type);
  if (block.keyWrappingData !== undefined) {
    if ((block.keyCompressionType ?? KeyCompressionType.ECPublicKeyTypeUncompressed) === type)
      return object;
    throw notSupported('the key is stored wrapped; its point cannot be re-encoded');
  }
  const point = pointOf(block, ctx);
  const material = point === undefined ? undefined : withPoint(block, point, ctx, form);
  if (
    material === undefined ||
    block.keyValue === undefined ||
    block.keyValue instanceof Uint8Array
  ) {
    throw notSupported(
      'a Key Compression Type applies to EC public keys as X.509 or Transparent EC Public Key',
    );
  }
  const keepsNoType = !isAsked && form === 'uncompressed' && block.keyCompressionType === undefined;
  const { keyCompressionType: _dropped, ...rest } = block;
  void _dropped;
  return {
    ...object,
    keyBlock: {
      ...rest,
      ...(keepsNoType ? {} : { keyCompressionType: type }),
      keyValue: { ...block.keyValue, keyMaterial: material },
    },
  };
}
