/**
 * The Iter* operations of pywbem as async generators: they use the pull operations (Open*,
 * then Pull* until the end of sequence) and fall back to the traditional operation when the
 * server answers the first Open* with CIM_ERR_NOT_SUPPORTED. What worked is remembered per kind
 * on the connection; `usePullOperations` true/false forces one way. Leaving the loop early
 * closes an open enumeration session (CloseEnumeration).
 */
import { CimError, CimInvalidValueError, CimTypeError } from '../errors.ts';
import type { CimInstance } from '../objects/instance.ts';
import type { CimInstanceName } from '../objects/instance-name.ts';
import { CimStatus } from '../status-codes.ts';
import { checkOperationTimeout } from './args.ts';
import type { PullContext } from './pull-operations.ts';

/** The kinds of Iter* operations; pull support is remembered for each. */
export type IterKind =
  | 'enumerateInstances'
  | 'enumerateInstancePaths'
  | 'associatorInstances'
  | 'associatorInstancePaths'
  | 'referenceInstances'
  | 'referenceInstancePaths'
  | 'queryInstances';

/** pywbem's DEFAULT_ITER_MAXOBJECTCOUNT. */
export const DEFAULT_ITER_MAX_OBJECT_COUNT = 1000;

/** Controls of every Iter* operation. */
export interface IterOptions {
  readonly filterQueryLanguage?: string | null;
  readonly filterQuery?: string | null;
  readonly operationTimeout?: number | null;
  readonly continueOnError?: boolean | null;
  /** Objects per open/pull response; must be > 0 (default 1000). */
  readonly maxObjectCount?: number;
}

/** One open/pull step, normalized to its items. */
export interface PullPage<T> {
  readonly items: T[];
  readonly eos: boolean;
  readonly context: PullContext | null;
}

/** How one Iter* operation talks to the server. */
export interface IterPlan<T> {
  readonly kind: IterKind;
  /** The name of the traditional operation, for errors. */
  readonly traditional: string;
  open(maxObjectCount: number): Promise<PullPage<T>>;
  pull(context: PullContext, maxObjectCount: number): Promise<PullPage<T>>;
  close(context: PullContext): Promise<void>;
  fallback(): Promise<T[]>;
}

/** Where the connection remembers whether pull operations work, per kind. */
export interface PullSupport {
  get(kind: IterKind): boolean | null;
  set(kind: IterKind, value: boolean): void;
}

/**
 * Checks the Iter* controls (pywbem `_validateIterCommonParams`).
 * @throws KW_WBEM_INVALID_VALUE, KW_WBEM_TYPE
 */
export function checkIterOptions(o: IterOptions): number {
  const max = o.maxObjectCount ?? DEFAULT_ITER_MAX_OBJECT_COUNT;
  if (typeof max !== 'number' || !Number.isInteger(max)) {
    throw new CimTypeError('MaxObjectCount must be an integer');
  }
  if (max <= 0) throw new CimInvalidValueError('MaxObjectCount must be > 0 for Iter operations');
  checkOperationTimeout(o.operationTimeout);
  return max;
}

/** Runs an Iter* plan: pull operations if supported, else the traditional operation. */
export async function* iterate<T>(
  support: PullSupport,
  plan: IterPlan<T>,
  o: IterOptions,
): AsyncGenerator<T, void, undefined> {
  const max = checkIterOptions(o);
  let open: PullPage<T> | null = null;
  try {
    if (support.get(plan.kind) !== false) {
      try {
        open = await plan.open(max);
        support.set(plan.kind, true);
      } catch (err) {
        const first = support.get(plan.kind) === null;
        if (!(
          first &&
          err instanceof CimError &&
          err.statusCode === CimStatus.CIM_ERR_NOT_SUPPORTED
        )) {
          throw err;
        }
        support.set(plan.kind, false);
      }
    }
    if (open !== null) {
      yield* open.items;
      while (!open.eos && open.context !== null) {
        open = await plan.pull(open.context, max);
        yield* open.items;
      }
      open = null;
      return;
    }
    // The traditional operations cannot filter or continue on error (pywbem: ValueError).
    if (o.filterQuery != null || o.filterQueryLanguage != null) {
      throw new CimInvalidValueError(`${plan.traditional} does not support FilterQuery`);
    }
    if (o.continueOnError != null) {
      throw new CimInvalidValueError(`${plan.traditional} does not support ContinueOnError`);
    }
    yield* await plan.fallback();
  } finally {
    // The caller left early: end the session on the server.
    if (open !== null && !open.eos && open.context !== null) await plan.close(open.context);
  }
}

/** Completes host and namespace of a path from the traditional operations (as pywbem). */
export function completePath(path: CimInstanceName | null, host: string, namespace: string): void {
  if (path === null) return;
  if (path.namespace === null) path.namespace = namespace;
  if (path.host === null) path.host = host;
}

/** Completes the paths of instances from the traditional operations. */
export function completeInstancePaths(
  instances: CimInstance[],
  host: string,
  namespace: string,
): CimInstance[] {
  for (const inst of instances) completePath(inst.path, host, namespace);
  return instances;
}
