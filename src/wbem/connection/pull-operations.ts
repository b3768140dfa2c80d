/**
 * The pull operations of DSP0200 §5.3.2.13-5.3.2.24: the Open* operations start an
 * enumeration session, Pull* continue it, CloseEnumeration ends it early. Each returns the
 * objects of one response, whether the sequence ended (`eos`) and, if not, the context for the
 * next pull: [enumeration context, namespace], as pywbem's pull result tuples.
 */
import { CimInvalidValueError, CimTypeError } from '../errors.ts';
import type { CimClass } from '../objects/class.ts';
import type { CimClassName } from '../objects/class-name.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { isClass, isInstance, isInstanceName } from '../objects/kinds.ts';
import { readPullState } from '../cimxml/pull-params.ts';
import type { IMethodResponse } from '../cimxml/parse-response.ts';
import {
  checkOperationTimeout,
  checkPullMaxObjectCount,
  classNameParam,
  instanceNameParam,
  propertyListParam,
  targetNamespace,
  type ClassNameArg,
} from './args.ts';
import type { WbemConnectionCore } from './core.ts';
import { itemsOf, type ExtraParams } from './results.ts';

/** Enumeration context and namespace of an open enumeration session. */
export type PullContext = readonly [string, string];

/** One response of a session returning instances. */
export interface PullInstancesResult {
  readonly instances: CimInstance[];
  readonly eos: boolean;
  readonly context: PullContext | null;
}

/** One response of a session returning instance paths. */
export interface PullPathsResult {
  readonly paths: CimInstanceName[];
  readonly eos: boolean;
  readonly context: PullContext | null;
}

/** OpenQueryInstances: instances plus the class describing them, if asked for. */
export interface PullQueryResult extends PullInstancesResult {
  readonly queryResultClass: CimClass | null;
}

/** Session controls shared by all Open* operations. */
export interface OpenOptions {
  readonly filterQueryLanguage?: string | null;
  readonly filterQuery?: string | null;
  /** Seconds the server keeps the session open between requests (0: forever). */
  readonly operationTimeout?: number | null;
  readonly continueOnError?: boolean | null;
  /** Most objects in the open response (0: none, only open the session). */
  readonly maxObjectCount?: number | null;
  readonly extra?: ExtraParams;
}

/** Options of OpenEnumerateInstances. */
export interface OpenEnumerateInstancesOptions extends OpenOptions {
  readonly namespace?: string | null;
  readonly deepInheritance?: boolean | null;
  readonly includeClassOrigin?: boolean | null;
  readonly propertyList?: string | readonly string[] | null;
}

/** Filters of OpenAssociatorInstance(Path)s. */
export interface OpenAssociatorsOptions extends OpenOptions {
  readonly assocClass?: string | CimClassName | null;
  readonly resultClass?: string | CimClassName | null;
  readonly role?: string | null;
  readonly resultRole?: string | null;
}

/** Filters of OpenReferenceInstance(Path)s. */
export interface OpenReferencesOptions extends OpenOptions {
  readonly resultClass?: string | CimClassName | null;
  readonly role?: string | null;
}

/** What OpenAssociatorInstances / OpenReferenceInstances may add to the instances. */
export interface OpenObjectOptions {
  readonly includeClassOrigin?: boolean | null;
  readonly propertyList?: string | readonly string[] | null;
}

function openParams(o: OpenOptions): Record<string, unknown> {
  checkOperationTimeout(o.operationTimeout);
  return {
    FilterQueryLanguage: o.filterQueryLanguage,
    FilterQuery: o.filterQuery,
    OperationTimeout: o.operationTimeout,
    ContinueOnError: o.continueOnError,
    MaxObjectCount: o.maxObjectCount,
  };
}

function stateOf(resp: IMethodResponse, ns: string) {
  const state = readPullState(resp.params);
  const context: PullContext | null =
    state.enumerationContext === null ? null : [state.enumerationContext, ns];
  return { eos: state.endOfSequence, context };
}

