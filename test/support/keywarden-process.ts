/**
 * Runs the real `keywarden` command as a child process: `serve` on a free loopback port with
 * a temporary data folder (waiting for its ready line), or any one-shot command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI entry point. */
export const KEYWARDEN_MAIN = fileURLToPath(new URL('../../bin/keywarden.js', import.meta.url));

/** What `serve` prints once it accepts KMIP connections (src/cli/connection-info.ts). */
export const READY_LINE = /^keywarden: KMIP listening on (?:\[([^\]]+)\]|([^\s:]+)):(\d+)$/m;

/** Options of {@link startKeywardenProcess}. */
export interface StartKeywardenOptions {
  /** Data folder; default a fresh temporary folder, removed by `cleanup()`. */
  readonly home?: string;
  /** Added to the environment (inherited KEYWARDEN_* variables are dropped first). */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra arguments after `serve --port 0 --home <home>` (later flags win). */
  readonly args?: readonly string[];
  /** How long to wait for the ready line (default 30 s). */
  readonly timeoutMs?: number;
}

/** A running `keywarden serve`. */
export interface KeywardenProcess {
  readonly host: string;
  readonly port: number;
  readonly home: string;
  /** The development PKI the client side needs. */
  readonly pki: { readonly ca: string; readonly clientCert: string; readonly clientKey: string };
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code (128 + n if killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number>;
  /** SIGKILL: no shutdown at all (crash tests). */
  kill9(): Promise<void>;
  /** Stops the process if it runs, and removes the data folder if this harness made it. */
  cleanup(): Promise<void>;
}

/** The result of a one-shot command. */
export interface KeywardenRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** The environment without the test runner's own KEYWARDEN_* settings. */
function cleanEnv(extra: Readonly<Record<string, string>> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('KEYWARDEN_')) env[name] = value;
  }
  return { ...env, ...extra };
}

function spawnKeywarden(
  args: readonly string[],
  env?: Readonly<Record<string, string>>,
  stdin?: string,
) {
  const child = spawn(process.execPath, [KEYWARDEN_MAIN, ...args], {
    env: cleanEnv(env),
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(stdin);
  return child;
}

/**
 * Resolves with the exit code once `child` has exited and its output pipes are drained
 * (128 + n when a signal ended it). Call right after spawning, before 'close' can fire.
 */
function closed(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      resolve(code ?? (signal === null ? -1 : 128 + (SIGNAL_NUMBERS[signal] ?? 0)));
    });
  });
}

/**
 * Starts `keywarden serve --port 0 --home <home>` and waits for its ready line.
 * Rejects (with stderr) when the process exits or the timeout passes first.
 */
export async function startKeywardenProcess(
  options: StartKeywardenOptions = {},
): Promise<KeywardenProcess> {
  const ownsHome = options.home === undefined;
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'kw-serve-')));
  const child = spawnKeywarden(
    ['serve', '--port', '0', '--home', home, ...(options.args ?? [])],
    options.env,
  );
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = closed(child);

  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const match = READY_LINE.exec(out);
      if (match !== null) resolve(match);
    };
    child.stdout?.on('data', check);
    void exited.then((code) =>
      reject(new Error(`keywarden serve exited (code ${code}) before ready:\n${err}`)),
    );
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`keywarden serve not ready after ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
  }).finally(() => clearTimeout(timer));

  const pkiDir = join(home, 'pki');
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    host: ready[1] ?? ready[2] ?? '127.0.0.1',
    port: Number(ready[3]),
    home,
    pki: {
      ca: join(pkiDir, 'ca.crt'),
      clientCert: join(pkiDir, 'client-admin.crt'),
      clientKey: join(pkiDir, 'client-admin.key'),
    },
    child,
    stdout: () => out,
    stderr: () => err,
    stop,
    kill9: async () => {
      await stop('SIGKILL');
    },
    cleanup: async () => {
      await stop('SIGKILL');
      if (ownsHome) await rm(home, { recursive: true, force: true });
    },
  };
}

/** Runs `keywarden <args>` to completion (a one-shot command, or a `serve` expected to fail). */
export async function runKeywarden(
  args: readonly string[],
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly timeoutMs?: number;
    /** Written to the command's standard input (closed after); default none. */
    readonly stdin?: string;
  } = {},
): Promise<KeywardenRun> {
  const child = spawnKeywarden(args, options.env, options.stdin);
  const exited = closed(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const code = await exited.finally(() => clearTimeout(timer));
  return { code, stdout, stderr };
}
