/**
 * The machine's limits, measured in the same run as the servers so the fractions mean
 * something: a bare TLS echo of the same request/response sizes (upper bound for Get),
 * `openssl s_time` full handshakes per second against `openssl s_server`, `openssl speed`
 * for AES-256-GCM and AES-256-CBC, and SQLite's durable one-transaction-per-insert rate with
 * the store's PRAGMAs (WAL, synchronous=FULL).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from '../../src/crypto/index.ts';
import { runPhase, type LoadTarget, type PhaseStats } from './load.ts';

async function output(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{ code: number; out: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code: code ?? -1, out };
}

/** Runs the echo server with `response` as its answer and drives it like a Get phase. */
export async function tlsEcho(
  target: LoadTarget,
  pkiDir: string,
  request: Uint8Array,
  response: Uint8Array,
  concurrency: number,
  durationMs: number,
): Promise<PhaseStats> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-bench-echo-'));
  const responseFile = join(dir, 'response.ttlv');
  await writeFile(responseFile, response);
  const child = spawn(
    process.execPath,
    [new URL('./echo-server.ts', import.meta.url).pathname, pkiDir, responseFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const [line] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string];
    const port = Number(line.trim());
    return await runPhase(
      { ...target, port },
      { mode: 'timed', concurrency, requests: [request], durationMs },
    );
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

/** Full handshakes per second by `openssl s_time` against `host:port` (mutual TLS). */
export async function opensslHandshakes(
  port: number,
  pkiDir: string,
  seconds: number,
): Promise<number | undefined> {
  const { out } = await output(
    'openssl',
    [
      's_time',
      '-connect',
      `127.0.0.1:${port}`,
      '-new',
      '-time',
      String(seconds),
      '-cert',
      join(pkiDir, 'client-admin.crt'),
      '-key',
      join(pkiDir, 'client-admin.key'),
      '-CAfile',
      join(pkiDir, 'ca.crt'),
    ],
    (seconds + 20) * 1000,
  );
  // "123 connections in 3.01s; 40.86 connections/user sec, ..." — we want real-time rate.
  const match = /(\d+) connections in ([\d.]+)s/.exec(out);
  if (match === null) return undefined;
  return Number(match[1]) / Number(match[2]);
}

/** Starts `openssl s_server` with the PKI's server certificate; returns its port and a stopper. */
export async function startOpensslServer(
  pkiDir: string,
  port: number,
): Promise<{ stop(): Promise<void> }> {
  const child = spawn(
    'openssl',
    [
      's_server',
      '-accept',
      `127.0.0.1:${port}`,
      '-cert',
      join(pkiDir, 'server.crt'),
      '-key',
      join(pkiDir, 'server.key'),
      '-CAfile',
      join(pkiDir, 'ca.crt'),
      '-Verify',
      '1',
      '-naccept',
      '1000000',
      '-quiet',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let text = '';
  const onData = (chunk: Buffer) => (text += chunk.toString());
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  // s_server prints "ACCEPT" once listening.
  const deadline = Date.now() + 10_000;
  while (!text.includes('ACCEPT') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    async stop() {
      child.kill('SIGKILL');
      await once(child, 'close').catch(() => undefined);
    },
  };
}

/** `openssl speed -evp <cipher>` bytes/s for `size`-byte blocks (one core). */
export async function opensslSpeed(
  cipher: string,
  size: number,
  seconds: number,
): Promise<number | undefined> {
  const { out } = await output(
    'openssl',
    ['speed', '-mr', '-evp', cipher, '-seconds', String(seconds), '-bytes', String(size)],
    (seconds + 20) * 1000,
  );
  // Machine-readable: "+F:<n>:<cipher>:<bytes per CPU second>" (user time: one core).
  const match = /^\+F:\d+:[^:]+:([\d.]+)$/m.exec(out);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Durable inserts per second: one transaction per insert of a row the size of a stored key,
 * WAL and synchronous=FULL as src/store opens its database.
 */
export async function sqliteDurableInserts(durationMs: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-bench-sqlite-'));
  const db = new DatabaseSync(join(dir, 'bench.db'));
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
    const body = randomBytes(600);
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < durationMs) {
      db.exec('BEGIN IMMEDIATE');
      insert.run(`id-${n++}`, body);
      db.exec('COMMIT');
    }
    return n / ((performance.now() - start) / 1000);
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