function instancesResult(resp: IMethodResponse, ns: string): PullInstancesResult {
  const { eos, context } = stateOf(resp, ns);
  return { instances: itemsOf(resp, isInstance, 'INSTANCE'), eos, context };
}

function pathsResult(resp: IMethodResponse, ns: string): PullPathsResult {
  const { eos, context } = stateOf(resp, ns);
  return { paths: itemsOf(resp, isInstanceName, 'INSTANCEPATH'), eos, context };
}

function open(conn: WbemConnectionCore, name: string, ns: string, params: Record<string, unknown>) {
  return conn.imethodcall(name, ns, params);
}

export async function openEnumerateInstances(
  conn: WbemConnectionCore,
  className: ClassNameArg,
  o: OpenEnumerateInstancesOptions = {},
): Promise<PullInstancesResult> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, className);
  const resp = await open(conn, 'OpenEnumerateInstances', ns, {
    ClassName: classNameParam(className),
    DeepInheritance: o.deepInheritance,
    IncludeClassOrigin: o.includeClassOrigin,
    PropertyList: propertyListParam(o.propertyList),
    ...openParams(o),
    ...o.extra,
  });
  return instancesResult(resp, ns);
}

export async function openEnumerateInstancePaths(
  conn: WbemConnectionCore,
  className: ClassNameArg,
  o: OpenOptions & { readonly namespace?: string | null } = {},
): Promise<PullPathsResult> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace, className);
  const resp = await open(conn, 'OpenEnumerateInstancePaths', ns, {
    ClassName: classNameParam(className),
    ...openParams(o),
    ...o.extra,
  });
  return pathsResult(resp, ns);
}

function associatorParams(o: OpenAssociatorsOptions) {
  return {
    AssocClass: classNameParam(o.assocClass, 'AssocClass'),
    ResultClass: classNameParam(o.resultClass, 'ResultClass'),
    Role: o.role,
    ResultRole: o.resultRole,
  };
}

function referenceParams(o: OpenReferencesOptions) {
  return { ResultClass: classNameParam(o.resultClass, 'ResultClass'), Role: o.role };
}

function objectParams(o: OpenObjectOptions) {
  return {
    IncludeClassOrigin: o.includeClassOrigin,
    PropertyList: propertyListParam(o.propertyList),
  };
}

async function openOnInstance(
  conn: WbemConnectionCore,
  name: string,
  instanceName: CimInstanceName,
  params: Record<string, unknown>,
): Promise<{ resp: IMethodResponse; ns: string }> {
  if (!isInstanceName(instanceName))
    throw new CimTypeError('InstanceName must be a CimInstanceName');
  const ns = targetNamespace(conn.defaultNamespace, null, instanceName);
  const resp = await open(conn, name, ns, {
    InstanceName: instanceNameParam(instanceName),
    ...params,
  });
  return { resp, ns };
}

export async function openAssociatorInstances(
  conn: WbemConnectionCore,
  instanceName: CimInstanceName,
  o: OpenAssociatorsOptions & OpenObjectOptions = {},
): Promise<PullInstancesResult> {
  const { resp, ns } = await openOnInstance(conn, 'OpenAssociatorInstances', instanceName, {
    ...associatorParams(o),
    ...objectParams(o),
    ...openParams(o),
    ...o.extra,
  });
  return instancesResult(resp, ns);
}

export async function openAssociatorInstancePaths(
  conn: WbemConnectionCore,
  instanceName: CimInstanceName,
  o: OpenAssociatorsOptions = {},
): Promise<PullPathsResult> {
  const { resp, ns } = await openOnInstance(conn, 'OpenAssociatorInstancePaths', instanceName, {
    ...associatorParams(o),
    ...openParams(o),
    ...o.extra,
  });
  return pathsResult(resp, ns);
}

