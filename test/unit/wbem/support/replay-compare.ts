/**
 * Test support: equality of our operation results with pywbem's expected results as the
 * testclient runner compares them (`==` of Python objects): CIM objects by their equals(),
 * lists item by item, dicts (InvokeMethod output parameters) case-insensitively by key,
 * numbers against CIM integers and reals by value.
 */
import { NocaseDict, cimValueEquals } from '../../../../src/wbem/index.ts';

function isCimObject(v: unknown): v is { equals(o: unknown): boolean; cimKind: string } {
  return typeof v === 'object' && v !== null && 'cimKind' in v;
}

/** pywbem-style equality of a result and an expected value (after fromYaml). */
export function pyEquals(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected)) return false;
    return actual.length === expected.length && actual.every((a, i) => pyEquals(a, expected[i]));
  }
  if (actual instanceof NocaseDict) {
    if (expected === null || typeof expected !== 'object') return false;
    const exp = new NocaseDict(Object.entries(expected as Record<string, unknown>));
    if (exp.size !== actual.size) return false;
    return [...actual].every(([k, v]) => exp.has(k) && pyEquals(v, exp.get(k)));
  }
  if (isCimObject(actual) || isCimObject(expected)) {
    return isCimObject(actual) && actual.equals(expected);
  }
  return cimValueEquals(actual, expected);
}
