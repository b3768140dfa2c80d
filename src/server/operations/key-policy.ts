/**
 * The weak-algorithm policy on new keys (issue #6): Create, Create Key Pair and Register
 * refuse a key whose algorithm the policy does not allow or whose security strength is below
 * `crypto.minSecurityBits`, with Permission Denied and a message naming the setting. Keys
 * without a Cryptographic Algorithm (Secret Data, Opaque Objects) are not judged.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { noteAlgorithmUse } from './crypto-run.ts';

/** A new key's algorithm (registry value) and length in bits. */
export interface NewKeyFacts {
  readonly algorithm: number | undefined;
  readonly lengthBits: number | undefined;
}

/**
 * Refuses a new key the policy forbids; logs a legacy one the policy allows.
 * @throws KmipResultError Permission Denied.
 */
export function requirePolicyAllowsKey(
  ctx: OperationContext,
  key: NewKeyFacts,
  use: 'generate' | 'register',
): void {
  if (key.algorithm === undefined) return;
  const name = enumValueEntry('CryptographicAlgorithm', key.algorithm)?.name;
  if (name === undefined) return;
  const refusal = ctx.crypto.checkAlgorithm(name, key.lengthBits, use, ctx.cryptoPolicy);
  if (refusal !== undefined) {
    throw new KmipResultError(
      ResultReason.PermissionDenied,
      `cryptographic policy: ${refusal.message}`,
    );
  }
  noteAlgorithmUse(ctx, { algorithm: name, operation: use === 'generate' ? 'Create' : 'Register' });
}

const KEY_KINDS: ReadonlySet<string> = new Set([
  'SymmetricKey',
  'PublicKey',
  'PrivateKey',
  'SplitKey',
]);

function numberIn(attributes: readonly Attribute[], name: string): number | undefined {
  const value = attributes.find((a) => a.name === name)?.value;
  return typeof value === 'number' ? value : undefined;
}

/** What a Register request says about its key: server-derived attributes first, then the client's, then the Key Block. */
export function registeredKeyFacts(
  object: ManagedObject,
  serverAttributes: readonly Attribute[],
  attributes: readonly Attribute[],
): NewKeyFacts {
  if (!KEY_KINDS.has(object.kind) || !('keyBlock' in object)) {
    return { algorithm: undefined, lengthBits: undefined };
  }
  const block = object.keyBlock;
  return {
    algorithm:
      numberIn(serverAttributes, 'CryptographicAlgorithm') ??
      numberIn(attributes, 'CryptographicAlgorithm') ??
      block.cryptographicAlgorithm,
    lengthBits:
      numberIn(serverAttributes, 'CryptographicLength') ??
      numberIn(attributes, 'CryptographicLength') ??
      block.cryptographicLength,
  };
}
