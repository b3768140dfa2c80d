/**
 * The servers under test, started fresh for each run on loopback: Keywarden (`keywarden serve`,
 * the embedded default: a new data folder, SQLite, development PKI) and the PyKMIP 0.10 server
 * (Debian python3-pykmip's `pykmip-server`) configured with the same certificates and a fresh
 * SQLite file. Also reads a process's CPU time and memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startKeywardenProcess } from '../../test/support/keywarden-process.ts';
import type { LoadTarget } from './load.ts';

/** A server process the benchmark drives. */
export interface ServerUnderTest {
  readonly name: string;
  readonly version: string;
  readonly pid: number;
  readonly target: LoadTarget;
  /** The data folder holding the PKI (ca.crt, server.crt/key, client-admin.crt/key). */
  readonly pkiDir: string;
  stop(): Promise<void>;
}

/** CPU seconds (user + system, all threads) and memory of a process. */
export interface ProcessUsage {
  readonly cpuSeconds: number;
  readonly rssBytes: number;
  /** Peak resident set size since the process started (VmHWM). */
  readonly peakRssBytes: number;
}

// USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux we run on.
const CLOCK_TICKS = 100;

/** Reads /proc/<pid>/stat and /proc/<pid>/status. */
export function processUsage(pid: number): ProcessUsage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return {
    cpuSeconds: ticks / CLOCK_TICKS,
    rssBytes: kib('VmRSS') * 1024,
    peakRssBytes: kib('VmHWM') * 1024,
  };
}

async function readTarget(pkiDir: string, host: string, port: number): Promise<LoadTarget> {
  const [ca, cert, key] = await Promise.all(
    ['ca.crt', 'client-admin.crt', 'client-admin.key'].map((f) =>
      readFile(join(pkiDir, f), 'utf8'),
    ),
  );
  return { host, port, ca: ca ?? '', cert: cert ?? '', key: key ?? '' };
}

/** Starts `keywarden serve` with a fresh data folder; `args` are extra serve flags. */
export async function startKeywarden(args: readonly string[] = []): Promise<ServerUnderTest> {
  const server = await startKeywardenProcess({ args: [...args] });
  const pkiDir = join(server.home, 'pki');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return {
    name: 'keywarden',
    version: `${pkg.version} (Node ${process.version})`,
    pid: server.child.pid ?? 0,
    target: await readTarget(pkiDir, server.host, server.port),
    pkiDir,
    stop: () => server.cleanup(),
  };
}

/** A free loopback port (PyKMIP's server and `openssl s_server` cannot report port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pykmip-server exited:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connectTcp(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`pykmip-server did not listen within 30 s:\n${log()}`);
}

/** The installed PyKMIP version, or undefined when the python3-pykmip package is missing. */
export async function pykmipVersion(): Promise<string | undefined> {
  const child = spawn('/usr/bin/python3', ['-c', 'import kmip; print(kmip.__version__)'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const [code] = (await once(child, 'close').catch(() => [1])) as [number];
  return code === 0 ? out.trim() : undefined;
}

/**
 * Starts PyKMIP's server with `pkiDir`'s certificates (the Keywarden data folder's
 * development PKI, so one client certificate serves both) and a fresh SQLite database.
 */
export async function startPykmip(pkiDir: string, version: string): Promise<ServerUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-bench-pykmip-'));
  const port = await freePort();
  const config = join(dir, 'server.conf');
  await writeFile(
    config,
    [
      '[server]',
      'hostname=127.0.0.1',
      `port=${port}`,
      `certificate_path=${join(pkiDir, 'server.crt')}`,
      `key_path=${join(pkiDir, 'server.key')}`,
      `ca_path=${join(pkiDir, 'ca.crt')}`,
      'auth_suite=TLS1.2',
      `policy_path=${dir}`,
      'enable_tls_client_auth=True',
      'logging_level=WARNING',
      `database_path=${join(dir, 'pykmip.db')}`,
      '',
    ].join('\n'),
  );
  const child = spawn(
    '/usr/bin/python3',
    ['-W', 'ignore', '/usr/bin/pykmip-server', '-f', config, '-l', join(dir, 'server.log')],
    // Its own process group: the server forks a policy-monitor process that must die with it.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit');
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await waitForPort(port, child, () => err);
  } catch (error) {
    killGroup();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    name: 'pykmip',
    version: `${version} (Python 3)`,
    pid: child.pid ?? 0,
    target: await readTarget(pkiDir, '127.0.0.1', port),
    pkiDir,
    async stop() {
      killGroup();
      if (child.exitCode === null && child.signalCode === null) await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
