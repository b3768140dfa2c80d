/**
 * `npm run bench`: runs every suite in bench/suites/*.bench.ts, then each suite's baselines,
 * prints a table per suite and writes the full results to bench/results/<timestamp>.json.
 * It never asserts: targets are printed as met or missed and the exit code ignores them.
 * Options: see bench/lib/options.ts.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeMachine } from './lib/machine.ts';
import { collectGarbage, measure, measureAsync } from './lib/measure.ts';
import { parseOptions, UsageError, USAGE, type RunnerOptions } from './lib/options.ts';
import { formatHeading, formatSuite } from './lib/report.ts';
import { runServerBench, scenarioOptions } from './server/run-server-bench.ts';
import type {
  Baseline,
  BaselineReport,
  BenchCase,
  CaseResult,
  Measurement,
  SuiteResult,
} from './lib/types.ts';

const SUITES_DIR = fileURLToPath(new URL('./suites/', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const SUITE_SUFFIX = '.bench.ts';
/** The name `--filter` selects the server benchmark by. */
const SERVER_SUITE = 'server';

interface LoadedSuite {
  readonly name: string;
  readonly cases: readonly BenchCase[];
  readonly baselines: readonly Baseline[];
}

function isCase(value: unknown): value is BenchCase {
  const c = value as Partial<BenchCase> | null;
  return (
    typeof c === 'object' && c !== null && typeof c.name === 'string' && typeof c.fn === 'function'
  );
}

function isBaseline(value: unknown): value is Baseline {
  const b = value as Partial<Baseline> | null;
  return (
    typeof b === 'object' && b !== null && typeof b.name === 'string' && typeof b.run === 'function'
  );
}

async function loadSuites(): Promise<LoadedSuite[]> {
  const files = (await readdir(SUITES_DIR)).filter((f) => f.endsWith(SUITE_SUFFIX)).sort();
  const suites: LoadedSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(SUITES_DIR + file).href)) as Record<string, unknown>;
    const { cases, baselines = [] } = mod;
    if (!Array.isArray(cases) || !cases.every(isCase)) {
      throw new TypeError(`${file} must export \`cases\`, an array of { name, fn }`);
    }
    if (!Array.isArray(baselines) || !baselines.every(isBaseline)) {
      throw new TypeError(`${file}: \`baselines\` must be an array of { name, run }`);
    }
    suites.push({ name: file.slice(0, -SUITE_SUFFIX.length), cases, baselines });
  }
  return suites;
}

function findBaseline(
  reports: readonly BaselineReport[],
  key: string,
): { name: string; m: Measurement } | undefined {
  for (const r of reports) {
    const m = r.available ? r.results[key] : undefined;
    if (m) return { name: r.name, m };
  }
  return undefined;
}

function toResult(c: BenchCase, m: Measurement, reports: readonly BaselineReport[]): CaseResult {
  const base = c.baselineKey === undefined ? undefined : findBaseline(reports, c.baselineKey);
  const ratio = base ? m.opsPerSec / base.m.opsPerSec : undefined;
  const wantOps = c.target?.opsPerSec;
  const wantRatio = c.target?.baselineRatio;
  return {
    name: c.name,
    ...m,
    ...(c.bytesPerOp === undefined
      ? {}
      : { bytesPerOp: c.bytesPerOp, mbPerSec: (m.opsPerSec * c.bytesPerOp) / 1e6 }),
    ...(base
      ? { baseline: { name: base.name, opsPerSec: base.m.opsPerSec, p99Ns: base.m.p99Ns }, ratio }
      : {}),
    targets: {
      ...(wantOps === undefined
        ? {}
        : { opsPerSec: { wanted: wantOps, met: m.opsPerSec >= wantOps } }),
      ...(wantRatio === undefined || ratio === undefined
        ? {}
        : { baselineRatio: { wanted: wantRatio, met: ratio >= wantRatio } }),
    },
  };
}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

async function runSuite(suite: LoadedSuite, options: RunnerOptions): Promise<SuiteResult | null> {
  const selected = suite.cases.filter(
    (c) => options.filter === undefined || `${suite.name}/${c.name}`.includes(options.filter),
  );
  if (selected.length === 0) return null;
  const measured: [BenchCase, Measurement][] = [];
  for (const c of selected) {
    progress(`${suite.name}: ${c.name}`);
    try {
      await c.setup?.();
      collectGarbage();
      const m =
        c.isAsync === true
          ? await measureAsync(c.fn as () => Promise<unknown>, options)
          : measure(c.fn, options);
      measured.push([c, m]);
    } catch (error) {
      throw new Error(`bench case ${suite.name}/${c.name} threw`, { cause: error });
    }
  }
  // Baselines run after our cases, one at a time, so nothing competes for the core.
  const reports: BaselineReport[] = [];
  const keys = selected.flatMap((c) => (c.baselineKey === undefined ? [] : [c.baselineKey]));
  if (options.baselines && keys.length > 0) {
    for (const b of suite.baselines) {
      progress(`${suite.name}: baseline ${b.name}`);
      reports.push(await b.run(options, keys));
    }
  }
  progress('');
  return {
    name: suite.name,
    cases: measured.map(([c, m]) => toResult(c, m, reports)),
    baselines: reports,
  };
}

async function main(): Promise<void> {
  let options: RunnerOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // With --json, stdout carries only the JSON document.
  const say = (text: string): void =>
    void (options.json ? process.stderr : process.stdout).write(`${text}\n`);
  const machine = describeMachine();
  const startedAt = new Date();
  say(formatHeading(machine, options));

  const results: SuiteResult[] = [];
  for (const suite of await loadSuites()) {
    const result = await runSuite(suite, options);
    if (result === null) continue;
    results.push(result);
    say(formatSuite(result));
  }
  // The server benchmark (bench/server) runs unless a filter selects something else.
  const runServer = options.filter === undefined || SERVER_SUITE.includes(options.filter);
  if (runServer) {
    say(`\n== ${SERVER_SUITE} ==`);
    await runServerBench(scenarioOptions(options.quick), say);
  }
  if (results.length === 0) {
    if (!runServer) say(`no case matches --filter=${options.filter ?? ''}`);
    return;
  }

  const { quick, filter, timeBudgetMs, warmupMs, minSampleMs } = options;
  const document = {
    schema: 1,
    date: startedAt.toISOString(),
    machine,
    options: { quick, filter: filter ?? null, timeBudgetMs, warmupMs, minSampleMs },
    suites: results,
  };
  const json = JSON.stringify(document, null, 2);
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  await writeFile(file, `${json}\n`);
  say(`\nresults: ${file}`);
  if (options.json) process.stdout.write(`${json}\n`);
}

await main();
