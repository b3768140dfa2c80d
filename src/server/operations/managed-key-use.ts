/**
 * The checks before the server uses a managed key on a client's behalf, found by its Unique
 * Identifier: the wrapping key of Get, the unwrapping key of a key stored wrapped, the base
 * key of DeriveKey. Access (the caller's permission for `operation` on that key), not destroyed,
 * then the object type, state and usage-mask checks every cryptographic operation shares
 * (key-use.ts, which cites the clauses and the reasons per version).
 */
import type { ManagedObject, ManagedObjectKind } from '../../kmip/messages/objects.ts';
import type { ObjectState } from '../../store/index.ts';
import { objectDestroyed, type ManagedObjectRecord, type OperationName } from '../objects/index.ts';
import type { OperationContext } from './context.ts';
import { checkKeyUse, type KeyPurpose } from './key-use.ts';

/** How the server is about to use a managed key. */
export interface ManagedKeyUse {
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
  /** Wrapping applies protection, unwrapping processes it (the key's date checks). */
  readonly purpose?: KeyPurpose;
}

/** A managed key the checks passed, with its object. */
export type ManagedKey = ManagedObjectRecord & { readonly object: ManagedObject };

/**
 * The key `id` when it may serve `use`.
 * @throws KmipResultError Item Not Found / Permission Denied (access), Object Destroyed, and
 *   what {@link checkKeyUse} throws.
 */
export async function requireManagedKey(
  ctx: OperationContext,
  id: string,
  use: ManagedKeyUse,
): Promise<ManagedKey> {
  const record = await ctx.objects.getForOperation(id, use.operation);
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  checkKeyUse(
    record,
    {
      operation: use.operation,
      objectTypes: use.objectTypes,
      usage: use.usage,
      states: use.states ?? ['Active'],
      ...(use.purpose === undefined ? {} : { purpose: use.purpose }),
    },
    ctx.version,
    ctx.now(),
  );
  return record as ManagedKey;
}
