/**
 * The `cimKind` tag every CIM object class carries, and guards on it. Lower layers (types,
 * CIM-XML values) test object kinds through these guards instead of importing the classes,
 * which keeps the module graph free of cycles.
 */
import type { CimClass } from './class.ts';
import type { CimClassName } from './class-name.ts';
import type { CimInstance } from './instance.ts';
import type { CimInstanceName } from './instance-name.ts';

/** Discriminator of the CIM object classes. */
export type CimObjectKind =
  | 'CIMInstanceName'
  | 'CIMInstance'
  | 'CIMClassName'
  | 'CIMClass'
  | 'CIMProperty'
  | 'CIMMethod'
  | 'CIMParameter'
  | 'CIMQualifier'
  | 'CIMQualifierDeclaration';

function kindOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { cimKind?: unknown }).cimKind
    : undefined;
}

/** True for a CimInstanceName. */
export function isInstanceName(value: unknown): value is CimInstanceName {
  return kindOf(value) === 'CIMInstanceName';
}

/** True for a CimClassName. */
export function isClassName(value: unknown): value is CimClassName {
  return kindOf(value) === 'CIMClassName';
}

/** True for a CimInstance. */
export function isInstance(value: unknown): value is CimInstance {
  return kindOf(value) === 'CIMInstance';
}

/** True for a CimClass. */
export function isClass(value: unknown): value is CimClass {
  return kindOf(value) === 'CIMClass';
}
