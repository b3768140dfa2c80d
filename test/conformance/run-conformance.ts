/**
 * Runs the conformance cases against real `keywarden serve` processes.
 *
 * Isolation: one server per corpus folder (version × source), so that copies of the same
 * case from two sources (same object names) never meet; inside a server each case has its
 * own client identity (a fresh certificate, CN `conformance-<n>`), so the default owner-only
 * policy hides other cases' objects, and its own fresh identifiers. Only Certificates and
 * Public Keys are readable by everyone (PyKMIP's default policy); a case that Locates them
 * could see another case's, so such cases get a server of their own. A case that needs other
 * server settings (case-settings.ts, e.g. a relaxed key-strength policy) runs on a server
 * started with them, shared only with cases needing the same settings.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ObjectType, Tag, type KmipItem } from '../../src/kmip/index.ts';
import { issueCertificate } from '../../src/pki/index.ts';
import { SETTINGS } from '../../src/config/settings.ts';
import { OPERATIONS, operationNames } from '../../src/server/operations/index.ts';
import { startKeywardenProcess } from '../support/keywarden-process.ts';
import { adminCredentials, type ClientCredentials } from '../interop/server/kmip-tls-client.ts';
import {
  listCases,
  loadExchanges,
  notApplicableReason,
  operationsOf,
  prerequisiteOf,
  type CaseExchange,
  type ConformanceCase,
} from './case-catalog.ts';
import { CASE_SETTINGS } from './case-settings.ts';
import { operationName, runCase, type CaseFailure, type RunCaseOptions } from './run-case.ts';

/** The result of one case. */
export type CaseResult = ConformanceCase & { readonly operations: readonly string[] } & (
    | { readonly status: 'pass' }
    | { readonly status: 'fail'; readonly failure: CaseFailure }
    | { readonly status: 'n/a'; readonly reason: string }
  );

/** Options of {@link runConformance}. */
export interface RunConformanceOptions {
  /** Only cases whose id contains one of these strings. */
  readonly filter?: readonly string[];
  /** Only these case ids. */
  readonly ids?: ReadonlySet<string>;
  /** Cases run at the same time on one server. */
  readonly concurrency?: number;
  readonly onResult?: (result: CaseResult) => void;
  /** A server per case (slow): checks that sharing servers changes no result. */
  readonly isolateEveryCase?: boolean;
  /** Diagnostic switches passed to every replay. */
  readonly diagnostics?: RunCaseOptions;
}

/** What the run used. */
export interface ConformanceRun {
  readonly results: CaseResult[];
  /** The server setting that makes attribute listings complete, when this tree has one. */
  readonly attributeListingSetting: string | undefined;
  readonly durationMs: number;
  /** How many `keywarden serve` processes the run started. */
  readonly servers: number;
}

const SERVERS_AT_ONCE = 2;

// The setting another branch adds (`kmip.attribute_listing = "complete"`); used once merged.
const ATTRIBUTE_LISTING = SETTINGS.find((s) => /attribute.?listing/i.test(s.path));

