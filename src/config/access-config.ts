/**
 * Keywarden's own access policy in config.toml (`[access]`): roles, each allowing operations
 * per object type under conditions on the object's owner, the caller's groups and the
 * object's attributes, and grants of roles to identities (client certificate CNs) or groups
 * (`group:<name>`), group memberships, and tenants (the objects of a tenant's members belong
 * to it; roles granted in a tenant apply to its objects only). Checked here when the file is
 * loaded; src/server/policy applies it.
 *
 * @example
 * [access.roles.backup-reader]
 * description = "backup agents read every key"
 * owner = "any"
 * allow = { SymmetricKey = ["Get", "GetAttributes", "Locate"] }
 * [access.grants]
 * "backup-agent" = ["backup-reader"]
 * "group:ops" = ["backup-reader"]
 * [access.groups]
 * ops = ["alice", "bob"]
 * [access.tenants.acme]
 * members = ["acme-app"]
 * grants = { "acme-auditor" = ["backup-reader"] }
 */
import { ObjectType, Operation } from '../kmip/generated/registry.ts';
import { ConfigError, type ConfigSource } from './errors.ts';

/** Whose objects a role reaches: anyone's, the caller's own, or only others'. */
export const ROLE_OWNER_SCOPES = ['any', 'self', 'other'] as const;

/** A role's owner condition. */
export type RoleOwnerScope = (typeof ROLE_OWNER_SCOPES)[number];

/** An attribute condition value (compared with the object's attribute of that name). */
export type RoleAttributeValue = string | number | boolean;

/** One role. */
export interface AccessRoleConfig {
  readonly description?: string;
  /** Object Type registry name (or `*` for every type) → Operation registry names (or `*`). */
  readonly allow: Readonly<Record<string, readonly string[]>>;
  /** Default `any`. */
  readonly owner: RoleOwnerScope;
  /** When set, the caller must be in one of these groups. */
  readonly groups?: readonly string[];
  /** When set, the object must carry each attribute with this value (by registry name or custom name). */
  readonly attributes?: Readonly<Record<string, RoleAttributeValue>>;
}

/**
 * A tenant: the clients whose objects belong to it, and roles granted within it only (on
 * objects owned by its members).
 */
export interface AccessTenantConfig {
  /** Identities (certificate CNs) whose objects belong to the tenant. */
  readonly members: readonly string[];
  /** Identity, or `group:<name>`, → role names, valid on the tenant's objects only. */
  readonly grants: Readonly<Record<string, readonly string[]>>;
}

/** The `[access]` tables. */
export interface AccessConfig {
  readonly roles: Readonly<Record<string, AccessRoleConfig>>;
  /** Identity, or `group:<name>`, → role names, valid on every object. */
  readonly grants: Readonly<Record<string, readonly string[]>>;
  /** Group → member identities: group information for clients no plugin reports groups for. */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** Tenant name → tenant. An identity belongs to at most one tenant. */
  readonly tenants: Readonly<Record<string, AccessTenantConfig>>;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

function stringList(value: unknown, setting: string, source: ConfigSource): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new ConfigError(setting, source, 'must be a list of strings');
  return value as string[];
}

function only(
  table: Record<string, unknown>,
  keys: readonly string[],
  at: string,
  source: ConfigSource,
) {
  for (const key of Object.keys(table)) {
    if (!keys.includes(key))
      throw new ConfigError(
        `${at}.${key}`,
        source,
        `unknown setting (expected ${keys.join(', ')})`,
      );
  }
}

