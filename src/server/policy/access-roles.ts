/**
 * Keywarden's own roles (config.toml `[access]`, src/config/access-config.ts) applied to a
 * request: the roles granted to the caller's identity, to its groups (`group:<name>`) and by
 * its role certificate, globally or within the object's tenant (the tenant its owner is a
 * member of), are tried in order; a role allows when it lists the operation for the object
 * type and all its conditions (owner, groups, object attributes) hold. Nothing granted means no.
 */
import type { AccessConfig, AccessRoleConfig } from '../../config/index.ts';
import type { AccessRequest } from '../objects/index.ts';
import type { AccessDecision } from './operation-policy.ts';

/** The roles and grants of config.toml. */
export type AccessRoles = AccessConfig;

/** The Common Name prefix of role certificates (`keywarden role cert`): `role:<ROLE>[@<TENANT>]:<name>`. */
export const ROLE_IDENTITY_PREFIX = 'role:';

/**
 * The role (and tenant) a certificate CN names (`role:<ROLE>:<name>`, or
 * `role:<ROLE>@<TENANT>:<name>` for a role within one tenant), if any. Client certificates come
 * from the operator's CA, whose CN is already trusted as the identity; `keywarden role cert`
 * issues these so that adding a client for a role is one command.
 */
export function roleOfIdentity(name: string): { role: string; tenant?: string } | undefined {
  const match = /^role:([^:@]+)(?:@([^:@]+))?:./.exec(name);
  if (match?.[1] === undefined) return undefined;
  return { role: match[1], ...(match[2] !== undefined && { tenant: match[2] }) };
}

/** The tenant an identity belongs to: by `[access.tenants.*].members`, or its role certificate. */
export function tenantOf(roles: AccessRoles, identity: string): string | undefined {
  for (const [name, tenant] of Object.entries(roles.tenants)) {
    if (tenant.members.includes(identity)) return name;
  }
  const tenant = roleOfIdentity(identity)?.tenant;
  return tenant !== undefined && Object.hasOwn(roles.tenants, tenant) ? tenant : undefined;
}

/**
 * The identity with the groups `[access.groups]` gives it added to those authentication
 * reported. Without either, the identity stays without group information.
 */
export function withConfigGroups(
  roles: AccessRoles,
  identity: AccessRequest['identity'],
): AccessRequest['identity'] {
  const fromConfig = Object.entries(roles.groups)
    .filter(([, members]) => members.includes(identity.name))
    .map(([group]) => group);
  if (fromConfig.length === 0) return identity;
  return { ...identity, groups: [...new Set([...(identity.groups ?? []), ...fromConfig])] };
}

/** A role granted to a caller, and where the grant applies. */
export interface GrantedRole {
  readonly role: string;
  /** Set when the grant holds only on this tenant's objects. */
  readonly tenant?: string;
}

/**
 * The roles granted to a caller for an object: global grants (by identity, by group, by role
 * certificate) and the grants of the object's tenant (the tenant of its owner).
 */
export function rolesOf(
  roles: AccessRoles,
  identity: AccessRequest['identity'],
  objectOwner?: string,
): GrantedRole[] {
  const keys = [identity.name, ...(identity.groups ?? []).map((g) => `group:${g}`)];
  const lookUp = (grants: Readonly<Record<string, readonly string[]>>) =>
    keys.flatMap((key) => (Object.hasOwn(grants, key) ? (grants[key] ?? []) : []));
  const granted: GrantedRole[] = lookUp(roles.grants).map((role) => ({ role }));
  const objectTenant = objectOwner === undefined ? undefined : tenantOf(roles, objectOwner);
  const fromCertificate = roleOfIdentity(identity.name);
  if (fromCertificate !== undefined && Object.hasOwn(roles.roles, fromCertificate.role)) {
    if (fromCertificate.tenant === undefined) granted.unshift({ role: fromCertificate.role });
    else if (fromCertificate.tenant === objectTenant)
      granted.unshift({ role: fromCertificate.role, tenant: objectTenant });
  }
  const tenant = objectTenant === undefined ? undefined : roles.tenants[objectTenant];
  if (tenant !== undefined && objectTenant !== undefined) {
    granted.push(...lookUp(tenant.grants).map((role) => ({ role, tenant: objectTenant })));
  }
  const seen = new Set<string>();
  return granted.filter((g) => {
    const key = `${g.role}\0${g.tenant ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
  const granted = rolesOf(roles, request.identity, request.object.owner);
  if (granted.length === 0) return undefined;
  const policy = request.object.operationPolicyName ?? 'default';
  const what = `${request.operation} on ${request.object.objectType}`;
  let refusal: string | undefined;
  for (const { role: name, tenant } of granted) {
    const role = roles.roles[name];
    if (role === undefined || !listsOperation(role, request)) continue;
    const label = tenant === undefined ? `role ${name}` : `role ${name} (tenant ${tenant})`;
    const failed = failedCondition(role, request);
    if (failed === undefined) {
      return {
        allowed: true,
        policy,
        origin: 'role',
        section: tenant === undefined ? `roles.${name}` : `tenants.${tenant}.roles.${name}`,
        reason: `${label} allows ${what}`,
      };
    }
    refusal ??= `${label} lists ${what}, but ${failed}`;
  }
  const names = granted.map((g) => g.role).join(', ');
  return {
    allowed: false,
    policy,
    origin: 'role',
    reason: refusal ?? `none of the caller's roles (${names}) allows ${what}`,
  };
}