/** Runs the selected cases and returns one result per case, in corpus order. */
export async function runConformance(options: RunConformanceOptions = {}): Promise<ConformanceRun> {
  const started = Date.now();
  const implemented = new Set<string>(operationNames(OPERATIONS));
  const results = new Map<string, CaseResult>();
  const record = (result: CaseResult) => {
    results.set(result.id, result);
    options.onResult?.(result);
  };
  const groups = new Map<
    string,
    {
      testCase: ConformanceCase;
      exchanges: CaseExchange[];
      operations: string[];
      setup: CaseExchange[];
    }[]
  >();
  // Server key → the extra environment of cases with their own settings.
  const settingsEnv = new Map<string, Readonly<Record<string, string>>>();
  const all = listCases();
  const cases = all.filter(
    (c) =>
      (options.filter === undefined || options.filter.some((f) => c.id.includes(f))) &&
      (options.ids === undefined || options.ids.has(c.id)),
  );
  for (const testCase of cases) {
    const loaded = loadExchanges(testCase.file);
    if ('notApplicable' in loaded) {
      record({ ...testCase, operations: [], status: 'n/a', reason: loaded.notApplicable });
      continue;
    }
    const operations = operationsOf(loaded.exchanges, operationName);
    const reason = notApplicableReason(testCase, operations, implemented);
    if (reason !== undefined) {
      record({ ...testCase, operations, status: 'n/a', reason });
      continue;
    }
    const prerequisite = prerequisiteOf(testCase, all);
    const before = prerequisite === undefined ? undefined : loadExchanges(prerequisite.file);
    if (prerequisite !== undefined && before !== undefined && 'notApplicable' in before) {
      // Its objects come from a case that cannot be replayed: nothing to read back.
      const reason = `needs the objects of ${prerequisite.id}, not replayable: ${before.notApplicable}`;
      record({ ...testCase, operations, status: 'n/a', reason });
      continue;
    }
    const setup = before !== undefined && 'exchanges' in before ? before.exchanges : [];
    const setupOperations = operationsOf(setup, operationName);
    const settings = CASE_SETTINGS.get(testCase.id);
    const baseKey =
      options.isolateEveryCase === true
        ? testCase.id
        : serverKey(testCase, [...setup, ...loaded.exchanges], [...setupOperations, ...operations]);
    const key = settings === undefined ? baseKey : `${baseKey} ${JSON.stringify(settings.env)}`;
    if (settings !== undefined) settingsEnv.set(key, settings.env);
    const group = groups.get(key) ?? [];
    group.push({ testCase, exchanges: loaded.exchanges, operations, setup });
    groups.set(key, group);
  }
  const env: Record<string, string> = {
    ...(ATTRIBUTE_LISTING === undefined ? {} : { [ATTRIBUTE_LISTING.env]: 'complete' }),
    // The test cases were written when 1024-bit RSA keys were common; the server's default
    // weak-algorithm policy (112-bit security) refuses them. Conformance tests the protocol,
    // so the replay runs with the policy an operator migrating such clients would set.
    KEYWARDEN_CRYPTO_MIN_SECURITY_BITS: '80',
  };
  const concurrency = options.concurrency ?? 4;
  const queue = [...groups.entries()];
  let identity = 0;
  // Two servers at a time: one starts while the other serves, and most groups are small.
  await runPool(queue, SERVERS_AT_ONCE, async ([key, group]) => {
    const server = await startKeywardenProcess({ env: { ...env, ...settingsEnv.get(key) } });
    try {
      const admin = await adminCredentials(server.home);
      const caKey = await readFile(join(server.home, 'pki', 'ca.key'), 'utf8');
      await runPool(group, concurrency, async ({ testCase, exchanges, operations, setup }) => {
        identity += 1;
        const credentials = await caseCredentials(admin, caKey, `conformance-${identity}`);
        let outcome;
        try {
          outcome = await runCase(exchanges, server, credentials, options.diagnostics, setup);
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          outcome = {
            passed: false as const,
            failure: { exchange: 1, operations: [], error: text },
          };
        }
        record(
          outcome.passed
            ? { ...testCase, operations, status: 'pass' }
            : { ...testCase, operations, status: 'fail', failure: outcome.failure },
        );
      });
    } finally {
      await server.cleanup();
    }
  });
  return {
    results: cases.flatMap((c) => results.get(c.id) ?? []),
    attributeListingSetting: ATTRIBUTE_LISTING?.path,
    durationMs: Date.now() - started,
    servers: queue.length,
  };
}

/**
 * Which server a case runs on: its own when it Locates and also makes objects everyone may
 * read; else a shared one, kept apart for Locate cases so that no object readable by all
 * ever sits on a server where a case Locates.
 */
function serverKey(
  testCase: ConformanceCase,
  exchanges: readonly CaseExchange[],
  operations: readonly string[],
): string {
  const folder = `${testCase.version}/${testCase.source}`;
  if (!operations.includes('Locate')) return folder;
  return makesPublicObjects(exchanges, operations) ? testCase.id : `${folder} (Locate)`;
}

// The object types PyKMIP's default policy lets anyone Locate and Get.
const PUBLIC_OBJECT_TYPES = new Set<number>([ObjectType.Certificate, ObjectType.PublicKey]);

function makesPublicObjects(
  exchanges: readonly CaseExchange[],
  operations: readonly string[],
): boolean {
  if (
    operations.some((op) => ['CreateKeyPair', 'ReKeyKeyPair', 'Certify', 'ReCertify'].includes(op))
  ) {
    return true;
  }
  const visit = (node: KmipItem): boolean =>
    node.type === 'Structure'
      ? node.value.some(visit)
      : node.tag === Tag.ObjectType &&
        node.type === 'Enumeration' &&
        PUBLIC_OBJECT_TYPES.has(node.value);
  return exchanges.some((e) => visit(e.request));
}

async function caseCredentials(
  admin: ClientCredentials,
  caKey: string,
  commonName: string,
): Promise<ClientCredentials> {
  const issued = await issueCertificate({
    caCert: admin.ca,
    caKey,
    commonName,
    eku: ['clientAuth'],
  });
  return { ca: admin.ca, cert: issued.cert, key: issued.key };
}

async function runPool<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