function parseRole(value: unknown, at: string, source: ConfigSource): AccessRoleConfig {
  if (!isTable(value)) throw new ConfigError(at, source, 'must be a table');
  only(value, ['description', 'allow', 'owner', 'groups', 'attributes'], at, source);
  const allowRaw = value['allow'];
  if (!isTable(allowRaw))
    throw new ConfigError(`${at}.allow`, source, 'must be a table: object type = [operations]');
  const allow: Record<string, string[]> = {};
  for (const [type, operations] of Object.entries(allowRaw)) {
    const setting = `${at}.allow.${type}`;
    if (type !== '*' && !Object.hasOwn(ObjectType, type))
      throw new ConfigError(
        setting,
        source,
        `${type} is not a KMIP object type (e.g. SymmetricKey)`,
      );
    const list = stringList(operations, setting, source);
    const bad = list.find((op) => op !== '*' && !Object.hasOwn(Operation, op));
    if (bad !== undefined)
      throw new ConfigError(setting, source, `${bad} is not a KMIP operation (e.g. GetAttributes)`);
    allow[type] = list;
  }
  const owner = value['owner'] ?? 'any';
  if (typeof owner !== 'string' || !(ROLE_OWNER_SCOPES as readonly string[]).includes(owner))
    throw new ConfigError(`${at}.owner`, source, `must be one of ${ROLE_OWNER_SCOPES.join(', ')}`);
  const description = value['description'];
  if (description !== undefined && typeof description !== 'string')
    throw new ConfigError(`${at}.description`, source, 'must be a string');
  const groups = value['groups'];
  const attributes = value['attributes'];
  if (attributes !== undefined) {
    if (!isTable(attributes))
      throw new ConfigError(`${at}.attributes`, source, 'must be a table: attribute = value');
    for (const [name, v] of Object.entries(attributes)) {
      if (!['string', 'number', 'boolean'].includes(typeof v))
        throw new ConfigError(
          `${at}.attributes.${name}`,
          source,
          'must be a string, number or boolean',
        );
    }
  }
  return {
    allow,
    owner: owner as RoleOwnerScope,
    ...(description !== undefined && { description }),
    ...(groups !== undefined && { groups: stringList(groups, `${at}.groups`, source) }),
    ...(attributes !== undefined && {
      attributes: Object.fromEntries(Object.entries(attributes)) as Record<
        string,
        RoleAttributeValue
      >,
    }),
  };
}

/**
 * Checks the `[access]` table of config.toml.
 * @throws KW_CONFIG_INVALID naming the exact setting (`access.roles.<role>.allow.<type>`, `access.grants.<who>`).
 */
export function parseAccessConfig(value: unknown, source: ConfigSource): AccessConfig {
  if (!isTable(value)) throw new ConfigError('access', source, 'must be a table');
  only(value, ['roles', 'grants', 'groups', 'tenants'], 'access', source);
  const rolesRaw = value['roles'] ?? {};
  if (!isTable(rolesRaw)) throw new ConfigError('access.roles', source, 'must be a table of roles');
  const roles: Record<string, AccessRoleConfig> = {};
  for (const [name, role] of Object.entries(rolesRaw)) {
    roles[name] = parseRole(role, `access.roles.${name}`, source);
  }
  const grants = parseGrants(value['grants'], 'access.grants', roles, source);
  const groupsRaw = value['groups'] ?? {};
  if (!isTable(groupsRaw))
    throw new ConfigError('access.groups', source, 'must be a table: group = [identities]');
  const groups: Record<string, string[]> = {};
  for (const [group, members] of Object.entries(groupsRaw)) {
    groups[group] = stringList(members, `access.groups.${group}`, source);
  }
  const tenantsRaw = value['tenants'] ?? {};
  if (!isTable(tenantsRaw))
    throw new ConfigError('access.tenants', source, 'must be a table of tenants');
  const tenants: Record<string, AccessTenantConfig> = {};
  const tenantOf = new Map<string, string>();
  for (const [name, tenant] of Object.entries(tenantsRaw)) {
    const at = `access.tenants.${name}`;
    if (!isTable(tenant)) throw new ConfigError(at, source, 'must be a table');
    only(tenant, ['members', 'grants'], at, source);
    const members = stringList(tenant['members'] ?? [], `${at}.members`, source);
    for (const member of members) {
      const other = tenantOf.get(member);
      if (other !== undefined && other !== name)
        throw new ConfigError(
          `${at}.members`,
          source,
          `${member} is already a member of tenant ${other}`,
        );
      tenantOf.set(member, name);
    }
    tenants[name] = {
      members,
      grants: parseGrants(tenant['grants'], `${at}.grants`, roles, source),
    };
  }
  return { roles, grants, groups, tenants };
}

function parseGrants(
  value: unknown,
  at: string,
  roles: Readonly<Record<string, AccessRoleConfig>>,
  source: ConfigSource,
): Record<string, string[]> {
  const raw = value ?? {};
  if (!isTable(raw)) throw new ConfigError(at, source, 'must be a table: identity = [roles]');
  const grants: Record<string, string[]> = {};
  for (const [who, list] of Object.entries(raw)) {
    const setting = `${at}.${who}`;
    const names = stringList(list, setting, source);
    const unknown = names.find((n) => !Object.hasOwn(roles, n));
    if (unknown !== undefined)
      throw new ConfigError(setting, source, `no role is named ${JSON.stringify(unknown)}`);
    grants[who] = names;
  }
  return grants;
}
