/**
 * How a Locate request's attribute value is compared with an object's instance when the
 * object is read (the store compares the exact cases itself, see criteria.ts). KMIP 1.4
 * §4.9 / 2.1 §6.1.32: "When an attribute that is defined as a structure is specified, all of
 * the structure fields are not REQUIRED to be specified": a structure matches when every
 * field the request gives is equal; Usage Limits match when Count and Total are at least the
 * requested values.
 */
import type {
  AttributeValue,
  KnownAttributeValues,
} from '../../../kmip/messages/attribute-values.ts';
import { isRawItem } from '../../../kmip/messages/attribute-values.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function definedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

/**
 * Deep equality of attribute values as the store compares them: the same kind (256 is not
 * 256n), Dates by instant, bytes by content, objects by their defined fields.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return (
      a instanceof Uint8Array &&
      b instanceof Uint8Array &&
      a.length === b.length &&
      a.every((byte, i) => byte === b[i])
    );
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => valuesEqual(item, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = definedKeys(a);
    return (
      keys.length === definedKeys(b).length && keys.every((key) => valuesEqual(a[key], b[key]))
    );
  }
  return Object.is(a, b);
}

/**
 * True when `actual` has every field `requested` gives, with equal values. A raw Structure
 * item (a structure without a typed model) matches when each requested child is among the
 * instance's children; anything else must be equal.
 */
export function matchesPartially(requested: unknown, actual: unknown): boolean {
  if (isRawItem(requested) && isRawItem(actual) && requested.type === 'Structure') {
    if (actual.type !== 'Structure' || requested.tag !== actual.tag) return false;
    const children = actual.value;
    return requested.value.every((child) => children.some((c) => matchesPartially(child, c)));
  }
  if (isRawItem(requested) || !isPlainObject(requested)) return valuesEqual(requested, actual);
  if (!isPlainObject(actual) || isRawItem(actual)) return false;
  return definedKeys(requested).every((key) => matchesPartially(requested[key], actual[key]));
}

type UsageLimits = KnownAttributeValues['UsageLimits'];

/**
 * KMIP 1.4 §4.9: "matching candidate objects SHALL have a Usage Limits Count and Usage
 * Limits Total equal to or larger than the values specified in the request"; a requested
 * unit must be the object's unit.
 */
export function usageLimitsSatisfy(requested: UsageLimits, actual: AttributeValue): boolean {
  if (!isPlainObject(actual) || isRawItem(actual)) return false;
  const limits = actual as UsageLimits;
  const atLeast = (want: bigint | undefined, have: bigint | undefined) =>
    want === undefined || (typeof have === 'bigint' && have >= want);
  return (
    atLeast(requested.total, limits.total) &&
    atLeast(requested.count, limits.count) &&
    (requested.unit === undefined || requested.unit === limits.unit)
  );
}
