/**
 * Server CPU per request over TLS, A/B: starts `keywarden serve` from one or more source trees
 * (e.g. a worktree of main and this one) and the bare TLS echo server (echo-server.ts, same
 * certificates, answering with a real Get response), then drives each in turn with the
 * bench's load generator (load.ts), round after round, and prints the server process's CPU
 * (user + system from /proc) per request and the ops/s of each run. Alternating the servers
 * in one sitting keeps a busy machine's drift out of the comparison.
 *
 *   node bench/server/conn-cpu.ts [--roots=/tmp/base,.] [--rounds=3] [--seconds=4]
 *     [--concurrency=8] [--op=get|discover] [--no-echo] [--profile-dir=DIR]
 *
 * `--profile-dir` starts each Keywarden with `--cpu-prof` (one .cpuprofile per server, written
 * when it stops; summarize with summarize-profile.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';
import { parseArgs } from 'node:util';
import { TtlvMessageReader } from '../../src/kmip/index.ts';
import { runPhase, type LoadTarget } from './load.ts';
import { requestFor } from './requests.ts';
import { processUsage } from './servers.ts';

const { values } = parseArgs({
  options: {
    roots: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '8' },
    op: { type: 'string', default: 'get' },
    /** `connect`: a full handshake, one request and a close per operation. */
    connect: { type: 'boolean', default: false },
    'no-echo': { type: 'boolean', default: false },
    'no-keywarden': { type: 'boolean', default: false },
    'listener-echo': { type: 'boolean', default: false },
    'profile-dir': { type: 'string' },
    /** Extra `serve` flags per root, `;`-separated in the order of --roots. */
    'serve-args': { type: 'string', default: '' },
  },
});
const rounds = Number(values.rounds);
const durationMs = Number(values.seconds) * 1000;
const concurrency = Number(values.concurrency);

interface Subject {
  readonly name: string;
  readonly pid: number;
  readonly target: LoadTarget;
  /** Keywarden's data folder (its pki/ serves the echo server too). */
  readonly home?: string;
  stop(): Promise<unknown>;
}

interface KeywardenProcessModule {
  startKeywardenProcess(options: {
    env?: Record<string, string>;
    args?: readonly string[];
  }): Promise<{
    host: string;
    port: number;
    home: string;
    child: { pid?: number };
    stop(): Promise<number>;
    cleanup(): Promise<void>;
  }>;
}

async function startKeywardenFrom(root: string, args: readonly string[]): Promise<Subject> {
  // Each tree's own harness, so its own bin/keywarden.js runs.
  const url = new URL(`file://${resolve(root, 'test/support/keywarden-process.ts')}`);
  const { startKeywardenProcess } = (await import(url.href)) as KeywardenProcessModule;
  const flags = profileFlags();
  const env: Record<string, string> = flags.length === 0 ? {} : { NODE_OPTIONS: flags.join(' ') };
  const server = await startKeywardenProcess({ env, args });
  const pki = join(server.home, 'pki');
  const [ca, cert, key] = await Promise.all(
    ['ca.crt', 'client-admin.crt', 'client-admin.key'].map((f) => readFile(join(pki, f), 'utf8')),
  );
  return {
    name: `keywarden ${root}${args.length > 0 ? ` ${args.join(' ')}` : ''}`,
    pid: server.child.pid ?? 0,
    home: server.home,
    target: {
      host: server.host,
      port: server.port,
      ca: ca ?? '',
      cert: cert ?? '',
      key: key ?? '',
    },
    // SIGTERM first so that a profiled server writes its profile.
    stop: async () => {
      await server.stop();
      await server.cleanup();
    },
  };
}

