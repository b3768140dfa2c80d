/**
 * Inference and consistency checks shared by CimProperty and CimParameter (pywbem
 * `_infer_type`, `_infer_is_array`, `_infer_embedded_object`, `_check_embedded_object`).
 */
import { CimInvalidValueError } from '../errors.ts';
import { checkCimTypeName, cimType, type CimTypeName } from '../types/cim-type.ts';
import { isClass, isInstance } from './kinds.ts';

/** Kind of embedded object a string value holds (DSP0004 EmbeddedInstance/EmbeddedObject). */
export type EmbeddedObjectKind = 'instance' | 'object';

/** The declared type, or the type of the value. @throws KW_WBEM_INVALID_VALUE */
export function inferType(
  type: CimTypeName | null | undefined,
  value: unknown,
  what: string,
): CimTypeName {
  if (type !== null && type !== undefined) return checkCimTypeName(type);
  if (value === null || value === undefined) {
    throw new CimInvalidValueError(`cannot infer the CIM type of ${what} from a NULL value`);
  }
  try {
    return cimType(value);
  } catch (cause) {
    throw new CimInvalidValueError(`cannot infer the CIM type of ${what} from its value`, {
      cause,
    });
  }
}

/** The declared array-ness, checked against the value, or whether the value is an array. */
export function inferIsArray(isArray: boolean | null | undefined, value: unknown, what: string) {
  if (isArray === null || isArray === undefined) return Array.isArray(value);
  if (value !== null && value !== undefined && Array.isArray(value) !== isArray) {
    throw new CimInvalidValueError(`isArray of ${what} does not match its value`);
  }
  return isArray;
}

function embeddedKindOf(value: unknown): EmbeddedObjectKind | null {
  if (isInstance(value)) return 'instance';
  if (isClass(value)) return 'object';
  return null;
}

/**
 * The declared embedded-object kind (false meaning none), or the one the value implies:
 * an instance → 'instance', a class → 'object'. Checks the value fits the kind.
 * @throws KW_WBEM_INVALID_VALUE
 */
export function inferEmbeddedObject(
  declared: EmbeddedObjectKind | false | null | undefined,
  type: CimTypeName,
  value: unknown,
  what: string,
): EmbeddedObjectKind | null {
  let kind: EmbeddedObjectKind | null;
  if (declared === false) kind = null;
  else if (declared !== null && declared !== undefined) kind = declared;
  else if (Array.isArray(value)) {
    const first = value.find((v) => v !== null && v !== undefined);
    kind = embeddedKindOf(first);
  } else kind = embeddedKindOf(value);
  if (kind === null) return null;
  if (kind !== 'instance' && kind !== 'object') {
    throw new CimInvalidValueError(`invalid embedded object kind for ${what}`);
  }
  if (type !== 'string') {
    throw new CimInvalidValueError(`${what} is an embedded object but has type ${type}`);
  }
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    const ok = kind === 'instance' ? isInstance(item) : isInstance(item) || isClass(item);
    if (!ok) throw new CimInvalidValueError(`${what} value does not fit embedded ${kind}`);
  }
  return kind;
}
