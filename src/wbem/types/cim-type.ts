/**
 * CIM data type names (DSP0004 §5.2) and the JavaScript values that represent them:
 *
 * | CIM type              | value                                      |
 * |-----------------------|--------------------------------------------|
 * | boolean               | boolean                                    |
 * | string                | string                                     |
 * | string (embedded)     | CimInstance or CimClass                    |
 * | char16                | string or Char16                           |
 * | datetime              | CimDateTime                                |
 * | reference             | CimInstanceName (or CimClassName)          |
 * | uint8 … sint64        | Uint8 … Sint64 (64-bit ones hold a bigint) |
 * | real32, real64        | Real32, Real64                             |
 * | arrays                | arrays of the above, items may be null     |
 *
 * CIM NULL is `null`.
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { isClass, isClassName, isInstance, isInstanceName } from '../objects/kinds.ts';
import type { CimClass } from '../objects/class.ts';
import type { CimClassName } from '../objects/class-name.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { Char16 } from './char16.ts';
import { CimDateTime } from './datetime.ts';
import { CimInteger, type CimIntegerTypeName } from './integers.ts';
import { CimReal, type CimRealTypeName } from './reals.ts';

/** Every CIM data type name. */
export const CIM_TYPE_NAMES = [
  'boolean',
  'string',
  'char16',
  'datetime',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'sint8',
  'sint16',
  'sint32',
  'sint64',
  'real32',
  'real64',
  'reference',
] as const;

/** A CIM data type name. */
export type CimTypeName = (typeof CIM_TYPE_NAMES)[number];

export type { CimIntegerTypeName, CimRealTypeName };

/** A non-null scalar CIM value. */
export type CimScalar =
  | string
  | boolean
  | Char16
  | CimInteger
  | CimReal
  | CimDateTime
  | CimInstanceName
  | CimClassName
  | CimInstance
  | CimClass;

/** A CIM value: a scalar, NULL, or an array whose items may be NULL. */
export type CimValue = CimScalar | null | (CimScalar | null)[];

/** True if `name` is a CIM data type name. */
export function isCimTypeName(name: unknown): name is CimTypeName {
  return typeof name === 'string' && (CIM_TYPE_NAMES as readonly string[]).includes(name);
}

/** Checks a CIM type name. @throws KW_WBEM_INVALID_VALUE */
export function checkCimTypeName(name: unknown): CimTypeName {
  if (!isCimTypeName(name)) throw new CimInvalidValueError(`invalid CIM type: ${String(name)}`);
  return name;
}

/** True for the integer type names. */
export function isIntegerTypeName(name: string): name is CimIntegerTypeName {
  return /^[su]int(8|16|32|64)$/.test(name);
}

/** True for the real type names. */
export function isRealTypeName(name: string): name is CimRealTypeName {
  return name === 'real32' || name === 'real64';
}

/**
 * The CIM type name of a typed value (pywbem `cimtype`); for an array, of its first non-NULL
 * item.
 * Plain numbers have no CIM type: say Uint32(…) or Real64(…).
 * @throws KW_WBEM_TYPE for values without a CIM type; KW_WBEM_INVALID_VALUE for an array of
 *   only NULLs
 * @example cimType(new Uint8(1)); // 'uint8'
 */
export function cimType(value: unknown): CimTypeName {
  if (value instanceof CimInteger || value instanceof CimReal) return value.cimType;
  if (value instanceof Char16) return 'char16';
  if (value instanceof CimDateTime || value instanceof Date) return 'datetime';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) {
    // pywbem looks at item 0 only; the first non-NULL item also types [null, x].
    const first: unknown = value.find((item) => item !== null && item !== undefined);
    if (first === undefined) {
      throw new CimInvalidValueError('cannot determine the CIM type of an array without items');
    }
    return cimType(first);
  }
  if (isInstanceName(value) || isClassName(value)) return 'reference';
  if (isInstance(value) || isClass(value)) return 'string';
  const what = typeof value === 'number' ? 'a plain number' : `a ${typeof value}`;
  throw new CimTypeError(`${what} has no CIM data type`);
}
