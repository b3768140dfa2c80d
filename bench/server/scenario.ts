/**
 * The workload both servers get, phase by phase, at each concurrency level: connect-only
 * (full TLS handshake + Discover Versions), Create (AES-256), Get, Locate by Name among the
 * background objects, Activate, Encrypt 1 KiB (AES-CBC), Revoke, Destroy. Objects made by the
 * Create phase feed the later ones, so each level's Activate/Revoke/Destroy touch objects of
 * their own. Server CPU time and memory are read from /proc around each phase.
 */
import { randomBytes } from '../../src/crypto/index.ts';
import { runPhase, type PhaseSpec, type PhaseStats } from './load.ts';
import { createItem, encodeBatch, requestFor } from './requests.ts';
import { processUsage, type ServerUnderTest } from './servers.ts';

/** Sizes and durations of one run. */
export interface ScenarioOptions {
  readonly levels: readonly number[];
  readonly phaseMs: number;
  /** Named objects created before the Locate phase (not measured). */
  readonly backgroundObjects: number;
  /** Levels of the Locate phase when not `levels` (PyKMIP needs seconds per Locate at 1e4). */
  readonly locateLevels?: readonly number[];
}

/** One measured phase at one concurrency level. */
export interface PhaseMeasure extends Omit<PhaseStats, 'ids'> {
  readonly server: string;
  readonly phase: string;
  readonly concurrency: number;
  /** Server CPU milliseconds per operation (user + system). */
  readonly cpuMsPerOp: number;
  readonly serverRssBytes: number;
}

const POPULATE_BATCH = 50;
const DATA_1K = randomBytes(1024);
const IV = randomBytes(16);

async function measured(
  server: ServerUnderTest,
  phase: string,
  spec: PhaseSpec,
): Promise<{ measure: PhaseMeasure; ids: string[] }> {
  const before = processUsage(server.pid);
  const { ids, ...stats } = await runPhase(server.target, spec);
  const after = processUsage(server.pid);
  const cpuMsPerOp =
    stats.ops === 0 ? 0 : ((after.cpuSeconds - before.cpuSeconds) * 1000) / stats.ops;
  return {
    measure: {
      server: server.name,
      phase,
      concurrency: spec.concurrency,
      ...stats,
      cpuMsPerOp,
      serverRssBytes: after.rssBytes,
    },
    ids,
  };
}

/** Creates `count` named objects in batches over 8 connections; returns the names. */
async function populate(server: ServerUnderTest, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `bench-background-${i}`);
  const requests: Uint8Array[] = [];
  for (let i = 0; i < count; i += POPULATE_BATCH) {
    requests.push(encodeBatch(names.slice(i, i + POPULATE_BATCH).map((n) => createItem(n))));
  }
  const stats = await runPhase(server.target, { mode: 'each', concurrency: 8, requests });
  if (stats.errors > 0) throw new Error(`${server.name}: populating failed: ${stats.firstError}`);
  return names;
}

/** Runs the whole workload against one server. */
export async function runScenario(
  server: ServerUnderTest,
  options: ScenarioOptions,
  onMeasure: (m: PhaseMeasure) => void,
): Promise<void> {
  const timed = (concurrency: number, requests: Uint8Array[]): PhaseSpec => ({
    mode: 'timed',
    concurrency,
    requests,
    durationMs: options.phaseMs,
  });
  const each = (concurrency: number, requests: Uint8Array[]): PhaseSpec => ({
    mode: 'each',
    concurrency,
    requests,
  });
  const run = async (phase: string, spec: PhaseSpec) => {
    const { measure, ids } = await measured(server, phase, spec);
    onMeasure(measure);
    return ids;
  };

  for (const c of options.levels) {
    await run('connect', {
      mode: 'connect',
      concurrency: c,
      requests: [requestFor.discoverVersions()],
      durationMs: options.phaseMs,
    });
  }
  const names = await populate(server, options.backgroundObjects);
  const created = new Map<number, string[]>();
  for (const c of options.levels) {
    created.set(c, await run('create', { ...timed(c, [requestFor.create()]), collectIds: true }));
  }
  const sample = (ids: readonly string[], n: number) => ids.slice(0, Math.max(1, n));
  for (const c of options.levels) {
    const ids = sample(created.get(c) ?? [], 1000);
    await run(
      'get',
      timed(
        c,
        ids.map((id) => requestFor.get(id)),
      ),
    );
  }
  for (const c of options.locateLevels ?? options.levels) {
    const picks = Array.from({ length: 64 }, (_, i) => names[(i * 7919) % names.length] ?? '');
    await run(
      'locate',
      timed(
        c,
        picks.map((n) => requestFor.locateByName(n)),
      ),
    );
  }
  for (const c of options.levels) {
    await run(
      'activate',
      each(
        c,
        (created.get(c) ?? []).map((id) => requestFor.activate(id)),
      ),
    );
  }
  for (const c of options.levels) {
    const ids = sample(created.get(c) ?? [], 256);
    await run(
      'encrypt-1k',
      timed(
        c,
        ids.map((id) => requestFor.encrypt(id, DATA_1K, IV)),
      ),
    );
  }
  for (const c of options.levels) {
    await run(
      'revoke',
      each(
        c,
        (created.get(c) ?? []).map((id) => requestFor.revoke(id)),
      ),
    );
  }
  for (const c of options.levels) {
    await run(
      'destroy',
      each(
        c,
        (created.get(c) ?? []).map((id) => requestFor.destroy(id)),
      ),
    );
  }
}
