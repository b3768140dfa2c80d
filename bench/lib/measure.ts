/**
 * The timing loop: warm up, size batches from the warm-up rate, then take timed batches
 * until the budget is spent. A sample is one batch's time divided by its size, so
 * calls far shorter than the clock's overhead still time well; p50/p99 are over those
 * per-batch means (nearest rank), not over single calls.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Measurement, MeasureOptions } from './types.ts';

// The last result of each call lands here, so V8 cannot drop the work as dead code.
let sink: unknown;

/** Returns the last value a measured call produced (keeps it observable). */
export function lastResult(): unknown {
  return sink;
}

// A full GC between cases keeps one case's garbage from being collected on the next
// one's clock. `--expose-gc` cannot be passed through `npm run bench`, so set it here;
// a fresh context then sees the `gc` global.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;

/** Runs a full garbage collection if the runtime allows it. */
export function collectGarbage(): void {
  gc?.();
}

/** Times `fn` per the options and returns per-operation statistics. */
export function measure(fn: () => unknown, options: MeasureOptions): Measurement {
  const warmupNs = options.warmupMs * 1e6;
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed: number;
  do {
    sink = fn();
    ops++;
    elapsed = Number(process.hrtime.bigint() - start);
  } while (elapsed < warmupNs);
  const batchSize = Math.max(1, Math.round((options.minSampleMs * 1e6) / (elapsed / ops)));

  const budgetNs = options.timeBudgetMs * 1e6;
  const samples: number[] = [];
  let totalNs = 0;
  let totalOps = 0;
  while (totalNs < budgetNs) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batchSize; i++) sink = fn();
    const dt = Number(process.hrtime.bigint() - t0);
    samples.push(dt / batchSize);
    totalNs += dt;
    totalOps += batchSize;
  }
  return summarize(samples, totalOps, totalNs, batchSize);
}

/** Like `measure`, for an operation that returns a promise: each call is awaited in turn. */
export async function measureAsync(
  fn: () => Promise<unknown>,
  options: MeasureOptions,
): Promise<Measurement> {
  const warmupNs = options.warmupMs * 1e6;
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed: number;
  do {
    sink = await fn();
    ops++;
    elapsed = Number(process.hrtime.bigint() - start);
  } while (elapsed < warmupNs);
  const batchSize = Math.max(1, Math.round((options.minSampleMs * 1e6) / (elapsed / ops)));

  const budgetNs = options.timeBudgetMs * 1e6;
  const samples: number[] = [];
  let totalNs = 0;
  let totalOps = 0;
  while (totalNs < budgetNs) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batchSize; i++) sink = await fn();
    const dt = Number(process.hrtime.bigint() - t0);
    samples.push(dt / batchSize);
    totalNs += dt;
    totalOps += batchSize;
  }
  return summarize(samples, totalOps, totalNs, batchSize);
}

function summarize(
  samples: number[],
  ops: number,
  totalNs: number,
  batchSize: number,
): Measurement {
  samples.sort((a, b) => a - b);
  return {
    ops,
    samples: samples.length,
    batchSize,
    totalNs,
    meanNs: totalNs / ops,
    p50Ns: percentile(samples, 0.5),
    p99Ns: percentile(samples, 0.99),
    opsPerSec: ops / (totalNs / 1e9),
  };
}

/** Nearest-rank percentile of sorted values (0 < p ≤ 1). */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}
