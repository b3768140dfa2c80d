/**
 * Register of a wrapped key (KMIP 1.4 §2.1.5, §4.3; 2.1 §2.1.5, §6.1.45). Decision (see
 * docs/crypto.md "Key formats and wrapping"): when the Key Wrapping Data names keys this
 * server holds, the server checks the MAC/signature (key Active or Deactivated, MAC Verify /
 * Verify), decrypts with the named key (Active or Deactivated, Unwrap Key in its usage mask), decodes the Key Value
 * (TTLV Encoding, the default, or No Encoding) and registers the key in the clear — sealed
 * at rest like every key — so it can be used, converted and re-wrapped. A key wrapped under
 * a key the server does not hold (or one the Key Wrapping Data does not name) is stored as registered, unread (Get returns it as it came;
 * Key Wrap Type Not Wrapped is refused). Reasons: Cryptographic Failure (bad MAC/signature,
 * failed unwrap: one fixed message), Encoding Option Error, Feature Not Supported (other
 * Wrapping Methods), what `requireManagedKey` throws.
 */
import {
  CryptographicUsageMask,
  EncodingOption,
  ResultReason,
  Tag,
  WrappingMethod,
} from '../../kmip/generated/registry.ts';
import {
  keyValue as keyValueCodec,
  type KeyBlock,
  type KeyInformation,
} from '../../kmip/messages/key-block.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { decodeTtlv } from '../../kmip/ttlv/index.ts';
import { featureNotSupported, invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { decryptWithKey, verifyMacOrSignature } from './key-wrap-crypto.ts';
import { requireManagedKey } from './managed-key-use.ts';

// KMIP 1.4 §3.22: a Deactivated key no longer protects but may still process (unwrap,
// verify); Compromised keys are refused, as the server cannot judge the client's trust.
const PROCESSING_STATES = ['Active', 'Deactivated'] as const;

const unwrapFailed = () =>
  new KmipResultError(ResultReason.CryptographicFailure, 'unwrapping failed');

/** Whether the server holds (and the caller may see) the object `id`. */
async function holds(ctx: OperationContext, id: string): Promise<boolean> {
  try {
    await ctx.objects.getForOperation(id, 'Get');
    return true;
  } catch (error) {
    if (
      error instanceof KmipResultError &&
      (error.reason === ResultReason.ItemNotFound || error.reason === ResultReason.ObjectNotFound)
    ) {
      return false;
    }
    throw error;
  }
}

function idOf(ctx: OperationContext, info: KeyInformation | undefined): string | undefined {
  return info === undefined ? undefined : ctx.resolveId(info.uniqueIdentifier);
}

function decodeKeyValue(bytes: Uint8Array, block: KeyBlock, ctx: OperationContext): KeyBlock {
  const encoding = block.keyWrappingData?.encodingOption ?? EncodingOption.TTLVEncoding;
  const { keyWrappingData: _data, ...rest } = block;
  if (encoding === EncodingOption.NoEncoding) return { ...rest, keyValue: { keyMaterial: bytes } };
  if (encoding !== EncodingOption.TTLVEncoding) {
    throw new KmipResultError(ResultReason.EncodingOptionError, 'unknown Encoding Option');
  }
  let value;
  try {
    const item = decodeTtlv(bytes);
    if (item.tag !== Tag.KeyValue) throw new Error('not a Key Value');
    value = keyValueCodec.decode(item, { version: ctx.version }, ['KeyValue']);
  } catch {
    // The same answer as a failed integrity check: no oracle on the plaintext's shape.
    throw unwrapFailed();
  }
  if (value instanceof Uint8Array) throw unwrapFailed();
  return { ...rest, keyValue: value };
}

/**
 * `object` with its Key Block unwrapped when the server holds the keys it names; `object`
 * itself when it is not wrapped or wrapped under a key the server does not hold.
 * @throws KmipResultError (see the file header).
 */
export async function unwrapRegisteredObject(
  object: ManagedObject,
  ctx: OperationContext,
): Promise<ManagedObject> {
  if (!('keyBlock' in object)) return object;
  const block = object.keyBlock;
  const data = block.keyWrappingData;
  if (data === undefined) return object;
  // KMIP 1.4 §2.1.3: a wrapped Key Value is a Byte String; PyKMIP 0.10 sends the wrapped
  // bytes as the Key Material of a Key Value structure instead, which is read the same way.
  const value = block.keyValue;
  const wrapped =
    value instanceof Uint8Array
      ? value
      : value?.keyMaterial instanceof Uint8Array
        ? value.keyMaterial
        : undefined;
  if (wrapped === undefined) {
    throw invalidField('a wrapped Key Block carries its Key Value as a Byte String');
  }
  const method = data.wrappingMethod;
  if (
    method !== WrappingMethod.Encrypt &&
    method !== WrappingMethod.MACSign &&
    method !== WrappingMethod.EncryptThenMACSign
  ) {
    throw featureNotSupported(
      'Wrapping Methods supported: Encrypt, MAC/sign, Encrypt-then-MAC/sign',
    );
  }
  const encryptionId = idOf(ctx, data.encryptionKeyInformation);
  const macId = idOf(ctx, data.macSignatureKeyInformation);
  const needsEncryption = method !== WrappingMethod.MACSign;
  const needsMac = method !== WrappingMethod.Encrypt;
  // Wrapped under keys the request does not name, or that are held elsewhere: stored as
  // registered (KMIP lets the Key Information be left out when both sides know the key).
  if (needsEncryption && encryptionId === undefined) return object;
  if (needsMac && (macId === undefined || data.macSignature === undefined)) return object;
  for (const id of [encryptionId, macId]) {
    if (id !== undefined && !(await holds(ctx, id))) return object;
  }
  let bytes = wrapped;
  if (needsMac && macId !== undefined && data.macSignature !== undefined) {
    const probe = await ctx.objects.getForOperation(macId, 'Get');
    const key = await requireManagedKey(ctx, macId, {
      operation: 'Get',
      usage:
        probe.objectType === 'PublicKey'
          ? CryptographicUsageMask.Verify
          : CryptographicUsageMask.MACVerify,
      objectTypes: ['SymmetricKey', 'PublicKey'],
      states: PROCESSING_STATES,
      role: 'MAC/signature key',
    });
    const params = data.macSignatureKeyInformation?.cryptographicParameters;
    if (!verifyMacOrSignature(key, params, bytes, data.macSignature, ctx)) throw unwrapFailed();
  }
  if (needsEncryption && encryptionId !== undefined) {
    const key = await requireManagedKey(ctx, encryptionId, {
      operation: 'Get',
      usage: CryptographicUsageMask.UnwrapKey,
      objectTypes: ['SymmetricKey', 'PrivateKey'],
      states: PROCESSING_STATES,
      role: 'unwrapping key',
    });
    bytes = decryptWithKey(key, data.encryptionKeyInformation?.cryptographicParameters, bytes, ctx);
  }
  return { ...object, keyBlock: decodeKeyValue(bytes, block, ctx) } as ManagedObject;
}
