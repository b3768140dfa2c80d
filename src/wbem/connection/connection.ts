/**
 * WbemConnection: a client connection to a WBEM server over CIM-XML (DSP0200), the TypeScript
 * equal of pywbem's WBEMConnection: every operation of WbemOperations, the Iter* operations
 * (pull operations with fallback to the traditional ones), and ExportIndication.
 *
 * @example
 * const conn = new WbemConnection('https://cimom.example:5989', {
 *   creds: { user: 'admin', password: secret },
 *   defaultNamespace: 'root/cimv2',
 * });
 * for await (const inst of conn.iterEnumerateInstances('CIM_ComputerSystem')) {
 *   console.log(inst.toMof());
 * }
 * await conn.close();
 */
import { expMethodCall } from '../cimxml/builders.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { targetNamespace, type ClassNameArg } from './args.ts';
import type * as assoc from './association-operations.ts';
import type { WbemConnectionOptions } from './core.ts';
import type * as inst from './instance-operations.ts';
import {
  completeInstancePaths,
  completePath,
  iterate,
  type IterKind,
  type IterOptions,
  type PullSupport,
} from './iter-operations.ts';
import { WbemOperations } from './operations.ts';
import type * as pull from './pull-operations.ts';

/** Options of IterEnumerateInstances. */
export type IterEnumerateInstancesOptions = IterOptions &
  Omit<inst.EnumerateInstancesOptions, 'extra'>;
/** Options of IterAssociatorInstances. */
export type IterAssociatorInstancesOptions = IterOptions &
  Omit<assoc.AssociatorNamesOptions & assoc.ObjectReturnOptions, 'extra'>;
/** Options of IterReferenceInstances. */
export type IterReferenceInstancesOptions = IterOptions &
  Omit<assoc.ReferenceNamesOptions & assoc.ObjectReturnOptions, 'extra'>;

const page = <T>(items: T[], r: { eos: boolean; context: pull.PullContext | null }) => ({
  items,
  eos: r.eos,
  context: r.context,
});

/** A WBEM client connection; each operation is one HTTP POST to /cimom. */
export class WbemConnection extends WbemOperations {
  /** Whether pull operations worked, per Iter* kind (null: not tried yet). */
  readonly pullSupport: PullSupport;

  /** @throws KW_WBEM_CONNECTION for a bad URL; KW_TLS_* for unusable TLS settings */
  constructor(url: string, options: WbemConnectionOptions = {}) {
    super(url, options);
    const state = new Map<IterKind, boolean>();
    const forced = this.usePullOperations;
    this.pullSupport = {
      get: (kind) => forced ?? state.get(kind) ?? null,
      set: (kind, value) => {
        if (forced === null) state.set(kind, value);
      },
    };
  }

