/**
 * Argument conversion of the WBEM operations, with pywbem's rules (`_iparam_*` in
 * pywbem's cim_operations): which namespace an operation targets, and the form in which class
 * names, object names and property lists go into the request.
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import { CimClassName } from '../objects/class-name.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { isClassName, isInstanceName } from '../objects/kinds.ts';

/** A class given by name or path (its namespace may choose the target namespace). */
export type ClassNameArg = string | CimClassName;
/** A class (name or path) or an instance path: the source of association operations. */
export type ObjectNameArg = string | CimClassName | CimInstanceName;

/** Strips leading and trailing slashes, keeping the case (pywbem `_iparam_namespace_from_namespace`). */
export function cleanNamespace(namespace: string): string {
  return namespace.replace(/^\/+|\/+$/g, '');
}

/**
 * The target namespace: `namespace` if given, else that of a path argument, else the default.
 * @throws KW_WBEM_TYPE when `namespace` is not a string
 */
export function targetNamespace(
  defaultNamespace: string,
  namespace: unknown,
  fromObject?: unknown,
): string {
  if (namespace !== null && namespace !== undefined) {
    if (typeof namespace !== 'string') {
      throw new CimTypeError(`namespace must be a string, got ${typeof namespace}`);
    }
    return cleanNamespace(namespace);
  }
  if ((isClassName(fromObject) || isInstanceName(fromObject)) && fromObject.namespace !== null) {
    return cleanNamespace(fromObject.namespace);
  }
  return defaultNamespace;
}

/**
 * ClassName as sent: a CLASSNAME without host and namespace; null stays null.
 * @throws KW_WBEM_TYPE for anything but a string or CimClassName
 */
export function classNameParam(className: unknown, argName = 'ClassName'): CimClassName | null {
  if (className === null || className === undefined) return null;
  if (typeof className === 'string') return new CimClassName(className);
  if (isClassName(className)) return new CimClassName(className.classname);
  throw new CimTypeError(`${argName} must be a string or CimClassName`);
}

/**
 * An object name as sent: a class path or instance path without host and namespace.
 * @throws KW_WBEM_TYPE for anything but a string, CimClassName or CimInstanceName
 */
export function objectNameParam(objectName: unknown, argName = 'ObjectName'): ObjectNameLocal {
  if (typeof objectName === 'string') return new CimClassName(objectName);
  if (isClassName(objectName)) return new CimClassName(objectName.classname);
  if (isInstanceName(objectName)) {
    const copy = objectName.copy();
    copy.host = null;
    copy.namespace = null;
    return copy;
  }
  throw new CimTypeError(`${argName} must be a string, CimClassName or CimInstanceName`);
}

/** A class or instance path without host and namespace. */
export type ObjectNameLocal = CimClassName | CimInstanceName;

/**
 * An instance path as sent (host and namespace dropped).
 * @throws KW_WBEM_TYPE unless it is a CimInstanceName
 */
export function instanceNameParam(
  instanceName: unknown,
  argName = 'InstanceName',
): CimInstanceName {
  if (!isInstanceName(instanceName)) throw new CimTypeError(`${argName} must be a CimInstanceName`);
  const copy = instanceName.copy();
  copy.host = null;
  copy.namespace = null;
  return copy;
}

/**
 * PropertyList: a single string becomes a one-item list (pywbem `_iparam_propertylist`).
 * @throws KW_WBEM_TYPE for anything but null, a string or a string array
 */
export function propertyListParam(propertyList: unknown): string[] | null {
  if (propertyList === null || propertyList === undefined) return null;
  if (typeof propertyList === 'string') return [propertyList];
  if (Array.isArray(propertyList) && propertyList.every((p) => typeof p === 'string')) {
    return [...(propertyList as string[])];
  }
  throw new CimTypeError('PropertyList must be a string or an array of strings');
}

/**
 * OperationTimeout of the pull operations: an integer ≥ 0 or null.
 * @throws KW_WBEM_TYPE, KW_WBEM_INVALID_VALUE
 */
export function checkOperationTimeout(value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new CimTypeError('OperationTimeout must be an integer');
  }
  if (value < 0) throw new CimInvalidValueError('OperationTimeout must be >= 0');
}

/**
 * MaxObjectCount of Pull operations: a required integer ≥ 0. As pywbem: missing is a type
 * error (a required argument), null a value error.
 * @throws KW_WBEM_TYPE, KW_WBEM_INVALID_VALUE
 */
export function checkPullMaxObjectCount(value: unknown): void {
  if (value === undefined) throw new CimTypeError('MaxObjectCount is required');
  if (value === null) throw new CimInvalidValueError('MaxObjectCount must not be null');
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new CimTypeError('MaxObjectCount must be an integer');
  }
  if (value < 0) throw new CimInvalidValueError('MaxObjectCount must be >= 0');
}