function profileFlags(): string[] {
  const dir = values['profile-dir'];
  return dir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`];
}

async function sampleResponse(target: LoadTarget, request: Uint8Array): Promise<Uint8Array> {
  const socket = connect({ ...target, servername: 'localhost' });
  await once(socket, 'secureConnect');
  const reader = new TtlvMessageReader();
  socket.write(request);
  for await (const chunk of socket) {
    const [message] = reader.push(chunk as Buffer);
    if (message !== undefined) {
      socket.destroy();
      return message;
    }
  }
  throw new Error('no response');
}

async function startEcho(
  name: string,
  script: string,
  like: Subject,
  response: Uint8Array,
): Promise<Subject> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-conn-cpu-'));
  const responseFile = join(dir, 'response.ttlv');
  await writeFile(responseFile, response);
  // The echo server reads server.crt/key and ca.crt from the Keywarden data folder.
  const home = like.home;
  if (home === undefined) throw new Error('echo needs a Keywarden data folder');
  const child = spawn(
    process.execPath,
    [...profileFlags(), script, join(home, 'pki'), responseFile],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const [line] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string];
  return {
    name,
    pid: child.pid ?? 0,
    target: { ...like.target, port: Number(line.trim()) },
    stop: async () => {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const roots = (values.roots ?? '.').split(',');
const subjects: Subject[] = [];
const started: Subject[] = [];
try {
  const serveArgs = (values['serve-args'] ?? '').split(';');
  for (const [i, root] of roots.entries()) {
    const args = (serveArgs[i] ?? '').split(' ').filter((a) => a.length > 0);
    const keywarden = await startKeywardenFrom(root, args);
    started.push(keywarden);
    subjects.push(keywarden);
  }
  // Each Keywarden gets objects of its own to Get.
  const requests = new Map<Subject, Uint8Array[]>();
  for (const subject of subjects) {
    const created = await runPhase(subject.target, {
      mode: 'each',
      concurrency: 8,
      requests: Array.from({ length: 64 }, () => requestFor.create()),
      collectIds: true,
    });
    requests.set(
      subject,
      values.op === 'discover'
        ? [requestFor.discoverVersions()]
        : created.ids.map((id) => requestFor.get(id)),
    );
  }
  const first = subjects[0];
  if (first !== undefined) {
    const request = requests.get(first)?.[0] ?? new Uint8Array();
    const response = await sampleResponse(first.target, request);
    const echoes: Array<[string, string]> = [];
    if (values['listener-echo']) {
      for (const root of roots) {
        echoes.push([`listener-echo ${root}`, resolve(root, 'bench/server/listener-echo.ts')]);
      }
    }
    if (!values['no-echo']) {
      echoes.push(['tls-echo', new URL('./echo-server.ts', import.meta.url).pathname]);
    }
    for (const [name, script] of echoes) {
      const echo = await startEcho(name, script, first, response);
      started.push(echo);
      requests.set(echo, [request]);
      subjects.push(echo);
    }
    // Only the echo servers are measured (the Keywarden processes stay up for their PKI).
    if (values['no-keywarden']) subjects.splice(0, roots.length);
  }
  // Warm-up (JIT, caches), not measured.
  for (const subject of subjects) {
    await runPhase(subject.target, {
      mode: values.connect ? 'connect' : 'timed',
      concurrency,
      requests: requests.get(subject) ?? [],
      durationMs: 1500,
    });
  }
  const results = new Map<Subject, string[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const subject of subjects) {
      const before = processUsage(subject.pid).cpuSeconds;
      const stats = await runPhase(subject.target, {
        mode: values.connect ? 'connect' : 'timed',
        concurrency,
        requests: requests.get(subject) ?? [],
        durationMs,
      });
      const cpu = processUsage(subject.pid).cpuSeconds - before;
      const line = `${((cpu * 1e6) / stats.ops).toFixed(0)} µs/op (${stats.opsPerSec.toFixed(0)}/s${stats.errors > 0 ? `, ${stats.errors} errors: ${stats.firstError}` : ''})`;
      console.log(`round ${round} ${subject.name}: ${line}`);
      results.set(subject, [...(results.get(subject) ?? []), line]);
    }
  }
  const what = values.connect ? `connect + ${values.op} + close` : values.op;
  console.log(`\nserver CPU per ${what} at ${concurrency} connections:`);
  for (const [subject, lines] of results) console.log(`  ${subject.name}: ${lines.join(' | ')}`);
} finally {
  for (const subject of started.reverse()) await subject.stop();
}