export async function openReferenceInstances(
  conn: WbemConnectionCore,
  instanceName: CimInstanceName,
  o: OpenReferencesOptions & OpenObjectOptions = {},
): Promise<PullInstancesResult> {
  const { resp, ns } = await openOnInstance(conn, 'OpenReferenceInstances', instanceName, {
    ...referenceParams(o),
    ...objectParams(o),
    ...openParams(o),
    ...o.extra,
  });
  return instancesResult(resp, ns);
}

export async function openReferenceInstancePaths(
  conn: WbemConnectionCore,
  instanceName: CimInstanceName,
  o: OpenReferencesOptions = {},
): Promise<PullPathsResult> {
  const { resp, ns } = await openOnInstance(conn, 'OpenReferenceInstancePaths', instanceName, {
    ...referenceParams(o),
    ...openParams(o),
    ...o.extra,
  });
  return pathsResult(resp, ns);
}

export async function openQueryInstances(
  conn: WbemConnectionCore,
  filterQueryLanguage: string,
  filterQuery: string,
  o: Omit<OpenOptions, 'filterQuery' | 'filterQueryLanguage'> & {
    readonly namespace?: string | null;
    readonly returnQueryResultClass?: boolean | null;
  } = {},
): Promise<PullQueryResult> {
  const ns = targetNamespace(conn.defaultNamespace, o.namespace);
  const resp = await open(conn, 'OpenQueryInstances', ns, {
    ...openParams(o),
    FilterQueryLanguage: filterQueryLanguage,
    FilterQuery: filterQuery,
    ReturnQueryResultClass: o.returnQueryResultClass,
    ...o.extra,
  });
  const queryClass = resp.params.find((p) => p.name === 'QueryResultClass')?.value;
  return {
    ...instancesResult(resp, ns),
    queryResultClass: isClass(queryClass) ? queryClass : null,
  };
}

/**
 * Checks a pull context as pywbem does: null is a value error, a non-pair a type error.
 * @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE
 */
function checkContext(context: unknown): PullContext {
  if (context === null || context === undefined) {
    throw new CimInvalidValueError('the enumeration context must not be null');
  }
  if (
    !Array.isArray(context) ||
    context.length !== 2 ||
    typeof context[0] !== 'string' ||
    typeof context[1] !== 'string'
  ) {
    throw new CimTypeError('the enumeration context must be a [context, namespace] pair');
  }
  return context as unknown as PullContext;
}

async function pull(
  conn: WbemConnectionCore,
  name: string,
  context: PullContext,
  maxObjectCount: number,
): Promise<{ resp: IMethodResponse; ns: string }> {
  const [ctx, ns] = checkContext(context);
  checkPullMaxObjectCount(maxObjectCount);
  const resp = await conn.imethodcall(name, ns, {
    EnumerationContext: ctx,
    MaxObjectCount: maxObjectCount,
  });
  return { resp, ns };
}

export async function pullInstancesWithPath(
  conn: WbemConnectionCore,
  context: PullContext,
  maxObjectCount: number,
): Promise<PullInstancesResult> {
  const { resp, ns } = await pull(conn, 'PullInstancesWithPath', context, maxObjectCount);
  return instancesResult(resp, ns);
}

export async function pullInstancePaths(
  conn: WbemConnectionCore,
  context: PullContext,
  maxObjectCount: number,
): Promise<PullPathsResult> {
  const { resp, ns } = await pull(conn, 'PullInstancePaths', context, maxObjectCount);
  return pathsResult(resp, ns);
}

export async function pullInstances(
  conn: WbemConnectionCore,
  context: PullContext,
  maxObjectCount: number,
): Promise<PullInstancesResult> {
  const { resp, ns } = await pull(conn, 'PullInstances', context, maxObjectCount);
  return instancesResult(resp, ns);
}

export async function closeEnumeration(
  conn: WbemConnectionCore,
  context: PullContext,
): Promise<void> {
  const [ctx, ns] = checkContext(context);
  await conn.imethodcall(
    'CloseEnumeration',
    ns,
    { EnumerationContext: ctx },
    { hasReturnValue: false },
  );
}
