/**
 * The shapes shared by the bench runner and its suites. A suite is a module
 * `bench/suites/<name>.bench.ts` exporting `cases` (and optionally `baselines`).
 */

/** One benchmark case: a named operation the runner times over and over. */
export interface BenchCase {
  /** Unique within the suite, e.g. `ttlv/get-response/decode`. */
  readonly name: string;
  /** The operation; its result is kept so the work cannot be optimised away. */
  readonly fn: () => unknown;
  /** `fn` returns a promise: the runner awaits each call before the next. */
  readonly isAsync?: boolean;
  /** Runs once before the case is measured (untimed), e.g. to build a database. */
  readonly setup?: () => Promise<void>;
  /** Bytes one operation handles (the encoded message); enables the MB/s column. */
  readonly bytesPerOp?: number;
  /** The key of the same operation in a baseline's results, for the ratio column. */
  readonly baselineKey?: string;
  /** Informational targets; the runner prints whether they are met and never fails. */
  readonly target?: {
    readonly opsPerSec?: number;
    /** Minimum ratio of this case's ops/s to the baseline's. */
    readonly baselineRatio?: number;
  };
}

/** Timing options handed to cases and baselines. */
export interface MeasureOptions {
  /** Measured time per case, after warm-up. */
  readonly timeBudgetMs: number;
  /** Warm-up time per case (JIT, caches); also sizes the batches. */
  readonly warmupMs: number;
  /** Smallest batch duration: one timing sample covers enough calls to last this long. */
  readonly minSampleMs: number;
}

/** What one case (ours or a baseline's) measured. Times are per operation. */
export interface Measurement {
  readonly ops: number;
  readonly samples: number;
  readonly batchSize: number;
  readonly totalNs: number;
  readonly meanNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly opsPerSec: number;
}

/** A baseline's report: another implementation measured on the same work. */
export type BaselineReport =
  | { readonly available: false; readonly name: string; readonly reason: string }
  | {
      readonly available: true;
      readonly name: string;
      /** Versions of the implementation and its runtime. */
      readonly version: string;
      readonly runtime: string;
      /** Measurements by `BenchCase.baselineKey`. */
      readonly results: Readonly<Record<string, Measurement>>;
      /** Non-fatal findings, e.g. bytes that differ from ours. */
      readonly warnings: readonly string[];
    };

/** Runs another implementation (a subprocess, usually) on the suite's work. */
export interface Baseline {
  readonly name: string;
  /** Measures the operations named by `keys` (the selected cases' `baselineKey`s). */
  readonly run: (options: MeasureOptions, keys: readonly string[]) => Promise<BaselineReport>;
}

/** One case's line in the results: its measurement and how it compares. */
export interface CaseResult extends Measurement {
  readonly name: string;
  readonly bytesPerOp?: number;
  /** Decimal megabytes (10^6 bytes) per second, when the case declares its bytes. */
  readonly mbPerSec?: number;
  readonly baseline?: { readonly name: string; readonly opsPerSec: number; readonly p99Ns: number };
  /** ops/s of this case divided by the baseline's. */
  readonly ratio?: number;
  readonly targets?: {
    readonly opsPerSec?: { readonly wanted: number; readonly met: boolean };
    readonly baselineRatio?: { readonly wanted: number; readonly met: boolean };
  };
}

/** One suite's results. */
export interface SuiteResult {
  readonly name: string;
  readonly cases: readonly CaseResult[];
  readonly baselines: readonly BaselineReport[];
}
