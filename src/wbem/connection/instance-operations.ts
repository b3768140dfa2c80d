/**
 * The instance operations of DSP0200 §5.3.2: EnumerateInstances, EnumerateInstanceNames,
 * GetInstance, ModifyInstance, CreateInstance, DeleteInstance and ExecQuery, with pywbem's
 * argument rules and result paths (namespace set to the target namespace, host unset).
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { isInstance, isInstanceName } from '../objects/kinds.ts';
import {
  classNameParam,
  instanceNameParam,
  propertyListParam,
  targetNamespace,
  type ClassNameArg,
} from './args.ts';
import type { WbemConnectionCore } from './core.ts';
import { itemsOf, singleItemOf, type ExtraParams } from './results.ts';

/** Options of EnumerateInstances (null or absent: not sent, the server default applies). */
export interface EnumerateInstancesOptions {
  readonly namespace?: string | null;
  readonly localOnly?: boolean | null;
  readonly deepInheritance?: boolean | null;
  readonly includeQualifiers?: boolean | null;
  readonly includeClassOrigin?: boolean | null;
  readonly propertyList?: string | readonly string[] | null;
  readonly extra?: ExtraParams;
}

/** Options of GetInstance. */
export interface GetInstanceOptions {
  readonly localOnly?: boolean | null;
  readonly includeQualifiers?: boolean | null;
  readonly includeClassOrigin?: boolean | null;
  readonly propertyList?: string | readonly string[] | null;
  readonly extra?: ExtraParams;
}

/** Options of ModifyInstance. */
export interface ModifyInstanceOptions {
  readonly includeQualifiers?: boolean | null;
  readonly propertyList?: string | readonly string[] | null;
  readonly extra?: ExtraParams;
}

function setNamespace(path: CimInstanceName, namespace: string): CimInstanceName {
  path.namespace = namespace;
  return path;
}

export async function enumerateInstances(
  conn: WbemConnectionCore,
  className: ClassNameArg,
  o: EnumerateInstancesOptions = {},
): Promise<CimInstance[]> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, className);
  const resp = await conn.imethodcall('EnumerateInstances', ns, {
    ClassName: classNameParam(className),
    LocalOnly: o.localOnly,
    DeepInheritance: o.deepInheritance,
    IncludeQualifiers: o.includeQualifiers,
    IncludeClassOrigin: o.includeClassOrigin,
    PropertyList: propertyListParam(o.propertyList),
    ...o.extra,
  });
  const instances = itemsOf(resp, isInstance, 'INSTANCE');
  for (const inst of instances) if (inst.path) setNamespace(inst.path, ns);
  return instances;
}

export async function enumerateInstanceNames(
  conn: WbemConnectionCore,
  className: ClassNameArg,
  o: { readonly namespace?: string | null; readonly extra?: ExtraParams } = {},
): Promise<CimInstanceName[]> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, className);
  const resp = await conn.imethodcall('EnumerateInstanceNames', ns, {
    ClassName: classNameParam(className),
    ...o.extra,
  });
  return itemsOf(resp, isInstanceName, 'INSTANCENAME').map((p) => setNamespace(p, ns));
}

export async function getInstance(
  conn: WbemConnectionCore,
  instanceName: CimInstanceName,
  o: GetInstanceOptions = {},
): Promise<CimInstance> {
  const ns = targetNamespace(conn.defaultNamespace, null, checkInstanceName(instanceName));
  const resp = await conn.imethodcall('GetInstance', ns, {
    InstanceName: instanceNameParam(instanceName),
    LocalOnly: o.localOnly,
    IncludeQualifiers: o.includeQualifiers,
    IncludeClassOrigin: o.includeClassOrigin,
    PropertyList: propertyListParam(o.propertyList),
    ...o.extra,
  });
  const inst = singleItemOf(resp, isInstance, 'INSTANCE');
  // GetInstance returns INSTANCE without a path; it is the requested one (pywbem).
  const path = instanceName.copy();
  path.namespace = ns;
  inst.path = path;
  return inst;
}

export async function modifyInstance(
  conn: WbemConnectionCore,
  modifiedInstance: CimInstance,
  o: ModifyInstanceOptions = {},
): Promise<void> {
  if (!isInstance(modifiedInstance))
    throw new CimTypeError('ModifiedInstance must be a CimInstance');
  const path = modifiedInstance.path;
  if (path === null) throw new CimInvalidValueError('ModifiedInstance must have a path');
  const ns = targetNamespace(conn.defaultNamespace, null, path);
  const instance = modifiedInstance.copy();
  instance.path = instanceNameParam(path);
  await conn.imethodcall(
    'ModifyInstance',
    ns,
    {
      // VALUE.NAMEDINSTANCE: the instance with its (local) instance name
      ModifiedInstance: instance.toCimXml(),
      IncludeQualifiers: o.includeQualifiers,
      PropertyList: propertyListParam(o.propertyList),
      ...o.extra,
    },
    { hasReturnValue: false },
  );
}

export async function createInstance(
  conn: WbemConnectionCore,
  newInstance: CimInstance,
  o: { readonly namespace?: string | null; readonly extra?: ExtraParams } = {},
): Promise<CimInstanceName> {
  if (!isInstance(newInstance)) throw new CimTypeError('NewInstance must be a CimInstance');
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, newInstance.path);
  const instance = newInstance.copy();
  instance.path = null; // DSP0200: NewInstance is an INSTANCE, the server makes the path
  const resp = await conn.imethodcall('CreateInstance', ns, {
    NewInstance: instance,
    ...o.extra,
  });
  return setNamespace(singleItemOf(resp, isInstanceName, 'INSTANCENAME'), ns);
}

export async function deleteInstance(
  conn: WbemConnectionCore,
  instanceName: CimInstanceName,
  o: { readonly extra?: ExtraParams } = {},
): Promise<void> {
  const ns = targetNamespace(conn.defaultNamespace, null, checkInstanceName(instanceName));
  await conn.imethodcall(
    'DeleteInstance',
    ns,
    { InstanceName: instanceNameParam(instanceName), ...o.extra },
    { hasReturnValue: false },
  );
}

export async function execQuery(
  conn: WbemConnectionCore,
  queryLanguage: string,
  query: string,
  o: { readonly namespace?: string | null; readonly extra?: ExtraParams } = {},
): Promise<CimInstance[]> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace);
  const resp = await conn.imethodcall('ExecQuery', ns, {
    QueryLanguage: queryLanguage,
    Query: query,
    ...o.extra,
  });
  return itemsOf(resp, isInstance, 'INSTANCE');
}

function checkInstanceName(value: unknown): CimInstanceName {
  if (!isInstanceName(value)) throw new CimTypeError('InstanceName must be a CimInstanceName');
  return value;
}
