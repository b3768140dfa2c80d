/**
 * Runs one load phase: splits the phase's connections over worker threads (load-worker.ts),
 * starts them together, and merges what they measured into ops/s and latency percentiles.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { LoadResult, LoadTask } from './load-worker.ts';

const WORKER_URL = new URL('./load-worker.ts', import.meta.url);

/** Where and as whom the generator connects. */
export interface LoadTarget {
  readonly host: string;
  readonly port: number;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** One phase of load. */
export interface PhaseSpec {
  readonly mode: LoadTask['mode'];
  readonly concurrency: number;
  readonly requests: readonly Uint8Array[];
  /** timed and connect phases. */
  readonly durationMs?: number;
  readonly collectIds?: boolean;
  /** Worker threads; default 1 below 4 connections, else 2. */
  readonly workers?: number;
}

/** What a phase measured. */
export interface PhaseStats {
  readonly ops: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly elapsedMs: number;
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly ids: string[];
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return (sorted[Math.max(0, index)] ?? 0) / 1e6;
}

function split<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => out[i % parts]?.push(item));
  return out;
}

interface RunningWorker {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  readonly done: Promise<LoadResult>;
}

function startWorker(task: LoadTask): RunningWorker {
  const worker = new Worker(WORKER_URL, { workerData: task });
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const done = new Promise<LoadResult>((resolve, reject) => {
    worker.on('message', (message: { ready?: boolean } & Partial<LoadResult>) => {
      if (message.ready === true) resolveReady();
      else resolve(message as LoadResult);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
  done.catch(() => {}); // observed through `ready` or by the caller
  // A worker that fails while connecting must not leave `ready` pending forever.
  return { worker, ready: Promise.race([ready, done.then(() => undefined)]), done };
}

/** A held set of idle connections (memory phase); `release()` closes them. */
export interface IdleConnections {
  release(): Promise<void>;
}

function tasksFor(target: LoadTarget, spec: PhaseSpec): LoadTask[] {
  const workers = Math.min(spec.workers ?? (spec.concurrency < 4 ? 1 : 2), spec.concurrency);
  const requestShares =
    spec.mode === 'each'
      ? split(spec.requests, workers)
      : Array.from({ length: workers }, () => [...spec.requests]);
  const connectionsOf = (w: number) =>
    Math.floor(spec.concurrency / workers) + (w < spec.concurrency % workers ? 1 : 0);
  let firstConnection = 0;
  return Array.from({ length: workers }, (_, w) => {
    const task: LoadTask = {
      ...target,
      connections: connectionsOf(w),
      mode: spec.mode,
      requests: requestShares[w] ?? [],
      collectIds: spec.collectIds ?? false,
      firstConnection,
      totalConnections: spec.concurrency,
    };
    firstConnection += task.connections;
    return task;
  });
}

/** Runs a phase to its end and returns the merged measurements. */
export async function runPhase(target: LoadTarget, spec: PhaseSpec): Promise<PhaseStats> {
  const running = tasksFor(target, spec).map(startWorker);
  try {
    await Promise.all(running.map((r) => r.ready));
    const start = performance.now();
    const go = Date.now() + (spec.durationMs ?? 0);
    for (const r of running) r.worker.postMessage({ go });
    const results = await Promise.all(running.map((r) => r.done));
    const elapsedMs = performance.now() - start;
    const all = new Float64Array(results.reduce((n, r) => n + r.latenciesNs.length, 0));
    let offset = 0;
    for (const r of results) {
      all.set(r.latenciesNs, offset);
      offset += r.latenciesNs.length;
    }
    all.sort();
    const ops = results.reduce((n, r) => n + r.ops, 0);
    const errors = results.reduce((n, r) => n + r.errors, 0);
    const firstError = results.find((r) => r.firstError !== undefined)?.firstError;
    return {
      ops,
      errors,
      ...(firstError === undefined ? {} : { firstError }),
      elapsedMs,
      opsPerSec: ops / (elapsedMs / 1000),
      p50Ms: percentile(all, 0.5),
      p99Ms: percentile(all, 0.99),
      p999Ms: percentile(all, 0.999),
      ids: results.flatMap((r) => r.ids),
    };
  } finally {
    await Promise.all(running.map((r) => r.worker.terminate()));
  }
}

/** Opens `count` connections and keeps them open (handshake done) until released. */
export async function holdIdleConnections(
  target: LoadTarget,
  count: number,
): Promise<IdleConnections> {
  const running = tasksFor(target, { mode: 'idle', concurrency: count, requests: [] }).map(
    startWorker,
  );
  await Promise.all(running.map((r) => r.ready));
  return {
    async release() {
      for (const r of running) r.worker.postMessage({ release: true });
      await Promise.all(running.map((r) => r.done));
      await Promise.all(running.map((r) => r.worker.terminate()));
    },
  };
}
