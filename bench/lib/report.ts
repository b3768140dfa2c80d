/** Human-readable output of the runner: one aligned table per suite, then notes. */
import type { MachineFacts } from './machine.ts';
import type { RunnerOptions } from './options.ts';
import type { CaseResult, SuiteResult } from './types.ts';

const opsFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats a per-operation time with a readable unit. */
export function formatDuration(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** Formats a byte count: B below 1 KiB, otherwise KiB with one decimal. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(1)}×`;
}

function formatTargets(result: CaseResult): string {
  const parts: string[] = [];
  const { opsPerSec, baselineRatio } = result.targets ?? {};
  if (opsPerSec) parts.push(`${opsFormat.format(opsPerSec.wanted)}/s ${mark(opsPerSec.met)}`);
  if (baselineRatio) parts.push(`${baselineRatio.wanted}× ${mark(baselineRatio.met)}`);
  return parts.join(', ');
}

const mark = (met: boolean): string => (met ? 'met' : 'MISSED');

const HEADERS = [
  'case',
  'size',
  'ops/s',
  'MB/s',
  'mean',
  'p99',
  'baseline ops/s',
  'ratio',
  'target',
];
// Right-align the numeric columns.
const RIGHT = [false, true, true, true, true, true, true, true, false];

function row(r: CaseResult): string[] {
  return [
    r.name,
    r.bytesPerOp === undefined ? '' : formatBytes(r.bytesPerOp),
    opsFormat.format(r.opsPerSec),
    r.mbPerSec === undefined ? '' : r.mbPerSec.toFixed(1),
    formatDuration(r.meanNs),
    formatDuration(r.p99Ns),
    r.baseline === undefined ? '' : opsFormat.format(r.baseline.opsPerSec),
    r.ratio === undefined ? '' : formatRatio(r.ratio),
    formatTargets(r),
  ];
}

function formatTable(rows: readonly string[][]): string {
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (RIGHT[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The heading printed before the suites: machine, runtime and budget. */
export function formatHeading(machine: MachineFacts, options: RunnerOptions): string {
  const mode = options.quick ? ' (quick: smoke run, numbers are rough)' : '';
  return [
    `Keywarden bench — ${new Date().toISOString()}`,
    `node ${machine.node} (V8 ${machine.v8}), ${machine.platform} ${machine.arch}`,
    `cpu: ${machine.cpuModel} × ${machine.cores} logical cores; runner is single-threaded: results are per core`,
    `budget: ${options.timeBudgetMs} ms per case after ${options.warmupMs} ms warm-up${mode}`,
  ].join('\n');
}

/** One suite's table followed by its baselines' status and warnings. */
export function formatSuite(suite: SuiteResult): string {
  const lines = [`\n== ${suite.name}`, formatTable(suite.cases.map(row))];
  for (const b of suite.baselines) {
    if (b.available) {
      lines.push(`baseline: ${b.name} ${b.version} on ${b.runtime}`);
      for (const w of b.warnings) lines.push(`WARNING (${b.name}): ${w}`);
    } else {
      lines.push(`baseline: ${b.name} not measured: ${b.reason}`);
    }
  }
  return lines.join('\n');
}
