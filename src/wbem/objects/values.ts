/**
 * Conversion of plain JavaScript values to CIM values (pywbem `cimvalue` and `tocimobj`) and
 * equality of CIM values (pywbem `_eq_item`).
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { Char16, checkChar16 } from '../types/char16.ts';
import { checkCimTypeName, cimType, isIntegerTypeName, isRealTypeName } from '../types/cim-type.ts';
import type { CimScalar, CimTypeName, CimValue } from '../types/cim-type.ts';
import { CimDateTime } from '../types/datetime.ts';
import { CimInteger, integerClasses } from '../types/integers.ts';
import { CimReal, Real32, Real64, parseReal } from '../types/reals.ts';
import { isClass, isClassName, isInstance, isInstanceName } from './kinds.ts';
import { CimInstanceName } from './instance-name.ts';
import { parseReferenceUri } from './wbem-uri.ts';

function convertScalar(value: unknown, type: CimTypeName, lenient: boolean): CimScalar | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (lenient && typeof value === 'string' && /^(true|false)$/i.test(value)) {
        return value.toLowerCase() === 'true';
      }
      break;
    case 'string':
      if (typeof value === 'string' || isInstance(value) || isClass(value)) return value;
      break;
    case 'char16':
      if (value instanceof Char16) return value;
      if (typeof value === 'string') return checkChar16(value);
      break;
    case 'datetime':
      if (value instanceof CimDateTime) return value;
      if (typeof value === 'string' || value instanceof Date) return new CimDateTime(value);
      break;
    case 'reference':
      if (isInstanceName(value) || isClassName(value)) return value;
      if (typeof value === 'string') {
        return lenient ? parseReferenceUri(value) : CimInstanceName.fromWbemUri(value);
      }
      break;
    default:
      return convertNumeric(value, type);
  }
  throw new CimTypeError(`a ${typeof value} cannot be a CIM ${type} value`);
}

function convertNumeric(value: unknown, type: CimTypeName): CimScalar {
  if (isIntegerTypeName(type)) {
    const Cls = integerClasses[type];
    if (value instanceof Cls) return value;
    if (value instanceof CimInteger) return new Cls(value.toBigInt());
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') {
      return new Cls(value);
    }
  } else if (isRealTypeName(type)) {
    const Cls = type === 'real32' ? Real32 : Real64;
    if (value instanceof Cls) return value;
    if (value instanceof CimReal || value instanceof CimInteger)
      return new Cls(Number(value.value));
    if (typeof value === 'number') return new Cls(value);
    if (typeof value === 'string') return new Cls(parseReal(value, type));
  }
  throw new CimTypeError(`a ${typeof value} cannot be a CIM ${type} value`);
}

/**
 * A CIM value of `type` from `value` (pywbem `cimvalue`). Typed values pass through (integers
 * are converted between widths, range-checked); numbers, bigints and decimal strings become
 * the integer or real type; strings become datetimes or (WBEM URI) references. Arrays are
 * converted item by item. Without `type`, the type is taken from the value.
 * @throws KW_WBEM_TYPE, KW_WBEM_INTEGER_RANGE, KW_WBEM_DATETIME_FORMAT, KW_WBEM_INVALID_VALUE
 * @example cimValue(42, 'uint8'); // Uint8 { value: 42 }
 */
export function cimValue(value: unknown, type?: CimTypeName | null): CimValue {
  if (value === null || value === undefined) return null;
  const t = type ?? cimType(value);
  checkCimTypeName(t);
  if (Array.isArray(value)) return value.map((v: unknown) => convertScalar(v, t, false));
  return convertScalar(value, t, false);
}

/**
 * pywbem's `tocimobj(type, value)`: like cimValue, but also reads booleans, numbers and
 * datetimes from their text, treats an empty string as NULL for non-string types, and reads a
 * reference string as an instance path or (without keys) a class path.
 * @throws KW_WBEM_TYPE, KW_WBEM_INTEGER_RANGE, KW_WBEM_DATETIME_FORMAT, KW_WBEM_INVALID_VALUE
 * @example toCimObj('boolean', 'TRUE'); // true
 */
export function toCimObj(type: CimTypeName, value: unknown): CimValue {
  checkCimTypeName(type);
  if (value === null || value === undefined) return null;
  if (type !== 'string' && value === '') return null;
  if (Array.isArray(value)) {
    return value.map((v: unknown) =>
      type !== 'string' && v === '' ? null : convertScalar(v, type, true),
    );
  }
  return convertScalar(value, type, true);
}

function numericOf(value: unknown): bigint | number | null {
  if (value instanceof CimInteger) return value.toBigInt();
  if (value instanceof CimReal) return value.value;
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  return null;
}

function scalarEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Char16 || b instanceof Char16) {
    const text = (v: unknown) => (v instanceof Char16 ? v.value : v);
    return typeof text(a) === 'string' && text(a) === text(b);
  }
  const na = numericOf(a);
  const nb = numericOf(b);
  if (na !== null && nb !== null) {
    if (Number.isNaN(na) && Number.isNaN(nb)) return true;
    // bigint == number compares mathematically; mixing integer and real types is fine
    // (pywbem: Uint8(42) == 42 == 42.0).
    return na == nb;
  }
  if (typeof a === 'object' && a !== null && 'equals' in a && typeof a.equals === 'function') {
    return (a.equals as (other: unknown) => boolean)(b);
  }
  return false;
}

/** Equality of two CIM values (arrays item by item, objects by their `equals`). */
export function cimValueEquals(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => cimValueEquals(item, b[i]));
  }
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a ?? null) === (b ?? null);
  }
  return scalarEquals(a, b);
}

/** Case-insensitive equality of two optional CIM names (pywbem `_eq_name`). */
export function nameEquals(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return a.toLowerCase() === b.toLowerCase();
}

/** Checks that a name is a non-empty string. @throws KW_WBEM_INVALID_VALUE */
export function checkName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new CimInvalidValueError(`${what} must be a non-empty string`);
  }
  return name;
}
