/**
 * The schema operations of DSP0200 §5.3.2: EnumerateClasses, EnumerateClassNames, GetClass,
 * ModifyClass, CreateClass, DeleteClass, and the qualifier declaration operations
 * EnumerateQualifiers, GetQualifier, SetQualifier, DeleteQualifier. Returned classes get a
 * path with the connection's host and the target namespace (as pywbem).
 */
import { CimTypeError } from '../errors.ts';
import type { CimClass } from '../objects/class.ts';
import { CimClassName } from '../objects/class-name.ts';
import { isClass, isClassName } from '../objects/kinds.ts';
import type { CimQualifierDeclaration } from '../objects/qualifier-declaration.ts';
import { classNameParam, propertyListParam, targetNamespace, type ClassNameArg } from './args.ts';
import type { WbemConnectionCore } from './core.ts';
import { itemsOf, singleItemOf, type ExtraParams } from './results.ts';

/** Options of EnumerateClasses. */
export interface EnumerateClassesOptions {
  readonly namespace?: string | null;
  /** Start below this class; null: the top-level classes. */
  readonly className?: ClassNameArg | null;
  readonly deepInheritance?: boolean | null;
  readonly localOnly?: boolean | null;
  readonly includeQualifiers?: boolean | null;
  readonly includeClassOrigin?: boolean | null;
  readonly extra?: ExtraParams;
}

/** Options of GetClass. */
export interface GetClassOptions {
  readonly namespace?: string | null;
  readonly localOnly?: boolean | null;
  readonly includeQualifiers?: boolean | null;
  readonly includeClassOrigin?: boolean | null;
  readonly propertyList?: string | readonly string[] | null;
  readonly extra?: ExtraParams;
}

/** Namespace and extra parameters, for the operations that take nothing else. */
export interface NamespaceOptions {
  readonly namespace?: string | null;
  readonly extra?: ExtraParams;
}

function isQualifierDeclaration(v: unknown): v is CimQualifierDeclaration {
  return (v as { cimKind?: unknown } | null)?.cimKind === 'CIMQualifierDeclaration';
}

function withPath(conn: WbemConnectionCore, cls: CimClass, ns: string): CimClass {
  cls.path = new CimClassName(cls.classname, { host: conn.host, namespace: ns });
  return cls;
}

export async function enumerateClasses(
  conn: WbemConnectionCore,
  o: EnumerateClassesOptions = {},
): Promise<CimClass[]> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, o.className);
  const resp = await conn.imethodcall('EnumerateClasses', ns, {
    ClassName: classNameParam(o.className),
    DeepInheritance: o.deepInheritance,
    LocalOnly: o.localOnly,
    IncludeQualifiers: o.includeQualifiers,
    IncludeClassOrigin: o.includeClassOrigin,
    ...o.extra,
  });
  return itemsOf(resp, isClass, 'CLASS').map((c) => withPath(conn, c, ns));
}

export async function enumerateClassNames(
  conn: WbemConnectionCore,
  o: Omit<EnumerateClassesOptions, 'localOnly' | 'includeQualifiers' | 'includeClassOrigin'> = {},
): Promise<string[]> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, o.className);
  const resp = await conn.imethodcall('EnumerateClassNames', ns, {
    ClassName: classNameParam(o.className),
    DeepInheritance: o.deepInheritance,
    ...o.extra,
  });
  return itemsOf(resp, isClassName, 'CLASSNAME').map((c) => c.classname);
}

export async function getClass(
  conn: WbemConnectionCore,
  className: ClassNameArg,
  o: GetClassOptions = {},
): Promise<CimClass> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, className);
  const resp = await conn.imethodcall('GetClass', ns, {
    ClassName: classNameParam(className),
    LocalOnly: o.localOnly,
    IncludeQualifiers: o.includeQualifiers,
    IncludeClassOrigin: o.includeClassOrigin,
    PropertyList: propertyListParam(o.propertyList),
    ...o.extra,
  });
  return withPath(conn, singleItemOf(resp, isClass, 'CLASS'), ns);
}

async function sendClass(
  conn: WbemConnectionCore,
  op: 'ModifyClass' | 'CreateClass',
  cls: CimClass,
  o: NamespaceOptions,
): Promise<void> {
  const param = op === 'ModifyClass' ? 'ModifiedClass' : 'NewClass';
  if (!isClass(cls)) throw new CimTypeError(`${param} must be a CimClass`);
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, cls.path);
  const copy = cls.copy();
  copy.path = null;
  await conn.imethodcall(op, ns, { [param]: copy, ...o.extra }, { hasReturnValue: false });
}

export async function modifyClass(
  conn: WbemConnectionCore,
  modifiedClass: CimClass,
  o: NamespaceOptions = {},
): Promise<void> {
  await sendClass(conn, 'ModifyClass', modifiedClass, o);
}

export async function createClass(
  conn: WbemConnectionCore,
  newClass: CimClass,
  o: NamespaceOptions = {},
): Promise<void> {
  await sendClass(conn, 'CreateClass', newClass, o);
}

export async function deleteClass(
  conn: WbemConnectionCore,
  className: ClassNameArg,
  o: NamespaceOptions = {},
): Promise<void> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, className);
  await conn.imethodcall(
    'DeleteClass',
    ns,
    { ClassName: classNameParam(className), ...o.extra },
    { hasReturnValue: false },
  );
}

export async function enumerateQualifiers(
  conn: WbemConnectionCore,
  o: NamespaceOptions = {},
): Promise<CimQualifierDeclaration[]> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace);
  const resp = await conn.imethodcall('EnumerateQualifiers', ns, { ...o.extra });
  return itemsOf(resp, isQualifierDeclaration, 'QUALIFIER.DECLARATION');
}

export async function getQualifier(
  conn: WbemConnectionCore,
  qualifierName: string,
  o: NamespaceOptions = {},
): Promise<CimQualifierDeclaration> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace);
  const resp = await conn.imethodcall('GetQualifier', ns, {
    QualifierName: qualifierName,
    ...o.extra,
  });
  return singleItemOf(resp, isQualifierDeclaration, 'QUALIFIER.DECLARATION');
}

export async function setQualifier(
  conn: WbemConnectionCore,
  qualifierDeclaration: CimQualifierDeclaration,
  o: NamespaceOptions = {},
): Promise<void> {
  if (!isQualifierDeclaration(qualifierDeclaration)) {
    throw new CimTypeError('QualifierDeclaration must be a CimQualifierDeclaration');
  }
  const ns = targetNamespace(conn.defaultNamespace, o.namespace);
  await conn.imethodcall(
    'SetQualifier',
    ns,
    { QualifierDeclaration: qualifierDeclaration, ...o.extra },
    { hasReturnValue: false },
  );
}

export async function deleteQualifier(
  conn: WbemConnectionCore,
  qualifierName: string,
  o: NamespaceOptions = {},
): Promise<void> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace);
  await conn.imethodcall(
    'DeleteQualifier',
    ns,
    { QualifierName: qualifierName, ...o.extra },
    { hasReturnValue: false },
  );
}
