/**
 * The key material of a usable key in the form src/crypto takes: the raw bytes of a symmetric
 * key, or the DER of a public or private key with its format name. Transparent keys are
 * converted to DER first (KMIP 1.4 §2.1.7).
 */
import { KeyFormatType, ResultReason } from '../../kmip/generated/registry.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import type { UsableKey } from './key-use.ts';
import { formatName } from './register-key-block.ts';
import { readTransparentKey, TRANSPARENT_KEY_FORMATS } from './transparent-key.ts';

/** DER key material with its KMIP Key Format Type name. */
export interface DerKey {
  readonly der: Uint8Array;
  readonly format: 'PKCS_1' | 'PKCS_8' | 'X_509' | 'ECPrivateKey';
}

const DER_FORMATS: ReadonlyMap<number, DerKey['format']> = new Map([
  [KeyFormatType.PKCS_1, 'PKCS_1'],
  [KeyFormatType.PKCS_8, 'PKCS_8'],
  [KeyFormatType.X_509, 'X_509'],
  [KeyFormatType.ECPrivateKey, 'ECPrivateKey'],
]);

function unusable(key: UsableKey): KmipResultError {
  return new KmipResultError(
    ResultReason.KeyFormatTypeNotSupported,
    `Key Format Type ${formatName(key.keyBlock.keyFormatType)} of object ${JSON.stringify(key.record.id)} cannot be used for cryptographic operations`,
  );
}

function materialOf(key: UsableKey) {
  const value = key.keyBlock.keyValue;
  // requireKeyForUse has refused absent and opaque (wrapped) values.
  if (value === undefined || value instanceof Uint8Array) throw unusable(key);
  return value.keyMaterial;
}

/**
 * The bytes of a symmetric key (Raw or Transparent Symmetric Key format).
 * @throws KmipResultError Key Format Type Not Supported.
 */
export function symmetricKeyBytes(key: UsableKey): Uint8Array {
  const material = materialOf(key);
  if (material instanceof Uint8Array) return material;
  // Transparent Symmetric Key: a structure whose one field is the Key byte string.
  if (
    key.keyBlock.keyFormatType === KeyFormatType.TransparentSymmetricKey &&
    material.type === 'Structure'
  ) {
    const [first] = material.value;
    if (first?.type === 'ByteString') return first.value;
  }
  throw unusable(key);
}

/**
 * The DER of a public or private key.
 * @throws KmipResultError Key Format Type Not Supported, Invalid Field (a malformed Transparent key).
 */
export function asymmetricKeyDer(key: UsableKey, ctx: OperationContext): DerKey {
  const format = DER_FORMATS.get(key.keyBlock.keyFormatType);
  const material = materialOf(key);
  if (format !== undefined && material instanceof Uint8Array) return { der: material, format };
  if (TRANSPARENT_KEY_FORMATS.has(key.keyBlock.keyFormatType)) {
    const transparent = readTransparentKey(key.keyBlock.keyFormatType, material);
    return transparent.isPrivate
      ? {
          der: ctx.crypto.privateKeyFromTransparentForm(transparent.key, 'PKCS_8'),
          format: 'PKCS_8',
        }
      : { der: ctx.crypto.publicKeyFromTransparentForm(transparent.key, 'X_509'), format: 'X_509' };
  }
  throw unusable(key);
}
