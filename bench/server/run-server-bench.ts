/**
 * The server benchmark of `npm run bench`: Keywarden and the PyKMIP 0.10 server side by side
 * under the same load (scenario.ts), the machine's limits (limits.ts), memory with many idle
 * connections, and a cross-check with PyKMIP's own client. Writes JSON lines to
 * bench/results/server-<date>.jsonl and, in a full run, the report into docs/performance.md
 * between the `server-bench` markers. Never asserts anything about speed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { TtlvMessageReader } from '../../src/kmip/index.ts';
import { describeMachine } from '../lib/machine.ts';
import { holdIdleConnections, runPhase } from './load.ts';
import {
  opensslHandshakes,
  opensslSpeed,
  sqliteDurableInserts,
  startOpensslServer,
  tlsEcho,
} from './limits.ts';
import {
  toJsonLines,
  toMarkdown,
  type Limits,
  type Memory,
  type ServerBenchRun,
} from './report.ts';
import { requestFor } from './requests.ts';
import { runScenario, type PhaseMeasure, type ScenarioOptions } from './scenario.ts';
import {
  freePort,
  processUsage,
  pykmipVersion,
  startKeywarden,
  startPykmip,
  type ServerUnderTest,
} from './servers.ts';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));
const PERFORMANCE_DOC = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
const BEGIN = '<!-- server-bench:begin -->';
const END = '<!-- server-bench:end -->';

/** Sizes of a server benchmark run. */
export interface ServerBenchSizes extends ScenarioOptions {
  readonly quick: boolean;
  readonly idleConnections: number;
  readonly limitSeconds: number;
  readonly crossCheckSeconds: number;
}

/** Where a run writes: results folder, and whether docs/performance.md gets the report. */
export interface ServerBenchOutput {
  readonly resultsDir: string;
  readonly writeDoc: boolean;
}

/** Sizes of a full and of a quick (CI smoke) run. */
export function scenarioOptions(quick: boolean): ServerBenchSizes {
  return quick
    ? {
        quick,
        levels: [1, 16],
        phaseMs: 300,
        backgroundObjects: 300,
        idleConnections: 100,
        limitSeconds: 1,
        crossCheckSeconds: 0.5,
      }
    : {
        quick,
        levels: [1, 4, 8, 16, 64],
        phaseMs: 3000,
        backgroundObjects: 10_000,
        idleConnections: 1000,
        limitSeconds: 3,
        crossCheckSeconds: 3,
      };
}

