/**
 * The association operations of DSP0200 §5.3.2.8-5.3.2.11: Associators, AssociatorNames,
 * References and ReferenceNames. The source is an instance path (instance level: instances or
 * instance paths come back) or a class (class level: [class path, class] pairs or class
 * paths), as pywbem returns them.
 */
import { CimXmlParseError } from '../errors.ts';
import type { CimClass } from '../objects/class.ts';
import type { CimClassName } from '../objects/class-name.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { isClass, isClassName, isInstance, isInstanceName } from '../objects/kinds.ts';
import {
  classNameParam,
  objectNameParam,
  propertyListParam,
  targetNamespace,
  type ObjectNameArg,
} from './args.ts';
import type { WbemConnectionCore } from './core.ts';
import { itemsOf, type ExtraParams } from './results.ts';

/** Filters of AssociatorNames (and, with the object options, Associators). */
export interface AssociatorNamesOptions {
  readonly assocClass?: string | CimClassName | null;
  readonly resultClass?: string | CimClassName | null;
  readonly role?: string | null;
  readonly resultRole?: string | null;
  readonly extra?: ExtraParams;
}

/** Filters of ReferenceNames (and, with the object options, References). */
export interface ReferenceNamesOptions {
  readonly resultClass?: string | CimClassName | null;
  readonly role?: string | null;
  readonly extra?: ExtraParams;
}

/** What Associators and References may add to the returned objects. */
export interface ObjectReturnOptions {
  readonly includeQualifiers?: boolean | null;
  readonly includeClassOrigin?: boolean | null;
  readonly propertyList?: string | readonly string[] | null;
}

/** A class-level result: the class path and the class (whose path is set too). */
export type ClassWithPath = [CimClassName, CimClass];

async function call(
  conn: WbemConnectionCore,
  name: string,
  objectName: ObjectNameArg,
  params: Record<string, unknown>,
) {
  const ns = targetNamespace(conn.defaultNamespace, null, objectName);
  const local = objectNameParam(objectName);
  const resp = await conn.imethodcall(name, ns, { ObjectName: local, ...params });
  return { resp, isInstanceLevel: isInstanceName(local) };
}

function objectParams(o: ObjectReturnOptions) {
  return {
    IncludeQualifiers: o.includeQualifiers,
    IncludeClassOrigin: o.includeClassOrigin,
    PropertyList: propertyListParam(o.propertyList),
  };
}

function objectsOf(resp: Awaited<ReturnType<typeof call>>): CimInstance[] | ClassWithPath[] {
  const { resp: r, isInstanceLevel } = resp;
  if (isInstanceLevel) return itemsOf(r, isInstance, 'INSTANCE');
  return itemsOf(r, isClass, 'CLASS').map((cls): ClassWithPath => {
    if (cls.path === null)
      throw new CimXmlParseError(`${r.name} response has a class without path`);
    return [cls.path.copy(), cls];
  });
}

function pathsOf(resp: Awaited<ReturnType<typeof call>>): CimInstanceName[] | CimClassName[] {
  const { resp: r, isInstanceLevel } = resp;
  return isInstanceLevel
    ? itemsOf(r, isInstanceName, 'INSTANCEPATH')
    : itemsOf(r, isClassName, 'CLASSPATH');
}

export async function associators(
  conn: WbemConnectionCore,
  objectName: ObjectNameArg,
  o: AssociatorNamesOptions & ObjectReturnOptions = {},
): Promise<CimInstance[] | ClassWithPath[]> {
  const r = await call(conn, 'Associators', objectName, {
    AssocClass: classNameParam(o.assocClass, 'AssocClass'),
    ResultClass: classNameParam(o.resultClass, 'ResultClass'),
    Role: o.role,
    ResultRole: o.resultRole,
    ...objectParams(o),
    ...o.extra,
  });
  return objectsOf(r);
}

export async function associatorNames(
  conn: WbemConnectionCore,
  objectName: ObjectNameArg,
  o: AssociatorNamesOptions = {},
): Promise<CimInstanceName[] | CimClassName[]> {
  const r = await call(conn, 'AssociatorNames', objectName, {
    AssocClass: classNameParam(o.assocClass, 'AssocClass'),
    ResultClass: classNameParam(o.resultClass, 'ResultClass'),
    Role: o.role,
    ResultRole: o.resultRole,
    ...o.extra,
  });
  return pathsOf(r);
}

export async function references(
  conn: WbemConnectionCore,
  objectName: ObjectNameArg,
  o: ReferenceNamesOptions & ObjectReturnOptions = {},
): Promise<CimInstance[] | ClassWithPath[]> {
  const r = await call(conn, 'References', objectName, {
    ResultClass: classNameParam(o.resultClass, 'ResultClass'),
    Role: o.role,
    ...objectParams(o),
    ...o.extra,
  });
  return objectsOf(r);
}

export async function referenceNames(
  conn: WbemConnectionCore,
  objectName: ObjectNameArg,
  o: ReferenceNamesOptions = {},
): Promise<CimInstanceName[] | CimClassName[]> {
  const r = await call(conn, 'ReferenceNames', objectName, {
    ResultClass: classNameParam(o.resultClass, 'ResultClass'),
    Role: o.role,
    ...o.extra,
  });
  return pathsOf(r);
}
