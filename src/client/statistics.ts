/**
 * Statistics per operation (pywbem's Statistics): count, errors, min/avg/max time, request
 * and response sizes. A batch is counted under its operations joined by `+`.
 */
import type { OperationRecord, OperationRecorder } from './recorders/recorder.ts';

/** The figures of one operation (or batch shape). */
export interface OperationStatistics {
  readonly name: string;
  readonly count: number;
  readonly errors: number;
  readonly minMs: number;
  readonly avgMs: number;
  readonly maxMs: number;
  readonly avgRequestBytes: number;
  readonly avgResponseBytes: number;
}

interface Totals {
  count: number;
  errors: number;
  minMs: number;
  maxMs: number;
  totalMs: number;
  requestBytes: number;
  responseBytes: number;
  responses: number;
}

/** Collects statistics; add it as a recorder (KmipClient does so with `statistics: true`). */
export class StatisticsRecorder implements OperationRecorder {
  readonly #byName = new Map<string, Totals>();

  record(record: OperationRecord): void {
    const name = record.items.map((item) => item.operation).join('+');
    const totals = this.#byName.get(name) ?? {
      count: 0,
      errors: 0,
      minMs: Infinity,
      maxMs: 0,
      totalMs: 0,
      requestBytes: 0,
      responseBytes: 0,
      responses: 0,
    };
    totals.count += 1;
    const failed = record.error !== undefined || record.items.some((i) => i.error !== undefined);
    if (failed) totals.errors += 1;
    totals.minMs = Math.min(totals.minMs, record.durationMs);
    totals.maxMs = Math.max(totals.maxMs, record.durationMs);
    totals.totalMs += record.durationMs;
    totals.requestBytes += record.requestBytes.length;
    if (record.responseBytes !== undefined) {
      totals.responseBytes += record.responseBytes.length;
      totals.responses += 1;
    }
    this.#byName.set(name, totals);
  }

  /** The figures so far, by name. */
  snapshot(): OperationStatistics[] {
    return [...this.#byName.entries()]
      .map(([name, t]) => ({
        name,
        count: t.count,
        errors: t.errors,
        minMs: t.minMs,
        avgMs: t.totalMs / t.count,
        maxMs: t.maxMs,
        avgRequestBytes: t.requestBytes / t.count,
        avgResponseBytes: t.responses === 0 ? 0 : t.responseBytes / t.responses,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Forgets everything. */
  reset(): void {
    this.#byName.clear();
  }
}

/**
 * The statistics as a text table, one line per operation.
 * @example console.log(formatStatistics(client.statistics.snapshot()));
 */
export function formatStatistics(stats: readonly OperationStatistics[]): string {
  const header = ['Operation', 'Count', 'Errors', 'Min ms', 'Avg ms', 'Max ms', 'Req B', 'Resp B'];
  const rows = stats.map((s) => [
    s.name,
    String(s.count),
    String(s.errors),
    s.minMs.toFixed(2),
    s.avgMs.toFixed(2),
    s.maxMs.toFixed(2),
    s.avgRequestBytes.toFixed(0),
    s.avgResponseBytes.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
