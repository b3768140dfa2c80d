/**
 * Test support: turns a pywbem testclient operation (method name and keyword arguments, as
 * the YAML holds them) into a call of our WbemConnection, and our result back into something
 * comparable with pywbem's. pywbem's PascalCase keyword arguments become our camelCase options;
 * the positional ones are listed per operation.
 */
import type { WbemConnection } from '../../../../src/wbem/index.ts';
import { fromYaml } from './pywbem-yaml.ts';

/** pywbem arguments that are positional parameters of our methods, in order. */
const POSITIONAL: Readonly<Record<string, readonly string[]>> = {
  EnumerateInstances: ['ClassName'],
  EnumerateInstanceNames: ['ClassName'],
  GetInstance: ['InstanceName'],
  ModifyInstance: ['ModifiedInstance'],
  CreateInstance: ['NewInstance'],
  DeleteInstance: ['InstanceName'],
  ExecQuery: ['QueryLanguage', 'Query'],
  Associators: ['ObjectName'],
  AssociatorNames: ['ObjectName'],
  References: ['ObjectName'],
  ReferenceNames: ['ObjectName'],
  EnumerateClasses: [],
  EnumerateClassNames: [],
  GetClass: ['ClassName'],
  ModifyClass: ['ModifiedClass'],
  CreateClass: ['NewClass'],
  DeleteClass: ['ClassName'],
  EnumerateQualifiers: [],
  GetQualifier: ['QualifierName'],
  SetQualifier: ['QualifierDeclaration'],
  DeleteQualifier: ['QualifierName'],
  OpenEnumerateInstances: ['ClassName'],
  OpenEnumerateInstancePaths: ['ClassName'],
  OpenAssociatorInstances: ['InstanceName'],
  OpenAssociatorInstancePaths: ['InstanceName'],
  OpenReferenceInstances: ['InstanceName'],
  OpenReferenceInstancePaths: ['InstanceName'],
  OpenQueryInstances: ['FilterQueryLanguage', 'FilterQuery'],
  PullInstancesWithPath: ['context', 'MaxObjectCount'],
  PullInstancePaths: ['context', 'MaxObjectCount'],
  PullInstances: ['context', 'MaxObjectCount'],
  CloseEnumeration: ['context'],
  ExportIndication: ['NewIndication'],
};

function camel(name: string): string {
  return name === 'namespace' ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/** Calls the operation a testclient case names; a missing positional argument is undefined. */
export function callOperation(
  conn: WbemConnection,
  operation: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  const method = String(operation['pywbem_method']);
  const kwargs = Object.entries(operation).filter(([k]) => k !== 'pywbem_method');
  const args = new Map(kwargs.map(([k, v]) => [k, fromYaml(v)]));
  const fn = (conn as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
    camel(method)
  ];
  if (typeof fn !== 'function') throw new Error(`no method for ${method}`);
  if (method === 'InvokeMethod') {
    // InvokeMethod(MethodName, ObjectName, Params=None, **params): keyword params follow Params.
    const params: unknown[] = [...((args.get('Params') as unknown[] | null | undefined) ?? [])];
    for (const [k, v] of args) {
      if (!['MethodName', 'ObjectName', 'Params'].includes(k)) params.push([k, v]);
    }
    return fn.call(conn, args.get('MethodName'), args.get('ObjectName'), params);
  }
  const positional = POSITIONAL[method];
  if (positional === undefined) throw new Error(`no argument table for ${method}`);
  const options: Record<string, unknown> = {};
  for (const [k, v] of args) if (!positional.includes(k)) options[camel(k)] = v;
  const callArgs = positional.map((p) => args.get(p));
  // The pull operations take no options object.
  if (!method.startsWith('Pull') && method !== 'CloseEnumeration') callArgs.push(options);
  return fn.call(conn, ...callArgs);
}
