/**
 * The WBEM operations of DSP0200 as methods (pywbem WBEMConnection's operation methods). The
 * work is done by the operation modules; the core wraps each with statistics and recorders.
 * WbemConnection (connection.ts) adds the Iter* operations.
 */
import type { CimClass } from '../objects/class.ts';
import type { CimClassName } from '../objects/class-name.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import type { CimQualifierDeclaration } from '../objects/qualifier-declaration.ts';
import type { ClassNameArg, ObjectNameArg } from './args.ts';
import * as assoc from './association-operations.ts';
import * as cls from './class-operations.ts';
import { WbemConnectionCore } from './core.ts';
import * as inst from './instance-operations.ts';
import { invokeMethod, type InvokeMethodResult, type MethodParamsInput } from './invoke-method.ts';
import * as pull from './pull-operations.ts';
import { pywbemArgs } from './pywbem-args.ts';

/** The intrinsic and extrinsic WBEM operations; each is one HTTP POST to /cimom. */
export class WbemOperations extends WbemConnectionCore {
  #op<T>(name: string, args: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
    return this.runOperation(name, args, run);
  }

  /** EnumerateInstances: the instances of a class and its subclasses, paths with namespace. */
  enumerateInstances(className: ClassNameArg, o: inst.EnumerateInstancesOptions = {}) {
    const args = pywbemArgs({ ClassName: className }, o);
    return this.#op('EnumerateInstances', args, () => inst.enumerateInstances(this, className, o));
  }

  /** EnumerateInstanceNames: the instance paths of a class and its subclasses. */
  enumerateInstanceNames(
    className: ClassNameArg,
    o: { readonly namespace?: string | null; readonly extra?: Record<string, unknown> } = {},
  ): Promise<CimInstanceName[]> {
    const args = pywbemArgs({ ClassName: className }, o);
    return this.#op('EnumerateInstanceNames', args, () =>
      inst.enumerateInstanceNames(this, className, o),
    );
  }

  /** GetInstance: the instance at `instanceName`; its path is the request's, with namespace. */
  getInstance(
    instanceName: CimInstanceName,
    o: inst.GetInstanceOptions = {},
  ): Promise<CimInstance> {
    const args = pywbemArgs({ InstanceName: instanceName }, o);
    return this.#op('GetInstance', args, () => inst.getInstance(this, instanceName, o));
  }

  /** ModifyInstance: writes the instance's properties (all, or those in propertyList). */
  modifyInstance(modifiedInstance: CimInstance, o: inst.ModifyInstanceOptions = {}): Promise<void> {
    const args = pywbemArgs({ ModifiedInstance: modifiedInstance }, o);
    return this.#op('ModifyInstance', args, () => inst.modifyInstance(this, modifiedInstance, o));
  }

  /** CreateInstance: returns the path of the new instance. */
  createInstance(newInstance: CimInstance, o: cls.NamespaceOptions = {}): Promise<CimInstanceName> {
    const args = pywbemArgs({ NewInstance: newInstance }, o);
    return this.#op('CreateInstance', args, () => inst.createInstance(this, newInstance, o));
  }

  /** DeleteInstance. */
  deleteInstance(
    instanceName: CimInstanceName,
    o: { readonly extra?: Record<string, unknown> } = {},
  ) {
    const args = pywbemArgs({ InstanceName: instanceName }, o);
    return this.#op('DeleteInstance', args, () => inst.deleteInstance(this, instanceName, o));
  }

  /** ExecQuery: the instances a query (e.g. 'WQL', 'DMTF:CQL') selects. */
  execQuery(queryLanguage: string, query: string, o: cls.NamespaceOptions = {}) {
    const args = pywbemArgs({ QueryLanguage: queryLanguage, Query: query }, o);
    return this.#op('ExecQuery', args, () => inst.execQuery(this, queryLanguage, query, o));
  }

  /** Associators: instances (source is an instance path) or [class path, class] pairs. */
  associators(
    objectName: CimInstanceName,
    o?: assoc.AssociatorNamesOptions & assoc.ObjectReturnOptions,
  ): Promise<CimInstance[]>;
  associators(
    objectName: string | CimClassName,
    o?: assoc.AssociatorNamesOptions & assoc.ObjectReturnOptions,
  ): Promise<assoc.ClassWithPath[]>;
  associators(
    objectName: ObjectNameArg,
    o: assoc.AssociatorNamesOptions & assoc.ObjectReturnOptions = {},
  ) {
    const args = pywbemArgs({ ObjectName: objectName }, o);
    return this.#op('Associators', args, () => assoc.associators(this, objectName, o));
  }

  /** AssociatorNames: instance paths (source is an instance path) or class paths. */
  associatorNames(
    objectName: CimInstanceName,
    o?: assoc.AssociatorNamesOptions,
  ): Promise<CimInstanceName[]>;
  associatorNames(
    objectName: string | CimClassName,
    o?: assoc.AssociatorNamesOptions,
  ): Promise<CimClassName[]>;
  associatorNames(objectName: ObjectNameArg, o: assoc.AssociatorNamesOptions = {}) {
    const args = pywbemArgs({ ObjectName: objectName }, o);
    return this.#op('AssociatorNames', args, () => assoc.associatorNames(this, objectName, o));
  }

  /** References: association instances (source is an instance path) or [path, class] pairs. */
  references(
    objectName: CimInstanceName,
    o?: assoc.ReferenceNamesOptions & assoc.ObjectReturnOptions,
  ): Promise<CimInstance[]>;
  references(
    objectName: string | CimClassName,
    o?: assoc.ReferenceNamesOptions & assoc.ObjectReturnOptions,
  ): Promise<assoc.ClassWithPath[]>;
  references(
    objectName: ObjectNameArg,
    o: assoc.ReferenceNamesOptions & assoc.ObjectReturnOptions = {},
  ) {
    const args = pywbemArgs({ ObjectName: objectName }, o);
    return this.#op('References', args, () => assoc.references(this, objectName, o));
  }

  /** ReferenceNames: paths of the association instances or classes. */
  referenceNames(
    objectName: CimInstanceName,
    o?: assoc.ReferenceNamesOptions,
  ): Promise<CimInstanceName[]>;
  referenceNames(
    objectName: string | CimClassName,
    o?: assoc.ReferenceNamesOptions,
  ): Promise<CimClassName[]>;
  referenceNames(objectName: ObjectNameArg, o: assoc.ReferenceNamesOptions = {}) {
    const args = pywbemArgs({ ObjectName: objectName }, o);
    return this.#op('ReferenceNames', args, () => assoc.referenceNames(this, objectName, o));
  }

  /** InvokeMethod: calls an extrinsic method; returns its return value and output parameters. */
  invokeMethod(
    methodName: string,
    objectName: string | CimClassName | CimInstanceName,
    params: MethodParamsInput = [],
  ): Promise<InvokeMethodResult> {
    const list = [...params];
    const args = { MethodName: methodName, ObjectName: objectName, Params: list };
    return this.#op('InvokeMethod', args, () => invokeMethod(this, methodName, objectName, list));
  }

  /** EnumerateClasses: subclasses of `className` (or top-level classes), paths set. */
  enumerateClasses(o: cls.EnumerateClassesOptions = {}): Promise<CimClass[]> {
    return this.#op('EnumerateClasses', pywbemArgs({}, o), () => cls.enumerateClasses(this, o));
  }

  /** EnumerateClassNames: names of subclasses of `className` (or of top-level classes). */
  enumerateClassNames(
    o: Omit<
      cls.EnumerateClassesOptions,
      'localOnly' | 'includeQualifiers' | 'includeClassOrigin'
    > = {},
  ): Promise<string[]> {
    return this.#op('EnumerateClassNames', pywbemArgs({}, o), () =>
      cls.enumerateClassNames(this, o),
    );
  }

  /** GetClass: the class, with its path (host and namespace) set. */
  getClass(className: ClassNameArg, o: cls.GetClassOptions = {}): Promise<CimClass> {
    const args = pywbemArgs({ ClassName: className }, o);
    return this.#op('GetClass', args, () => cls.getClass(this, className, o));
  }

  /** ModifyClass. */
  modifyClass(modifiedClass: CimClass, o: cls.NamespaceOptions = {}): Promise<void> {
    const args = pywbemArgs({ ModifiedClass: modifiedClass }, o);
    return this.#op('ModifyClass', args, () => cls.modifyClass(this, modifiedClass, o));
  }

  /** CreateClass. */
  createClass(newClass: CimClass, o: cls.NamespaceOptions = {}): Promise<void> {
    const args = pywbemArgs({ NewClass: newClass }, o);
    return this.#op('CreateClass', args, () => cls.createClass(this, newClass, o));
  }

  /** DeleteClass. */
  deleteClass(className: ClassNameArg, o: cls.NamespaceOptions = {}): Promise<void> {
    const args = pywbemArgs({ ClassName: className }, o);
    return this.#op('DeleteClass', args, () => cls.deleteClass(this, className, o));
  }

  /** EnumerateQualifiers: the qualifier declarations of a namespace. */
  enumerateQualifiers(o: cls.NamespaceOptions = {}): Promise<CimQualifierDeclaration[]> {
    return this.#op('EnumerateQualifiers', pywbemArgs({}, o), () =>
      cls.enumerateQualifiers(this, o),
    );
  }

  /** GetQualifier. */
  getQualifier(
    qualifierName: string,
    o: cls.NamespaceOptions = {},
  ): Promise<CimQualifierDeclaration> {
    const args = pywbemArgs({ QualifierName: qualifierName }, o);
    return this.#op('GetQualifier', args, () => cls.getQualifier(this, qualifierName, o));
  }

  /** SetQualifier: creates or replaces a qualifier declaration. */
  setQualifier(decl: CimQualifierDeclaration, o: cls.NamespaceOptions = {}): Promise<void> {
    const args = pywbemArgs({ QualifierDeclaration: decl }, o);
    return this.#op('SetQualifier', args, () => cls.setQualifier(this, decl, o));
  }

  /** DeleteQualifier. */
  deleteQualifier(qualifierName: string, o: cls.NamespaceOptions = {}): Promise<void> {
    const args = pywbemArgs({ QualifierName: qualifierName }, o);
    return this.#op('DeleteQualifier', args, () => cls.deleteQualifier(this, qualifierName, o));
  }

  /** OpenEnumerateInstances: opens a session over the instances of a class. */
  openEnumerateInstances(className: ClassNameArg, o: pull.OpenEnumerateInstancesOptions = {}) {
    const args = pywbemArgs({ ClassName: className }, o);
    return this.#op('OpenEnumerateInstances', args, () =>
      pull.openEnumerateInstances(this, className, o),
    );
  }

  /** OpenEnumerateInstancePaths: opens a session over the instance paths of a class. */
  openEnumerateInstancePaths(
    className: ClassNameArg,
    o: pull.OpenOptions & { readonly namespace?: string | null } = {},
  ) {
    const args = pywbemArgs({ ClassName: className }, o);
    return this.#op('OpenEnumerateInstancePaths', args, () =>
      pull.openEnumerateInstancePaths(this, className, o),
    );
  }

  /** OpenAssociatorInstances: opens a session over the instances associated to an instance. */
  openAssociatorInstances(
    instanceName: CimInstanceName,
    o: pull.OpenAssociatorsOptions & pull.OpenObjectOptions = {},
  ) {
    const args = pywbemArgs({ InstanceName: instanceName }, o);
    return this.#op('OpenAssociatorInstances', args, () =>
      pull.openAssociatorInstances(this, instanceName, o),
    );
  }

  /** OpenAssociatorInstancePaths. */
  openAssociatorInstancePaths(instanceName: CimInstanceName, o: pull.OpenAssociatorsOptions = {}) {
    const args = pywbemArgs({ InstanceName: instanceName }, o);
    return this.#op('OpenAssociatorInstancePaths', args, () =>
      pull.openAssociatorInstancePaths(this, instanceName, o),
    );
  }

  /** OpenReferenceInstances: opens a session over the associations referencing an instance. */
  openReferenceInstances(
    instanceName: CimInstanceName,
    o: pull.OpenReferencesOptions & pull.OpenObjectOptions = {},
  ) {
    const args = pywbemArgs({ InstanceName: instanceName }, o);
    return this.#op('OpenReferenceInstances', args, () =>
      pull.openReferenceInstances(this, instanceName, o),
    );
  }

  /** OpenReferenceInstancePaths. */
  openReferenceInstancePaths(instanceName: CimInstanceName, o: pull.OpenReferencesOptions = {}) {
    const args = pywbemArgs({ InstanceName: instanceName }, o);
    return this.#op('OpenReferenceInstancePaths', args, () =>
      pull.openReferenceInstancePaths(this, instanceName, o),
    );
  }

  /** OpenQueryInstances: opens a session over the result of a query. */
  openQueryInstances(
    filterQueryLanguage: string,
    filterQuery: string,
    o: Parameters<typeof pull.openQueryInstances>[3] = {},
  ) {
    const args = pywbemArgs(
      { FilterQueryLanguage: filterQueryLanguage, FilterQuery: filterQuery },
      o,
    );
    return this.#op('OpenQueryInstances', args, () =>
      pull.openQueryInstances(this, filterQueryLanguage, filterQuery, o),
    );
  }

  /** PullInstancesWithPath: the next instances of an OpenEnumerate/Associator/Reference session. */
  pullInstancesWithPath(context: pull.PullContext, maxObjectCount: number) {
    const args = { context, MaxObjectCount: maxObjectCount };
    return this.#op('PullInstancesWithPath', args, () =>
      pull.pullInstancesWithPath(this, context, maxObjectCount),
    );
  }

  /** PullInstancePaths: the next paths of an Open*Paths session. */
  pullInstancePaths(context: pull.PullContext, maxObjectCount: number) {
    const args = { context, MaxObjectCount: maxObjectCount };
    return this.#op('PullInstancePaths', args, () =>
      pull.pullInstancePaths(this, context, maxObjectCount),
    );
  }

  /** PullInstances: the next instances of an OpenQueryInstances session. */
  pullInstances(context: pull.PullContext, maxObjectCount: number) {
    const args = { context, MaxObjectCount: maxObjectCount };
    return this.#op('PullInstances', args, () => pull.pullInstances(this, context, maxObjectCount));
  }

  /** CloseEnumeration: ends a session before its end of sequence. */
  closeEnumeration(context: pull.PullContext): Promise<void> {
    return this.#op('CloseEnumeration', { context }, () => pull.closeEnumeration(this, context));
  }
}