function gitCommit(): string {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

async function crossCheck(server: ServerUnderTest, seconds: number): Promise<number | undefined> {
  const t = server.target;
  const pki = server.pkiDir;
  const child = spawn(
    '/usr/bin/python3',
    [
      fileURLToPath(new URL('./pykmip_crosscheck.py', import.meta.url)),
      t.host,
      String(t.port),
      join(pki, 'client-admin.crt'),
      join(pki, 'client-admin.key'),
      join(pki, 'ca.crt'),
      String(seconds),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.resume(); // PyKMIP's warnings must not fill the pipe and block it
  const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
  const [code] = (await once(child, 'close')) as [number];
  clearTimeout(timer);
  if (code !== 0) return undefined;
  const { ops, seconds: took } = JSON.parse(out) as { ops: number; seconds: number };
  return ops / took;
}

async function measureLimits(keywarden: ServerUnderTest, seconds: number): Promise<Limits> {
  const t = keywarden.target;
  // The echo server answers with a real Get response of Keywarden's, so sizes match.
  const created = await runPhase(t, {
    mode: 'each',
    concurrency: 1,
    requests: [requestFor.create()],
    collectIds: true,
  });
  const id = created.ids[0] ?? '';
  const getRequest = requestFor.get(id);
  const sample = await sampleResponse(t, getRequest);
  const concurrency = 8;
  const echo = await tlsEcho(t, keywarden.pkiDir, getRequest, sample, concurrency, seconds * 1000);
  const port = await freePort();
  const sServer = await startOpensslServer(keywarden.pkiDir, port);
  let opensslRate: number | undefined;
  try {
    opensslRate = await opensslHandshakes(port, keywarden.pkiDir, seconds);
  } finally {
    await sServer.stop();
  }
  const keywardenRate = await opensslHandshakes(t.port, keywarden.pkiDir, seconds);
  return {
    tlsEchoOpsPerSec: echo.errors === 0 ? echo.opsPerSec : undefined,
    tlsEchoConcurrency: concurrency,
    ...(opensslRate === undefined ? {} : { opensslHandshakesPerSec: opensslRate }),
    ...(keywardenRate === undefined ? {} : { keywardenHandshakesPerSec: keywardenRate }),
    ...optional('aesGcmBytesPerSec', await opensslSpeed('aes-256-gcm', 1024, Math.min(seconds, 2))),
    ...optional('aesCbcBytesPerSec', await opensslSpeed('aes-256-cbc', 1024, Math.min(seconds, 2))),
    sqliteDurableInsertsPerSec: await sqliteDurableInserts(seconds * 1000),
  };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** One exchange on a fresh connection, returning the raw response bytes. */
async function sampleResponse(
  target: ServerUnderTest['target'],
  request: Uint8Array,
): Promise<Uint8Array> {
  const socket = connect({ ...target, servername: 'localhost' });
  await once(socket, 'secureConnect');
  const reader = new TtlvMessageReader();
  socket.write(request);
  for (;;) {
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    const [message] = reader.push(chunk);
    if (message !== undefined) {
      socket.destroy();
      return message;
    }
  }
}

async function measureMemory(keywarden: ServerUnderTest, connections: number): Promise<Memory> {
  const idle = processUsage(keywarden.pid);
  const held = await holdIdleConnections(keywarden.target, connections);
  const withConnections = processUsage(keywarden.pid);
  await held.release();
  return {
    idleRssBytes: idle.rssBytes,
    peakRssBytes: processUsage(keywarden.pid).peakRssBytes,
    connections,
    rssWithConnectionsBytes: withConnections.rssBytes,
  };
}

async function writeDoc(markdown: string): Promise<void> {
  const doc = await readFile(PERFORMANCE_DOC, 'utf8');
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const section = `${BEGIN}\n${markdown}${END}`;
  const next =
    begin >= 0 && end > begin
      ? doc.slice(0, begin) + section + doc.slice(end + END.length)
      : `${doc.trimEnd()}\n\n## Server benchmark: Keywarden and PyKMIP side by side\n\n${section}\n`;
  await writeFile(PERFORMANCE_DOC, next);
}

/** Runs the server benchmark; `say` prints progress and the report. */
export async function runServerBench(
  options: ServerBenchSizes,
  say: (text: string) => void,
  output: ServerBenchOutput = { resultsDir: RESULTS_DIR, writeDoc: !options.quick },
): Promise<ServerBenchRun> {
  const { quick } = options;
  const phases: PhaseMeasure[] = [];
  const onMeasure = (m: PhaseMeasure) => {
    phases.push(m);
    say(
      `  ${m.server} ${m.phase} c=${m.concurrency}: ${Math.round(m.opsPerSec)} ops/s${m.errors > 0 ? ` (${m.errors} errors: ${m.firstError ?? ''})` : ''}`,
    );
  };
  const date = new Date().toISOString();
  say('server benchmark: Keywarden');
  const keywarden = await startKeywarden([
    '--max-connections',
    String(options.idleConnections + 64),
  ]);
  const servers = [{ name: keywarden.name, version: keywarden.version }];
  const crossCheckResults: { server: string; createsPerSec: number }[] = [];
  let pykmipMissing: string | undefined;
  try {
    const memoryBefore = await measureMemory(keywarden, options.idleConnections);
    await runScenario(keywarden, options, onMeasure);
    say('  machine limits: TLS echo, openssl s_time and speed, SQLite');
    const limits = await measureLimits(keywarden, options.limitSeconds);
    const memory = { ...memoryBefore, peakRssBytes: processUsage(keywarden.pid).peakRssBytes };
    const version = await pykmipVersion();
    if (version === undefined) {
      pykmipMissing =
        'python3-pykmip is not installed (npm test installs it; apt-get install python3-pykmip)';
    } else {
      say('  cross-check with the PyKMIP client');
      const kwCross = await crossCheck(keywarden, options.crossCheckSeconds);
      if (kwCross !== undefined)
        crossCheckResults.push({ server: 'keywarden', createsPerSec: kwCross });
      say('server benchmark: PyKMIP');
      const pykmip = await startPykmip(keywarden.pkiDir, version);
      servers.push({ name: pykmip.name, version: pykmip.version });
      try {
        // PyKMIP's Locate reads every object (seconds each at 1e4): one connection only in a
        // full run, or the phase would wait minutes for requests already in flight.
        const locateLevels = quick ? options.levels : [1];
        await runScenario(pykmip, { ...options, locateLevels }, onMeasure);
        say('  cross-check with the PyKMIP client');
        const pyCross = await crossCheck(pykmip, options.crossCheckSeconds);
        if (pyCross !== undefined)
          crossCheckResults.push({ server: 'pykmip', createsPerSec: pyCross });
      } finally {
        await pykmip.stop();
      }
    }
    const run: ServerBenchRun = {
      date,
      commit: gitCommit(),
      quick,
      machine: describeMachine(),
      servers,
      phases,
      limits,
      memory,
      crossCheck: crossCheckResults,
      ...(pykmipMissing === undefined ? {} : { pykmipMissing }),
    };
    await mkdir(output.resultsDir, { recursive: true });
    const file = join(output.resultsDir, `server-${date.replace(/[:.]/g, '-')}.jsonl`);
    await writeFile(file, toJsonLines(run));
    const markdown = toMarkdown(run);
    say(`\n${markdown}\nresults: ${file}`);
    if (output.writeDoc) await writeDoc(markdown);
    return run;
  } finally {
    await keywarden.stop();
  }
}
