/**
 * The checks before the server uses a managed key on a client's behalf (the wrapping key of
 * Get, the unwrapping key of Register, the base key of DeriveKey, the key of ReKey ...):
 * access, not destroyed, the right object type, the lifecycle state, the usage mask.
 * KMIP 1.4 §3.19 / 2.1 §4.26 (Cryptographic Usage Mask: the server SHALL NOT use a key for a
 * purpose its mask does not allow), KMIP 1.4 §3.22 / 2.1 §4.57 (State: only an Active key may
 * be used to protect; Deactivated and Compromised keys only to process, where a caller allows).
 * Reasons: Item Not Found / Object Not Found, Object Destroyed, Permission Denied, Invalid
 * Object Type (1.x: Invalid Field), Wrong Key Lifecycle State (1.x: Permission Denied),
 * Incompatible Cryptographic Usage Mask (1.x: Permission Denied); the pipeline maps the 2.x
 * reasons down for older clients.
 */
import { CryptographicUsageMask, ResultReason } from '../../kmip/generated/registry.ts';
import type { ManagedObject, ManagedObjectKind } from '../../kmip/messages/objects.ts';
import type { ObjectState } from '../../store/index.ts';
import {
  attributeValue,
  objectDestroyed,
  type ManagedObjectRecord,
  type OperationName,
} from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** How the server is about to use a key. */
export interface KeyUse {
  /** The operation the access policy is asked about (Get for a wrapping key, as PyKMIP does). */
  readonly operation: OperationName;
  /** The Cryptographic Usage Mask bit(s) the key must carry (every bit given). */
  readonly usage: number;
  /** The object types that may serve. */
  readonly objectTypes: readonly ManagedObjectKind[];
  /** The states in which the key may serve; Active only by default. */
  readonly states?: readonly ObjectState[];
  /** What the key is for, in messages ("wrapping key", "base key"). */
  readonly role: string;
}

/** A key the checks passed, with its object. */
export type UsableKey = ManagedObjectRecord & { readonly object: ManagedObject };

function usageNames(mask: number): string {
  return Object.entries(CryptographicUsageMask)
    .filter(([, bit]) => (mask & bit) !== 0)
    .map(([name]) => name)
    .join('|');
}

/**
 * The key `id` when it may serve `use`.
 * @throws KmipResultError with the reasons of the file header.
 */
export async function requireKeyForUse(
  ctx: OperationContext,
  id: string,
  use: KeyUse,
): Promise<UsableKey> {
  const record = await ctx.objects.getForOperation(id, use.operation);
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  if (!use.objectTypes.includes(record.objectType)) {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `the ${use.role} ${JSON.stringify(id)} is a ${record.objectType}, not a ${use.objectTypes.join(' or ')}`,
    );
  }
  const states = use.states ?? ['Active'];
  if (!states.includes(record.state)) {
    throw new KmipResultError(
      ResultReason.WrongKeyLifecycleState,
      `the ${use.role} ${JSON.stringify(id)} is ${record.state}; it must be ${states.join(' or ')}`,
    );
  }
  const mask = attributeValue(record, 'CryptographicUsageMask');
  if (typeof mask !== 'number' || (mask & use.usage) !== use.usage) {
    throw new KmipResultError(
      ResultReason.IncompatibleCryptographicUsageMask,
      `the Cryptographic Usage Mask of the ${use.role} ${JSON.stringify(id)} does not allow ${usageNames(use.usage)}`,
    );
  }
  return record as UsableKey;
}
