/**
 * `keywarden audit verify` checks the audit log's hash chain (exit 1 naming the first bad
 * record); `keywarden audit tail [-n N] [--follow] [--json]` prints the newest records.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { AuditRecord, SecurityStore } from '../../store/index.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import type { CliIo, ShutdownSignal } from '../io.ts';
import { addStoreLocationFlags, openConfiguredSecurityStore } from '../security-store-access.ts';
import type { ServerCliOptions } from '../server-flags.ts';

/** Options of `audit tail`. */
export interface AuditTailOptions {
  readonly lines: number;
  readonly follow: boolean;
  readonly json: boolean;
  /** Poll interval of --follow, in ms. */
  readonly intervalMs: number;
}

/** One record as `audit tail` prints it without --json. */
export function formatAuditRecord(r: AuditRecord): string {
  const who = [
    r.identity ?? '-',
    r.peerAddress === undefined ? '' : `@${r.peerAddress}`,
    r.certificateCn !== undefined && r.certificateCn !== r.identity ? ` cn=${r.certificateCn}` : '',
    r.authMethod === undefined ? '' : ` via ${r.authMethod}`,
    r.groups === undefined || r.groups.length === 0 ? '' : ` groups=${r.groups.join(',')}`,
  ].join('');
  const item = r.batchItem === undefined ? 'message' : `item ${r.batchItem}`;
  const result =
    r.resultReason === undefined ? r.resultStatus : `${r.resultStatus}/${r.resultReason}`;
  const message = r.resultMessage === undefined ? '' : ` ${JSON.stringify(r.resultMessage)}`;
  const ids = r.objectIds.length === 0 ? '' : ` [${r.objectIds.join(', ')}]`;
  return (
    `#${r.seq} ${r.time.toISOString()} ${who} ${r.operation}${ids} ` +
    `(${item}, KMIP ${r.kmipVersion ?? '?'}) ${result}${message} ${r.durationMs}ms ` +
    `corr=${r.correlationId}`
  );
}

function print(io: CliIo, records: readonly AuditRecord[], json: boolean): void {
  for (const r of records) {
    io.stdout.write(`${json ? JSON.stringify(r) : formatAuditRecord(r)}\n`);
  }
}

/** Runs `audit tail` on an open store; with `follow`, until a shutdown signal. */
export async function runAuditTail(
  store: SecurityStore,
  options: AuditTailOptions,
  io: CliIo,
): Promise<number> {
  const first = store.audit.tail(options.lines);
  print(io, first, options.json);
  if (!options.follow) return EXIT_CODES.ok;
  let last = first.at(-1)?.seq ?? store.audit.tail(1).at(-1)?.seq ?? 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const next = store.audit.after(last);
      print(io, next, options.json);
      last = next.at(-1)?.seq ?? last;
    }, options.intervalMs);
    const stop = () => {
      clearInterval(timer);
      for (const s of SIGNALS) io.signals.off(s, stop);
      resolve();
    };
    for (const s of SIGNALS) io.signals.on(s, stop);
  });
  return EXIT_CODES.ok;
}

const SIGNALS: readonly ShutdownSignal[] = ['SIGINT', 'SIGTERM'];

/** Runs `audit verify` on an open store. */
export function runAuditVerify(store: SecurityStore, io: CliIo): number {
  const result = store.audit.verify();
  if (result.ok) {
    io.stdout.write(
      `keywarden: audit log intact: ${result.records} records, head ${result.headHash}\n`,
    );
    return EXIT_CODES.ok;
  }
  io.stderr.write(
    `keywarden: audit log broken at record ${result.seq} (${result.problem}): ${result.detail}; ` +
      `${result.records} records before it are intact\n`,
  );
  return EXIT_CODES.failure;
}

async function withStore(
  options: ServerCliOptions,
  io: CliIo,
  run: (store: SecurityStore) => number | Promise<number>,
): Promise<number> {
  const store = await openConfiguredSecurityStore(options, io);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('not a count');
  return n;
}

/** Adds `audit verify` and `audit tail` to the program. */
export function registerAuditCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  const audit = program.command('audit').description('read and verify the audit log');
  addStoreLocationFlags(
    audit
      .command('verify')
      .description('check the audit hash chain; exit 1 naming the first bad record'),
  ).action(async (options: ServerCliOptions) => {
    setExitCode(await withStore(options, io, (store) => runAuditVerify(store, io)));
  });
  addStoreLocationFlags(
    audit
      .command('tail')
      .description('print the newest audit records')
      .option('-n, --lines <n>', 'how many records (default 20)', count, 20)
      .option('-f, --follow', 'keep printing new records until interrupted')
      .option('--json', 'one JSON object per line')
      .option('--interval-ms <ms>', 'poll interval of --follow (default 500)', count, 500),
  ).action(async (options: ServerCliOptions) => {
    const tail: AuditTailOptions = {
      lines: options['lines'] as number,
      follow: options['follow'] === true,
      json: options['json'] === true,
      intervalMs: options['intervalMs'] as number,
    };
    setExitCode(await withStore(options, io, (store) => runAuditTail(store, tail, io)));
  });
}
