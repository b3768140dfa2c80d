/**
 * Reading the child-object inputs of CIM objects (properties, methods, parameters, qualifiers)
 * into NocaseDicts. Accepted, as in pywbem: an iterable of objects (order kept), an iterable
 * of [name, object-or-value] pairs (order kept), a NocaseDict, or a plain object.
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { NocaseDict } from '../nocase-dict.ts';

/** A named CIM object as stored in a NocaseDict. */
export interface Named {
  readonly name: string;
  readonly cimKind: string;
}

/** Child-object input: objects, pairs, a NocaseDict or a plain object. */
export type NamedInput<T, V = T> =
  | Iterable<T | readonly [string, T | V]>
  | NocaseDict<T>
  | Readonly<Record<string, T | V>>
  | null
  | undefined;

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

/**
 * Builds a NocaseDict from child-object input. `convert` turns a value into the object (or
 * checks it); an object's name must match its key, case-insensitively.
 * @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE
 */
export function namedDict<T extends Named>(
  input: NamedInput<T, unknown>,
  kind: T['cimKind'],
  convert: (key: string, value: unknown) => T,
): NocaseDict<T> {
  const dict = new NocaseDict<T>();
  if (input === null || input === undefined) return dict;
  const add = (key: string, value: unknown) => {
    const item = convert(key, value);
    if (item.name.toLowerCase() !== key.toLowerCase()) {
      throw new CimInvalidValueError(`${kind} name ${item.name} does not match its key ${key}`);
    }
    dict.set(key, item);
  };
  const items: Iterable<unknown> = isIterable(input) ? input : Object.entries(input);
  for (const item of items) {
    if (typeof item === 'object' && item !== null && (item as Named).cimKind === kind) {
      add((item as Named).name, item);
    } else if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string') {
      add(item[0], item[1]);
    } else {
      throw new CimTypeError(`invalid item in the input for ${kind} objects`);
    }
  }
  return dict;
}

/** A converter that only accepts objects of `kind`. */
export function requireKind<T extends Named>(kind: T['cimKind']) {
  return (key: string, value: unknown): T => {
    if (typeof value === 'object' && value !== null && (value as Named).cimKind === kind) {
      return value as T;
    }
    throw new CimTypeError(`${key} must be a ${kind} object`);
  };
}
