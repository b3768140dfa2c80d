/**
 * Per-operation statistics of a WBEM connection (pywbem `Statistics` / `OperationStatistic`):
 * count, failures, client and server times, request and reply sizes, and a formatted table.
 */

/** One measured operation. */
export interface OperationSample {
  readonly seconds: number;
  /** WBEMServerResponseTime of the reply in seconds, or null when the server did not send it. */
  readonly serverSeconds: number | null;
  readonly requestLen: number;
  readonly replyLen: number;
  readonly failed: boolean;
}

/** Accumulated numbers of one operation name. */
export class OperationStatistic {
  readonly name: string;
  count = 0;
  exceptionCount = 0;
  totalTime = 0;
  minTime = Infinity;
  maxTime = 0;
  totalServerTime = 0;
  serverTimeCount = 0;
  minServerTime = Infinity;
  maxServerTime = 0;
  totalRequestLen = 0;
  minRequestLen = Infinity;
  maxRequestLen = 0;
  totalReplyLen = 0;
  minReplyLen = Infinity;
  maxReplyLen = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Adds one sample. */
  add(s: OperationSample): void {
    this.count += 1;
    if (s.failed) this.exceptionCount += 1;
    this.totalTime += s.seconds;
    this.minTime = Math.min(this.minTime, s.seconds);
    this.maxTime = Math.max(this.maxTime, s.seconds);
    if (s.serverSeconds !== null) {
      this.serverTimeCount += 1;
      this.totalServerTime += s.serverSeconds;
      this.minServerTime = Math.min(this.minServerTime, s.serverSeconds);
      this.maxServerTime = Math.max(this.maxServerTime, s.serverSeconds);
    }
    this.totalRequestLen += s.requestLen;
    this.minRequestLen = Math.min(this.minRequestLen, s.requestLen);
    this.maxRequestLen = Math.max(this.maxRequestLen, s.requestLen);
    this.totalReplyLen += s.replyLen;
    this.minReplyLen = Math.min(this.minReplyLen, s.replyLen);
    this.maxReplyLen = Math.max(this.maxReplyLen, s.replyLen);
  }

  get avgTime(): number {
    return this.count === 0 ? 0 : this.totalTime / this.count;
  }

  get avgServerTime(): number {
    return this.serverTimeCount === 0 ? 0 : this.totalServerTime / this.serverTimeCount;
  }

  get avgRequestLen(): number {
    return this.count === 0 ? 0 : this.totalRequestLen / this.count;
  }

  get avgReplyLen(): number {
    return this.count === 0 ? 0 : this.totalReplyLen / this.count;
  }
}

/** Statistics of all operations on one connection; records only while `enabled`. */
export class Statistics {
  enabled: boolean;
  readonly #ops = new Map<string, OperationStatistic>();

  constructor(enabled = false) {
    this.enabled = enabled;
  }

  /** Adds a sample for operation `name` (ignored while disabled). */
  record(name: string, sample: OperationSample): void {
    if (!this.enabled) return;
    let stat = this.#ops.get(name);
    if (!stat) {
      stat = new OperationStatistic(name);
      this.#ops.set(name, stat);
    }
    stat.add(sample);
  }

  /** The statistics by operation name, in first-seen order. */
  snapshot(): [string, OperationStatistic][] {
    return [...this.#ops.entries()];
  }

  /** Forgets everything recorded so far. */
  reset(): void {
    this.#ops.clear();
  }

  /**
   * A text table (one row per operation, sorted by count, then name) as pywbem's
   * `formatted()`: counts, average/min/max times in seconds, sizes in bytes.
   */
  formatted(): string {
    const head = [
      'Count',
      'Excep',
      'ClientTime avg',
      'min',
      'max',
      'ServerTime avg',
      'RequestLen avg',
      'min',
      'max',
      'ReplyLen avg',
      'min',
      'max',
      'Operation',
    ];
    const f = (n: number) => n.toFixed(3);
    const i = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : '0');
    const rows = this.snapshot()
      .map(([, s]) => s)
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .map((s) => [
        String(s.count),
        String(s.exceptionCount),
        f(s.avgTime),
        f(Number.isFinite(s.minTime) ? s.minTime : 0),
        f(s.maxTime),
        f(s.avgServerTime),
        i(s.avgRequestLen),
        i(s.minRequestLen),
        i(s.maxRequestLen),
        i(s.avgReplyLen),
        i(s.minReplyLen),
        i(s.maxReplyLen),
        s.name,
      ]);
    const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, c) => (c === cells.length - 1 ? cell : cell.padStart(widths[c] ?? 0)))
        .join(' ');
    const state = this.enabled ? 'enabled' : 'disabled';
    return (
      [
        `Statistics (times in seconds, lengths in bytes), ${state}:`,
        line(head),
        ...rows.map(line),
      ].join('\n') + '\n'
    );
  }
}
