/**
 * Who may do what to an existing object: the authorization seam. The default policy is
 * PyKMIP's built-in `default` operation policy (KMIP 1.4 §3.18 "Operation Policy Name"; the
 * table in PyKMIP's server documentation): the owner may do everything listed, anyone may
 * read Certificates and Public Keys, and an operation the table does not list for an object
 * type is refused ("Disallow All"). The built-in `public` policy covers Templates. The server
 * passes src/server/policy's engine (policy files, roles, tenants) through this same seam;
 * {@link defaultAccessPolicy} is what a pipeline built without one uses.
 */
import type { Operation } from '../../kmip/generated/registry.ts';

/** An authenticated client. */
export interface ClientIdentity {
  /** The client certificate's Common Name (PyKMIP's identity); owner of what it creates. */
  readonly name: string;
  /** Groups from an authentication plugin, when one is configured. */
  readonly groups?: readonly string[];
}

/** A KMIP operation, by its registry name (`GetAttributes`). */
export type OperationName = keyof typeof Operation;

/** What an access decision needs to know. */
export interface AccessRequest {
  readonly identity: ClientIdentity;
  readonly operation: OperationName;
  readonly object: {
    readonly id: string;
    /** Registry Object Type name, e.g. `SymmetricKey`. */
    readonly objectType: string;
    readonly owner: string;
    /** The object's Operation Policy Name; absent means `default`. */
    readonly operationPolicyName: string | undefined;
    /** The object's attributes (registry or custom names), for policies with attribute conditions. */
    readonly attributes?: readonly { readonly name: string; readonly value: unknown }[];
  };
}

/** Decides whether a client may run an operation on an object. */
export type AccessPolicy = (request: AccessRequest) => boolean;

/** One entry of an operation policy. */
export type Permission = 'AllowAll' | 'AllowOwner' | 'DisallowAll';

/** An operation policy: permission by object type, then operation. */
export type PolicyTable = Readonly<
  Record<string, Readonly<Partial<Record<OperationName, Permission>>>>
>;

// The operations PyKMIP's default policy grants the owner of every key-like object type.
const OWNER_KEY_OPERATIONS: readonly OperationName[] = [
  'ReKey',
  'ReKeyKeyPair',
  'DeriveKey',
  'Locate',
  'Check',
  'Get',
  'GetAttributes',
  'GetAttributeList',
  'AddAttribute',
  'ModifyAttribute',
  'DeleteAttribute',
  'ObtainLease',
  'GetUsageAllocation',
  'Activate',
  'Revoke',
  'Destroy',
  'Archive',
  'Recover',
];

// Operations newer than PyKMIP's table (KMIP 1.2+ cryptographic operations, 2.0 Set and
// Adjust Attribute, Export): granted to the owner as the table's nearest neighbours are.
const OWNER_NEWER_OPERATIONS: readonly OperationName[] = [
  'SetAttribute',
  'AdjustAttribute',
  'Encrypt',
  'Decrypt',
  'Sign',
  'SignatureVerify',
  'MAC',
  'MACVerify',
  'Export',
  'Validate',
  'ReCertify',
  'Certify',
  'CreateSplitKey',
  'JoinSplitKey',
];

function grant(
  operations: readonly OperationName[],
  permission: Permission,
): Partial<Record<OperationName, Permission>> {
  return Object.fromEntries(operations.map((op) => [op, permission]));
}

const ownerKey = {
  ...grant(OWNER_KEY_OPERATIONS, 'AllowOwner'),
  ...grant(OWNER_NEWER_OPERATIONS, 'AllowOwner'),
};

// Certificates and public keys are public material: anyone may find and read them.
const publicReadable = {
  ...grant(
    ['Locate', 'Check', 'Get', 'GetAttributes', 'GetAttributeList', 'ObtainLease'],
    'AllowAll',
  ),
  ...grant(
    ['AddAttribute', 'ModifyAttribute', 'DeleteAttribute', 'Activate', 'Revoke', 'Destroy'],
    'AllowOwner',
  ),
  ...grant(['Archive', 'Recover', ...OWNER_NEWER_OPERATIONS], 'AllowOwner'),
};

/** PyKMIP's built-in `default` policy. */
export const DEFAULT_POLICY: PolicyTable = {
  Certificate: publicReadable,
  PublicKey: publicReadable,
  SymmetricKey: ownerKey,
  PrivateKey: ownerKey,
  SplitKey: ownerKey,
  SecretData: ownerKey,
  OpaqueObject: ownerKey,
  PGPKey: ownerKey,
  Template: grant(
    [
      'Locate',
      'Get',
      'GetAttributes',
      'GetAttributeList',
      'AddAttribute',
      'ModifyAttribute',
      'DeleteAttribute',
      'Destroy',
    ],
    'AllowOwner',
  ),
};

/** PyKMIP's built-in `public` policy: Templates everyone may read and nobody may change. */
export const PUBLIC_POLICY: PolicyTable = {
  Template: {
    ...grant(['Locate', 'Get', 'GetAttributes', 'GetAttributeList'], 'AllowAll'),
    ...grant(['AddAttribute', 'ModifyAttribute', 'DeleteAttribute', 'Destroy'], 'DisallowAll'),
  },
};

/** The reserved policies every server has, by Operation Policy Name. */
export const BUILT_IN_POLICIES: Readonly<Record<string, PolicyTable>> = {
  default: DEFAULT_POLICY,
  public: PUBLIC_POLICY,
};

/** Applies one policy table; uncovered object types and operations are refused. */
export function isAllowedByTable(table: PolicyTable, request: AccessRequest): boolean {
  const permission = table[request.object.objectType]?.[request.operation] ?? 'DisallowAll';
  if (permission === 'AllowAll') return true;
  if (permission === 'AllowOwner') return request.identity.name === request.object.owner;
  return false;
}

/**
 * The default access policy: the object's Operation Policy Name picks a built-in policy
 * (`default` when unset); an unknown policy name refuses everything, as PyKMIP does.
 */
export const defaultAccessPolicy: AccessPolicy = (request) => {
  const name = request.object.operationPolicyName ?? 'default';
  const table = Object.hasOwn(BUILT_IN_POLICIES, name) ? BUILT_IN_POLICIES[name] : undefined;
  return table !== undefined && isAllowedByTable(table, request);
};
