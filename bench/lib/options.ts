/**
 * Command line of `npm run bench`:
 *   --quick           smoke run (short budget), for CI and for checking the harness
 *   --time=<seconds>  measured time per case (default 1.5 s, or env BENCH_TIME; quick 0.1 s)
 *   --filter=<text>   only cases whose `suite/case` name contains the text
 *   --json            print the JSON result on stdout (the table goes to stderr)
 *   --no-baseline     skip baselines (PyKMIP)
 */
import type { MeasureOptions } from './types.ts';

/** Parsed runner options. */
export interface RunnerOptions extends MeasureOptions {
  readonly quick: boolean;
  readonly json: boolean;
  readonly filter: string | undefined;
  readonly baselines: boolean;
}

const DEFAULT_SECONDS = 1.5;
const QUICK_SECONDS = 0.1;

/** Thrown for a malformed command line; the runner prints it with the usage. */
export class UsageError extends Error {}

function parseSeconds(text: string, what: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`${what} must be a positive number of seconds, got '${text}'`);
  }
  return seconds;
}

/** Parses argv (without node and the script) and the environment. */
export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): RunnerOptions {
  let quick = false;
  let json = false;
  let baselines = true;
  let filter: string | undefined;
  let seconds: number | undefined;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--no-baseline') baselines = false;
    else if (arg.startsWith('--time=')) seconds = parseSeconds(arg.slice(7), '--time');
    else if (arg.startsWith('--filter=')) filter = arg.slice(9);
    else throw new UsageError(`unknown argument '${arg}'`);
  }
  // Precedence: --time, then --quick, then BENCH_TIME, then the default.
  const envTime = env['BENCH_TIME'];
  seconds ??= quick
    ? QUICK_SECONDS
    : envTime === undefined
      ? DEFAULT_SECONDS
      : parseSeconds(envTime, 'BENCH_TIME');
  const timeBudgetMs = 1000 * seconds;
  return {
    quick,
    json,
    filter,
    baselines,
    timeBudgetMs,
    // A fifth of the budget warms up, at least 20 ms (enough for V8 to optimise hot loops).
    warmupMs: Math.max(20, timeBudgetMs / 5),
    // 1 ms batches: far above the clock's overhead, and still ~100 samples in a quick run.
    minSampleMs: 1,
  };
}

/** The usage text printed on a bad command line. */
export const USAGE =
  'usage: npm run bench -- [--quick] [--time=<seconds>] [--filter=<text>] [--json] [--no-baseline]';
