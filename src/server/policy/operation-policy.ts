/**
 * Evaluates one operation policy (PyKMIP's model, seed 004 "Access Control"): a `preset`
 * table used when the caller has no group information, and per-group tables used when it
 * has. A caller in several groups gets the most permissive answer of its groups' tables. An
 * object type or operation a table does not list is refused ("Disallow All").
 */
import type { AccessRequest, OperationName, Permission, PolicyTable } from '../objects/index.ts';

/** An operation policy as a policy file or a reserved policy defines it. */
export interface OperationPolicy {
  /** Rules for callers without group information. */
  readonly preset?: PolicyTable;
  /** Rules per group, for callers with group information. */
  readonly groups?: ReadonlyMap<string, PolicyTable>;
}

/** An access decision with what led to it, for logs and `keywarden policy check`. */
export interface AccessDecision {
  readonly allowed: boolean;
  /** The Operation Policy Name that was applied (or looked for). */
  readonly policy: string;
  /** Where that policy comes from: built in, a policy file, the config's roles, or nowhere. */
  readonly origin: 'reserved' | 'file' | 'role' | 'unknown';
  /** The policy file, for `origin: 'file'`. */
  readonly file?: string;
  /** The table applied: `preset`, `groups.<name>` or `roles.<name>`. */
  readonly section?: string;
  /** The permission found, when one was. */
  readonly permission?: Permission;
  /** One sentence saying why. */
  readonly reason: string;
}

/**
 * Operations PyKMIP 0.10 authorizes as Get (its engine checks `Operation.GET` for Encrypt,
 * Decrypt, Sign, Signature Verify, MAC and Derive Key's base objects): a policy that does not
 * name one of them explicitly answers it with its Get entry, so a PyKMIP policy file behaves as
 * it did under PyKMIP. MAC Verify and Export (KMIP 2.0's Get) follow the same rule.
 */
export const AUTHORIZED_AS_GET: ReadonlySet<OperationName> = new Set<OperationName>([
  'Encrypt',
  'Decrypt',
  'Sign',
  'SignatureVerify',
  'MAC',
  'MACVerify',
  'Export',
]);

const RANK: Readonly<Record<Permission, number>> = { DisallowAll: 0, AllowOwner: 1, AllowAll: 2 };

/** The permission a table gives for the request's object type and operation, if any. */
export function lookUpPermission(
  table: PolicyTable,
  objectType: string,
  operation: OperationName,
): { permission: Permission; asGet: boolean } | undefined {
  const forType = Object.hasOwn(table, objectType) ? table[objectType] : undefined;
  if (forType === undefined) return undefined;
  const direct = Object.hasOwn(forType, operation) ? forType[operation] : undefined;
  if (direct !== undefined) return { permission: direct, asGet: false };
  const viaGet = AUTHORIZED_AS_GET.has(operation) ? forType.Get : undefined;
  return viaGet === undefined ? undefined : { permission: viaGet, asGet: true };
}

function grants(permission: Permission, request: AccessRequest): boolean {
  if (permission === 'AllowAll') return true;
  if (permission === 'AllowOwner') return request.identity.name === request.object.owner;
  return false;
}

function describePermission(permission: Permission, request: AccessRequest): string {
  if (permission === 'AllowAll') return 'Allow All';
  if (permission === 'DisallowAll') return 'Disallow All';
  return request.identity.name === request.object.owner
    ? 'Allow Owner, and the caller owns the object'
    : `Allow Owner, and the object's owner is ${JSON.stringify(request.object.owner)}`;
}

function decideByTable(
  table: PolicyTable,
  section: string,
  request: AccessRequest,
): Omit<AccessDecision, 'policy' | 'origin' | 'file'> {
  const { objectType } = request.object;
  const found = lookUpPermission(table, objectType, request.operation);
  if (found === undefined) {
    return {
      allowed: false,
      section,
      reason: `${section} does not list ${request.operation} on ${objectType} (Disallow All)`,
    };
  }
  const via = found.asGet ? ` (as Get, as PyKMIP authorizes ${request.operation})` : '';
  return {
    allowed: grants(found.permission, request),
    section,
    permission: found.permission,
    reason: `${section} gives ${request.operation} on ${objectType}${via}: ${describePermission(found.permission, request)}`,
  };
}

/**
 * Applies an operation policy to a request. Group rules apply when the caller has group
 * information (`identity.groups` present) and the policy has group rules; otherwise the preset
 * applies; a policy with group rules only refuses callers without groups (seed 004).
 */
export function evaluateOperationPolicy(
  policy: OperationPolicy,
  request: AccessRequest,
): Omit<AccessDecision, 'policy' | 'origin' | 'file'> {
  const callerGroups = request.identity.groups;
  if (callerGroups !== undefined && policy.groups !== undefined) {
    let best: Omit<AccessDecision, 'policy' | 'origin' | 'file'> | undefined;
    for (const group of callerGroups) {
      const table = policy.groups.get(group);
      if (table === undefined) continue;
      const decision = decideByTable(table, `groups.${group}`, request);
      if (decision.allowed) return decision; // the most permissive answer wins
      if (
        best === undefined ||
        RANK[decision.permission ?? 'DisallowAll'] > RANK[best.permission ?? 'DisallowAll']
      )
        best = decision;
    }
    return (
      best ?? {
        allowed: false,
        reason:
          callerGroups.length === 0
            ? 'the policy has group rules and the caller is in no group'
            : `the policy has no rules for the caller's groups (${callerGroups.join(', ')})`,
      }
    );
  }
  if (policy.preset === undefined) {
    return {
      allowed: false,
      reason: 'the policy has only group rules and the caller has no group information',
    };
  }
  return decideByTable(policy.preset, 'preset', request);
}
