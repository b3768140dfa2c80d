/**
 * Keywarden's own roles (config.toml `[access]`, src/config/access-config.ts) applied to a
 * request: the roles granted to the caller's identity and to its groups (`group:<name>`)
 * are tried in order; a role allows when it lists the operation for the object type and all
 * its conditions (owner, groups, object attributes) hold. Nothing granted means no.
 */
import type { AccessConfig, AccessRoleConfig } from '../../config/index.ts';
import type { AccessRequest } from '../objects/index.ts';
import type { AccessDecision } from './operation-policy.ts';

/** The roles and grants of config.toml. */
export type AccessRoles = AccessConfig;

/** The Common Name prefix of role certificates (`keywarden role cert`): `role:<ROLE>:<name>`. */
export const ROLE_IDENTITY_PREFIX = 'role:';

/**
 * The role a certificate CN names (`role:<ROLE>:<name>`), if any. Client certificates come from
 * the operator's CA, whose CN is already trusted as the identity; `keywarden role cert` issues
 * these so that adding a client for a role is one command.
 */
export function roleOfIdentity(name: string): string | undefined {
  const match = /^role:([^:]+):./.exec(name);
  return match?.[1];
}

/** The roles granted to a caller, by identity, by role certificate and by group, without repeats. */
export function rolesOf(roles: AccessRoles, identity: AccessRequest['identity']): string[] {
  const keys = [identity.name, ...(identity.groups ?? []).map((g) => `group:${g}`)];
  const names = keys.flatMap((key) =>
    Object.hasOwn(roles.grants, key) ? (roles.grants[key] ?? []) : [],
  );
  const fromCertificate = roleOfIdentity(identity.name);
  if (fromCertificate !== undefined && Object.hasOwn(roles.roles, fromCertificate))
    names.unshift(fromCertificate);
  return [...new Set(names)];
}

function listsOperation(role: AccessRoleConfig, request: AccessRequest): boolean {
  const { objectType } = request.object;
  const forType = [
    ...(Object.hasOwn(role.allow, objectType) ? (role.allow[objectType] ?? []) : []),
    ...(role.allow['*'] ?? []),
  ];
  return forType.includes(request.operation) || forType.includes('*');
}

/** Why a role's conditions fail for the request, or undefined when they hold. */
function failedCondition(role: AccessRoleConfig, request: AccessRequest): string | undefined {
  const isOwner = request.identity.name === request.object.owner;
  if (role.owner === 'self' && !isOwner) return 'it covers only objects the caller owns';
  if (role.owner === 'other' && isOwner) return "it covers only other clients' objects";
  if (role.groups !== undefined) {
    const mine = new Set(request.identity.groups ?? []);
    if (!role.groups.some((g) => mine.has(g)))
      return `it needs membership of ${role.groups.join(' or ')}`;
  }
  for (const [name, expected] of Object.entries(role.attributes ?? {})) {
    const values = (request.object.attributes ?? [])
      .filter((a) => a.name === name)
      .map((a) => a.value);
    if (!values.some((v) => v === expected))
      return `the object's ${name} is not ${JSON.stringify(expected)}`;
  }
  return undefined;
}

/**
 * The roles' answer for a request: an allowing decision naming the role, a refusal saying
 * why the closest role did not apply, or undefined when the caller has no role at all.
 */
export function evaluateRoles(
  roles: AccessRoles,
  request: AccessRequest,
): AccessDecision | undefined {
  const granted = rolesOf(roles, request.identity);
  if (granted.length === 0) return undefined;
  const policy = request.object.operationPolicyName ?? 'default';
  let refusal: string | undefined;
  for (const name of granted) {
    const role = roles.roles[name];
    if (role === undefined || !listsOperation(role, request)) continue;
    const failed = failedCondition(role, request);
    if (failed === undefined) {
      return {
        allowed: true,
        policy,
        origin: 'role',
        section: `roles.${name}`,
        reason: `role ${name} allows ${request.operation} on ${request.object.objectType}`,
      };
    }
    refusal ??= `role ${name} lists ${request.operation} on ${request.object.objectType}, but ${failed}`;
  }
  return {
    allowed: false,
    policy,
    origin: 'role',
    reason:
      refusal ??
      `none of the caller's roles (${granted.join(', ')}) allows ${request.operation} on ${request.object.objectType}`,
  };
}
