/**
 * Unwrapping a key stored wrapped (KMIP 1.4 §2.1.5, 2.1 §2.1.5). Decision (see docs/crypto.md
 * "Register of wrapped keys — decision"): Register stores a wrapped key AS REGISTERED; the
 * server unwraps on the fly — for Get with Key Wrap Type Not Wrapped or a Key Wrapping
 * Specification, and for the cryptographic operations — when it holds the keys the Key
 * Wrapping Data names and may use them: MAC/signature key Active or Deactivated with MAC
 * Verify / Verify, encryption key Active or Deactivated with Unwrap Key. It then decodes the
 * Key Value (TTLV Encoding, the default, or No Encoding). Anything that keeps the server from
 * unwrapping (key not named, not held, not accessible, wrong usage, state, type, parameters or
 * Wrapping Method) makes the key unavailable, never a failure by itself; a failed check of
 * the MAC/signature or of the unwrap itself, or an unreadable plaintext, is Cryptographic
 * Failure with one fixed message (no oracle).
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
import type { ManagedObjectRecord } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { checkKeyUse, usableKeyOf, type KeyUse, type UsableKey } from './key-use.ts';
import { decryptWithKey, verifyMacOrSignature } from './key-wrap-crypto.ts';
import { requireManagedKey } from './managed-key-use.ts';

// KMIP 1.4 §3.22: a Deactivated key no longer protects but may still process (unwrap,
// verify); Compromised keys are refused, as the server cannot judge the client's trust.
const PROCESSING_STATES = ['Active', 'Deactivated'] as const;

/** The outcome of an unwrap attempt: the key in the clear, or why the server cannot unwrap it. */
export type UnwrapOutcome =
  | { readonly kind: 'clear'; readonly object: ManagedObject }
  | { readonly kind: 'unavailable'; readonly why: string };

const unwrapFailed = () =>
  new KmipResultError(ResultReason.CryptographicFailure, 'unwrapping failed');

class Unavailable extends Error {}

function idOf(ctx: OperationContext, info: KeyInformation | undefined): string | undefined {
  return info === undefined ? undefined : ctx.resolveId(info.uniqueIdentifier);
}

function decodeKeyValue(bytes: Uint8Array, block: KeyBlock, ctx: OperationContext): KeyBlock {
  const encoding = block.keyWrappingData?.encodingOption ?? EncodingOption.TTLVEncoding;
  const { keyWrappingData: _data, ...rest } = block;
  if (encoding === EncodingOption.NoEncoding) return { ...rest, keyValue: { keyMaterial: bytes } };
  if (encoding !== EncodingOption.TTLVEncoding) throw new Unavailable('unknown Encoding Option');
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

/** The wrapped bytes of `block`, or Invalid Field when the block carries none. */
function wrappedBytes(block: KeyBlock): Uint8Array {
  // KMIP 1.4 §2.1.3: a wrapped Key Value is a Byte String; PyKMIP 0.10 and the 1.4 OASIS
  // test cases send the wrapped bytes as the Key Material of a Key Value structure instead,
  // which is read the same way.
  const value = block.keyValue;
  if (value instanceof Uint8Array) return value;
  if (value?.keyMaterial instanceof Uint8Array) return value.keyMaterial;
  throw invalidField('a wrapped Key Block carries its Key Value as a Byte String');
}

async function unwrapBlock(block: KeyBlock, ctx: OperationContext): Promise<KeyBlock> {
  const data = block.keyWrappingData;
  if (data === undefined) return block;
  let bytes = wrappedBytes(block);
  const method = data.wrappingMethod;
  if (
    method !== WrappingMethod.Encrypt &&
    method !== WrappingMethod.MACSign &&
    method !== WrappingMethod.EncryptThenMACSign
  ) {
    throw new Unavailable('the Wrapping Method is not supported');
  }
  const encryptionId = idOf(ctx, data.encryptionKeyInformation);
  const macId = idOf(ctx, data.macSignatureKeyInformation);
  // KMIP lets the Key Information be left out when both sides know the key.
  if (method !== WrappingMethod.MACSign && encryptionId === undefined) {
    throw new Unavailable('the Key Wrapping Data names no encryption key');
  }
  if (method !== WrappingMethod.Encrypt) {
    if (macId === undefined || data.macSignature === undefined) {
      throw new Unavailable('the Key Wrapping Data names no MAC/signature key');
    }
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
      purpose: 'process',
    });
    const params = data.macSignatureKeyInformation?.cryptographicParameters;
    if (!verifyMacOrSignature(key, params, bytes, data.macSignature, ctx)) throw unwrapFailed();
  }
  if (encryptionId !== undefined && method !== WrappingMethod.MACSign) {
    const key = await requireManagedKey(ctx, encryptionId, {
      operation: 'Get',
      usage: CryptographicUsageMask.UnwrapKey,
      objectTypes: ['SymmetricKey', 'PrivateKey'],
      states: PROCESSING_STATES,
      role: 'unwrapping key',
      purpose: 'process',
    });
    bytes = decryptWithKey(key, data.encryptionKeyInformation?.cryptographicParameters, bytes, ctx);
  }
  return decodeKeyValue(bytes, block, ctx);
}

/**
 * `object` in the clear: itself when it is not wrapped, else unwrapped with the keys its Key
 * Wrapping Data names; `unavailable` (with the reason, no material) when the server cannot.
 * @throws KmipResultError Cryptographic Failure (bad MAC/signature, failed unwrap, unreadable
 *   plaintext), Invalid Field (a wrapped Key Block without wrapped bytes).
 */
export async function tryUnwrapObject(
  object: ManagedObject,
  ctx: OperationContext,
): Promise<UnwrapOutcome> {
  if (!('keyBlock' in object) || object.keyBlock.keyWrappingData === undefined) {
    return { kind: 'clear', object };
  }
  const block = object.keyBlock;
  wrappedBytes(block);
  try {
    const keyBlock = await unwrapBlock(block, ctx);
    return { kind: 'clear', object: { ...object, keyBlock } as ManagedObject };
  } catch (error) {
    if (error instanceof Unavailable) return { kind: 'unavailable', why: error.message };
    // Integrity failures are answers; every other refusal (key not held, usage, state,
    // type, parameters) only means this server cannot unwrap the key.
    if (error instanceof KmipResultError && error.reason !== ResultReason.CryptographicFailure) {
      return { kind: 'unavailable', why: error.message };
    }
    throw error;
  }
}

/**
 * {@link requireKeyForUse} for a key that may be stored wrapped: the key's own checks first,
 * then its material unwrapped on the fly when the server can (else Key Value Not Present).
 * @throws KmipResultError what `requireKeyForUse` and {@link tryUnwrapObject} throw.
 */
export async function requireUnwrappedKeyForUse(
  record: ManagedObjectRecord,
  use: KeyUse,
  ctx: OperationContext,
): Promise<UsableKey> {
  checkKeyUse(record, use, ctx.version, ctx.now());
  const { object } = record;
  // A key stored in the clear (the usual case) is used as read: no unwrap step, no copy.
  if (
    object === undefined ||
    !('keyBlock' in object) ||
    object.keyBlock.keyWrappingData === undefined
  ) {
    return usableKeyOf(record, ctx.version);
  }
  const outcome = await tryUnwrapObject(object, ctx);
  const usable = outcome.kind === 'clear' ? { ...record, object: outcome.object } : record;
  return usableKeyOf(usable, ctx.version);
}
