/**
 * The access-control engine behind the `AccessPolicy` seam: an object's Operation Policy Name
 * picks the policy (`default` when unset): a reserved one, one from the policy directory, or
 * none (refused, as PyKMIP refuses an unknown policy). Roles from config.toml (`[access]`)
 * can grant more on top (src/server/policy/access-roles.ts). The directory is watched
 * (fs.watch) and rescanned periodically as a fallback (fs.watch misses changes on some
 * network file systems and after the directory is replaced), so policy files take effect
 * without a restart.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../logger.ts';
import { BUILT_IN_POLICIES, type AccessPolicy, type AccessRequest } from '../objects/index.ts';
import { evaluateRoles, withConfigGroups, type AccessRoles } from './access-roles.ts';
import {
  evaluateOperationPolicy,
  type AccessDecision,
  type OperationPolicy,
} from './operation-policy.ts';
import { PolicyDirectory, type ScanResult } from './policy-directory.ts';

/** Default interval of the fallback rescan, in ms (PyKMIP polls every second). */
export const DEFAULT_POLICY_RESCAN_MS = 2000;
// fs.watch reports one edit as several events: scan once they settle.
const WATCH_SETTLE_MS = 25;

/** Options of {@link startPolicyEngine}. */
export interface PolicyEngineOptions {
  readonly logger: Logger;
  /** A folder of PyKMIP operation policy files; none by default. */
  readonly policyDir?: string;
  /** Keywarden's own roles (config.toml `[access]`). */
  readonly roles?: AccessRoles;
  /** Fallback rescan interval in ms; 0 turns it off. Default {@link DEFAULT_POLICY_RESCAN_MS}. */
  readonly rescanIntervalMs?: number;
  /** Watch the folder with fs.watch (default true). */
  readonly watch?: boolean;
  /** Called after every scan of the folder that changed something (tests wait on it). */
  readonly onChange?: (result: ScanResult) => void;
}

/** A running access-control engine. */
export interface PolicyEngine {
  /** The decision function the pipeline calls (the AccessPolicy seam). */
  readonly authorize: AccessPolicy;
  /** The decision with its reasons (`keywarden policy check`, debug logs). */
  explain(request: AccessRequest): AccessDecision;
  /** Reads the policy directory now (also what the watcher and the timer do). */
  rescan(): Promise<ScanResult>;
  /** The operation policy names known now: reserved, then from files. */
  policyNames(): string[];
  /** Stops watching. Idempotent. */
  close(): void;
}

const RESERVED: ReadonlyMap<string, OperationPolicy> = new Map(
  Object.entries(BUILT_IN_POLICIES).map(([name, table]) => [name, { preset: table }]),
);

const EMPTY_SCAN: ScanResult = { loaded: [], failed: [], removed: [] };

/**
 * Starts the engine: reads the policy directory once, then watches it.
 * Never throws for a bad or missing directory or file: those are logged, and only the
 * reserved policies (and roles) apply until they are fixed.
 */
export async function startPolicyEngine(options: PolicyEngineOptions): Promise<PolicyEngine> {
  const log = options.logger.child({ component: 'policy' });
  const directory =
    options.policyDir === undefined ? undefined : new PolicyDirectory(options.policyDir, log);
  const roles = options.roles;

  const decideByPolicy = (request: AccessRequest): AccessDecision => {
    const name = request.object.operationPolicyName ?? 'default';
    const reserved = RESERVED.get(name);
    if (reserved !== undefined) {
      return { policy: name, origin: 'reserved', ...evaluateOperationPolicy(reserved, request) };
    }
    const loaded = directory?.get(name);
    if (loaded !== undefined) {
      return {
        policy: name,
        origin: 'file',
        file: loaded.file,
        ...evaluateOperationPolicy(loaded.policy, request),
      };
    }
    return {
      policy: name,
      origin: 'unknown',
      allowed: false,
      reason: `no operation policy is named ${JSON.stringify(name)}`,
    };
  };

  const explain = (asked: AccessRequest): AccessDecision => {
    // [access.groups] is group information too (seed 004: groups switch a policy to its group rules).
    const request =
      roles === undefined ? asked : { ...asked, identity: withConfigGroups(roles, asked.identity) };
    const byPolicy = decideByPolicy(request);
    // An unknown policy name refuses everything, roles included: it usually means a policy
    // file went away, and the safe reading of that is "locked", not "whatever roles allow".
    if (byPolicy.allowed || byPolicy.origin === 'unknown' || roles === undefined) return byPolicy;
    const byRole = evaluateRoles(roles, request);
    return byRole?.allowed === true ? byRole : byPolicy;
  };

  const authorize: AccessPolicy = (request) => {
    const decision = explain(request);
    if (!decision.allowed) {
      log.debug(
        {
          operation: request.operation,
          objectId: request.object.id,
          policy: decision.policy,
          reason: decision.reason,
        },
        'access denied',
      );
    }
    return decision.allowed;
  };

  let closed = false;
  let watcher: FSWatcher | undefined;
  let settle: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;

  const rescan = async (): Promise<ScanResult> => {
    if (directory === undefined || closed) return EMPTY_SCAN;
    const result = await directory.scan();
    if (options.watch !== false && watcher === undefined) startWatching();
    const changed = result.loaded.length + result.failed.length + result.removed.length > 0;
    if (changed) options.onChange?.(result);
    return result;
  };
  const scanInBackground = () => {
    rescan().catch((err: unknown) => log.error({ err }, 'policy directory scan failed'));
  };

  function startWatching(): void {
    if (directory === undefined || closed) return;
    try {
      watcher = watch(directory.dir, { persistent: false }, () => {
        clearTimeout(settle);
        settle = setTimeout(scanInBackground, WATCH_SETTLE_MS);
        settle.unref();
      });
      watcher.on('error', (err) => {
        // The directory went away or was replaced: the timer's rescans re-establish the watch.
        log.warn({ err, policyDir: directory.dir }, 'policy directory watch stopped');
        watcher?.close();
        watcher = undefined;
      });
    } catch {
      watcher = undefined; // missing directory: already logged by the scan; retried on rescans
    }
  }

  if (directory !== undefined) {
    await directory.scan();
    if (options.watch !== false) startWatching();
    const interval = options.rescanIntervalMs ?? DEFAULT_POLICY_RESCAN_MS;
    if (interval > 0) {
      timer = setInterval(scanInBackground, interval);
      timer.unref();
    }
    log.info(
      { policyDir: directory.dir, policies: directory.names() },
      'operation policies loaded',
    );
  }

  return {
    authorize,
    explain,
    rescan,
    policyNames: () => [...RESERVED.keys(), ...(directory?.names() ?? [])],
    close() {
      closed = true;
      clearInterval(timer);
      clearTimeout(settle);
      watcher?.close();
      watcher = undefined;
    },
  };
}