  #pullOptions(o: IterOptions, max: number) {
    return {
      filterQueryLanguage: o.filterQueryLanguage,
      filterQuery: o.filterQuery,
      operationTimeout: o.operationTimeout,
      continueOnError: o.continueOnError,
      maxObjectCount: max,
    };
  }

  #closer = (context: pull.PullContext) => this.closeEnumeration(context);

  /** Instances of a class: OpenEnumerateInstances + PullInstancesWithPath, or EnumerateInstances. */
  iterEnumerateInstances(
    className: ClassNameArg,
    o: IterEnumerateInstancesOptions = {},
  ): AsyncGenerator<CimInstance, void, undefined> {
    const ns = targetNamespace(this.defaultNamespace, o.namespace, className);
    const common = { namespace: o.namespace, deepInheritance: o.deepInheritance };
    const props = { includeClassOrigin: o.includeClassOrigin, propertyList: o.propertyList };
    return iterate(
      this.pullSupport,
      {
        kind: 'enumerateInstances',
        traditional: 'EnumerateInstances',
        open: async (max) => {
          const r = await this.openEnumerateInstances(className, {
            ...common,
            ...props,
            ...this.#pullOptions(o, max),
          });
          return page(r.instances, r);
        },
        pull: async (ctx, max) => {
          const r = await this.pullInstancesWithPath(ctx, max);
          return page(r.instances, r);
        },
        close: this.#closer,
        fallback: async () =>
          completeInstancePaths(
            await this.enumerateInstances(className, {
              ...common,
              ...props,
              localOnly: o.localOnly,
              includeQualifiers: o.includeQualifiers,
            }),
            this.host,
            ns,
          ),
      },
      o,
    );
  }

  /** Instance paths of a class: OpenEnumerateInstancePaths + PullInstancePaths, or EnumerateInstanceNames. */
  iterEnumerateInstancePaths(
    className: ClassNameArg,
    o: IterOptions & { readonly namespace?: string | null } = {},
  ): AsyncGenerator<CimInstanceName, void, undefined> {
    const ns = targetNamespace(this.defaultNamespace, o.namespace, className);
    return iterate(
      this.pullSupport,
      {
        kind: 'enumerateInstancePaths',
        traditional: 'EnumerateInstanceNames',
        open: async (max) => {
          const r = await this.openEnumerateInstancePaths(className, {
            namespace: o.namespace,
            ...this.#pullOptions(o, max),
          });
          return page(r.paths, r);
        },
        pull: async (ctx, max) => {
          const r = await this.pullInstancePaths(ctx, max);
          return page(r.paths, r);
        },
        close: this.#closer,
        fallback: async () => {
          const paths = await this.enumerateInstanceNames(className, { namespace: o.namespace });
          for (const p of paths) completePath(p, this.host, ns);
          return paths;
        },
      },
      o,
    );
  }

  #iterRelated(
    kind: IterKind,
    source: CimInstanceName,
    o: IterOptions & Record<string, unknown>,
    ops: {
      traditional: string;
      open: (
        max: number,
      ) => Promise<{ items: unknown[]; eos: boolean; context: pull.PullContext | null }>;
      pullPaths: boolean;
      fallback: () => Promise<unknown[]>;
    },
  ) {
    const ns = targetNamespace(this.defaultNamespace, null, source);
    return iterate(
      this.pullSupport,
      {
        kind,
        traditional: ops.traditional,
        open: ops.open,
        pull: async (ctx, max) => {
          if (ops.pullPaths) {
            const r = await this.pullInstancePaths(ctx, max);
            return page<unknown>(r.paths, r);
          }
          const r = await this.pullInstancesWithPath(ctx, max);
          return page<unknown>(r.instances, r);
        },
        close: this.#closer,
        fallback: async () => {
          const items = await ops.fallback();
          for (const item of items) {
            completePath(
              ops.pullPaths ? (item as CimInstanceName) : (item as CimInstance).path,
              this.host,
              ns,
            );
          }
          return items;
        },
      },
      o,
    );
  }

  /** Associated instances: OpenAssociatorInstances + PullInstancesWithPath, or Associators. */
  iterAssociatorInstances(
    instanceName: CimInstanceName,
    o: IterAssociatorInstancesOptions = {},
  ): AsyncGenerator<CimInstance, void, undefined> {
    const filters = {
      assocClass: o.assocClass,
      resultClass: o.resultClass,
      role: o.role,
      resultRole: o.resultRole,
      includeClassOrigin: o.includeClassOrigin,
      propertyList: o.propertyList,
    };
    return this.#iterRelated(
      'associatorInstances',
      instanceName,
      { ...o },
      {
        traditional: 'Associators',
        pullPaths: false,
        open: async (max) => {
          const r = await this.openAssociatorInstances(instanceName, {
            ...filters,
            ...this.#pullOptions(o, max),
          });
          return page<unknown>(r.instances, r);
        },
        fallback: () =>
          this.associators(instanceName, { ...filters, includeQualifiers: o.includeQualifiers }),
      },
    ) as AsyncGenerator<CimInstance, void, undefined>;
  }

  /** Associated instance paths: OpenAssociatorInstancePaths + PullInstancePaths, or AssociatorNames. */
  iterAssociatorInstancePaths(
    instanceName: CimInstanceName,
    o: IterOptions & Omit<assoc.AssociatorNamesOptions, 'extra'> = {},
  ): AsyncGenerator<CimInstanceName, void, undefined> {
    const filters = {
      assocClass: o.assocClass,
      resultClass: o.resultClass,
      role: o.role,
      resultRole: o.resultRole,
    };
    return this.#iterRelated(
      'associatorInstancePaths',
      instanceName,
      { ...o },
      {
        traditional: 'AssociatorNames',
        pullPaths: true,
        open: async (max) => {
          const r = await this.openAssociatorInstancePaths(instanceName, {
            ...filters,
            ...this.#pullOptions(o, max),
          });
          return page<unknown>(r.paths, r);
        },
        fallback: () => this.associatorNames(instanceName, filters),
      },
    ) as AsyncGenerator<CimInstanceName, void, undefined>;
  }

  /** Referencing instances: OpenReferenceInstances + PullInstancesWithPath, or References. */
  iterReferenceInstances(
    instanceName: CimInstanceName,
    o: IterReferenceInstancesOptions = {},
  ): AsyncGenerator<CimInstance, void, undefined> {
    const filters = {
      resultClass: o.resultClass,
      role: o.role,
      includeClassOrigin: o.includeClassOrigin,
      propertyList: o.propertyList,
    };
    return this.#iterRelated(
      'referenceInstances',
      instanceName,
      { ...o },
      {
        traditional: 'References',
        pullPaths: false,
        open: async (max) => {
          const r = await this.openReferenceInstances(instanceName, {
            ...filters,
            ...this.#pullOptions(o, max),
          });
          return page<unknown>(r.instances, r);
        },
        fallback: () =>
          this.references(instanceName, { ...filters, includeQualifiers: o.includeQualifiers }),
      },
    ) as AsyncGenerator<CimInstance, void, undefined>;
  }

  /** Referencing instance paths: OpenReferenceInstancePaths + PullInstancePaths, or ReferenceNames. */
  iterReferenceInstancePaths(
    instanceName: CimInstanceName,
    o: IterOptions & Omit<assoc.ReferenceNamesOptions, 'extra'> = {},
  ): AsyncGenerator<CimInstanceName, void, undefined> {
    const filters = { resultClass: o.resultClass, role: o.role };
    return this.#iterRelated(
      'referenceInstancePaths',
      instanceName,
      { ...o },
      {
        traditional: 'ReferenceNames',
        pullPaths: true,
        open: async (max) => {
          const r = await this.openReferenceInstancePaths(instanceName, {
            ...filters,
            ...this.#pullOptions(o, max),
          });
          return page<unknown>(r.paths, r);
        },
        fallback: () => this.referenceNames(instanceName, filters),
      },
    ) as AsyncGenerator<CimInstanceName, void, undefined>;
  }

  /**
   * Query results: OpenQueryInstances + PullInstances, or ExecQuery. The query itself is
   * `filterQuery` in `filterQueryLanguage`, so the traditional fallback accepts it.
   */
  iterQueryInstances(
    queryLanguage: string,
    query: string,
    o: Omit<IterOptions, 'filterQuery' | 'filterQueryLanguage'> & {
      readonly namespace?: string | null;
    } = {},
  ): AsyncGenerator<CimInstance, void, undefined> {
    return iterate(
      this.pullSupport,
      {
        kind: 'queryInstances',
        traditional: 'ExecQuery',
        open: async (max) => {
          const r = await this.openQueryInstances(queryLanguage, query, {
            namespace: o.namespace,
            operationTimeout: o.operationTimeout,
            continueOnError: o.continueOnError,
            maxObjectCount: max,
          });
          return page(r.instances, r);
        },
        pull: async (ctx, max) => {
          const r = await this.pullInstances(ctx, max);
          return page(r.instances, r);
        },
        close: this.#closer,
        fallback: () => this.execQuery(queryLanguage, query, { namespace: o.namespace }),
      },
      o,
    );
  }

  /**
   * ExportIndication (DSP0200 §5.4.1): delivers an indication instance to a WBEM listener at
   * this connection's URL.
   * @throws CimError when the listener answers with an ERROR
   */
  exportIndication(newIndication: CimInstance): Promise<void> {
    return this.runOperation('ExportIndication', { NewIndication: newIndication }, async () => {
      const req = expMethodCall('ExportIndication', [
        { name: 'NewIndication', instance: newIndication },
      ]);
      await this.exportcall('ExportIndication', req);
    });
  }
}
