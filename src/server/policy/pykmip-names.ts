/**
 * PyKMIP's spelling of KMIP names in policy files (its `enums` member names: `SYMMETRIC_KEY`,
 * `GET_ATTRIBUTE_LIST`, `ALLOW_OWNER`) and ours (the registry's: `SymmetricKey`,
 * `GetAttributeList`, `AllowOwner`), both ways.
 */
import { ObjectType, Operation } from '../../kmip/generated/registry.ts';
import type { OperationName, Permission } from '../objects/index.ts';

/** A registry Object Type name. */
export type ObjectTypeName = keyof typeof ObjectType;

// PyKMIP names that do not follow from the registry name by the general rule.
const SPECIAL: Readonly<Record<string, string>> = {
  OpaqueObject: 'OPAQUE_DATA', // PyKMIP 0.10 enums.ObjectType.OPAQUE_DATA
  ReKey: 'REKEY',
  ReKeyKeyPair: 'REKEY_KEY_PAIR',
  ReCertify: 'RECERTIFY',
  ReProvision: 'REPROVISION',
};

/** `GetAttributeList` → `GET_ATTRIBUTE_LIST`, `MACVerify` → `MAC_VERIFY`, `PGPKey` → `PGP_KEY`. */
export function toPykmipName(name: string): string {
  const special = SPECIAL[name];
  if (special !== undefined) return special;
  if (/^[A-Z0-9_]+$/.test(name)) return name; // already upper case (PKCS_11)
  return (name.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z][a-z]*|\d+/g) ?? [name])
    .map((part) => part.toUpperCase())
    .join('_');
}

function reverse<T extends string>(names: readonly T[]): ReadonlyMap<string, T> {
  return new Map(names.map((name) => [toPykmipName(name), name]));
}

const OBJECT_TYPES = reverse(Object.keys(ObjectType) as ObjectTypeName[]);
const OPERATIONS = reverse(Object.keys(Operation) as OperationName[]);
const PERMISSIONS: ReadonlyMap<string, Permission> = new Map([
  ['ALLOW_ALL', 'AllowAll'],
  ['ALLOW_OWNER', 'AllowOwner'],
  ['DISALLOW_ALL', 'DisallowAll'],
]);

/** The registry Object Type for a PyKMIP name (`SYMMETRIC_KEY`), if there is one. */
export function objectTypeFromPykmip(name: string): ObjectTypeName | undefined {
  return OBJECT_TYPES.get(name);
}

/** The registry Operation for a PyKMIP name (`GET_ATTRIBUTES`), if there is one. */
export function operationFromPykmip(name: string): OperationName | undefined {
  return OPERATIONS.get(name);
}

/** The permission for a PyKMIP policy value (`ALLOW_OWNER`), if it is one. */
export function permissionFromPykmip(name: string): Permission | undefined {
  return PERMISSIONS.get(name);
}

/** Whether `name` is a registry Object Type name. */
export function isObjectTypeName(name: string): name is ObjectTypeName {
  return Object.hasOwn(ObjectType, name);
}

/** Whether `name` is a registry Operation name. */
export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(Operation, name);
}
