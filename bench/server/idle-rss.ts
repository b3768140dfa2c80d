/**
 * Idle memory of `keywarden serve` (issue #9): starts the real command with a fresh data folder,
 * waits for the ready line and a settle time, and reads /proc/<pid>/status (VmRSS, RssAnon,
 * RssFile, RssShmem) and smaps_rollup; optionally again with idle mutual-TLS connections held
 * open. "cold" gives each run an empty compile cache (the first start of a new version), "warm"
 * one cache primed by an earlier start; "restart" starts again on a data folder that already
 * holds its PKI.
 *
 *   node bench/server/idle-rss.ts [--runs=3] [--settle-ms=3000] [--connections=1000]
 *     [--modes=cold,warm,restart] [--env=NAME=VALUE ...] [--node-flag=--x ...]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { holdIdleConnections, type LoadTarget } from './load.ts';

const MAIN = fileURLToPath(new URL('../../bin/keywarden.js', import.meta.url));
const READY = /KMIP listening on (?:\[([^\]]+)\]|([^\s:]+)):(\d+)$/m;

type Mode = 'cold' | 'warm' | 'restart';

interface Sample {
  readonly rss: number;
  readonly anon: number;
  readonly file: number;
  readonly shmem: number;
  readonly pss: number;
}

async function sample(pid: number): Promise<Sample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (text: string, key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) / 1024;
  return {
    rss: kib(status, 'VmRSS'),
    anon: kib(status, 'RssAnon'),
    file: kib(status, 'RssFile'),
    shmem: kib(status, 'RssShmem'),
    pss: kib(rollup, 'Pss'),
  };
}

async function startServe(
  home: string,
  cache: string,
  env: Record<string, string>,
  nodeFlags: readonly string[],
) {
  const child = spawn(
    process.execPath,
    [...nodeFlags, MAIN, 'serve', '--port', '0', '--home', home, '--max-connections', '1100'],
    {
      env: { ...process.env, XDG_CACHE_HOME: cache, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const started = performance.now();
  for (;;) {
    const match = READY.exec(out);
    if (match !== null) {
      const port = Number(match[3]);
      return { child, port, startMs: performance.now() - started };
    }
    if (child.exitCode !== null) throw new Error(`serve exited: ${err}`);
    await sleep(20);
  }
}

async function target(home: string, port: number): Promise<LoadTarget> {
  const [ca, cert, key] = await Promise.all(
    ['ca.crt', 'client-admin.crt', 'client-admin.key'].map((f) =>
      readFile(join(home, 'pki', f), 'utf8'),
    ),
  );
  return { host: '127.0.0.1', port, ca: ca ?? '', cert: cert ?? '', key: key ?? '' };
}

const fmt = (s: Sample) =>
  `rss ${s.rss.toFixed(1)} anon ${s.anon.toFixed(1)} file ${s.file.toFixed(1)} shmem ${s.shmem.toFixed(1)} pss ${s.pss.toFixed(1)}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'settle-ms': { type: 'string', default: '3000' },
      connections: { type: 'string', default: '0' },
      modes: { type: 'string', default: 'cold,warm,restart' },
      env: { type: 'string', multiple: true, default: [] },
      'node-flag': { type: 'string', multiple: true, default: [] },
    },
  });
  const runs = Number(values.runs);
  const settleMs = Number(values['settle-ms']);
  const connections = Number(values.connections);
  const env = Object.fromEntries(
    values.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  const modes = values.modes.split(',') as Mode[];
  const root = await mkdtemp(join(tmpdir(), 'kw-idle-rss-'));
  const warmCache = join(root, 'warm-cache');
  try {
    // Prime the warm cache (and a data folder for restarts) once.
    const primedHome = join(root, 'primed-home');
    const primer = await startServe(primedHome, warmCache, env, values['node-flag']);
    await sleep(500);
    primer.child.kill('SIGTERM');
    await once(primer.child, 'close');
    for (const mode of modes) {
      for (let run = 0; run < runs; run += 1) {
        const home = mode === 'restart' ? primedHome : join(root, `home-${mode}-${run}`);
        const cache = mode === 'cold' ? join(root, `cache-${run}`) : warmCache;
        if (mode === 'cold') await rm(cache, { recursive: true, force: true });
        const { child, port, startMs } = await startServe(home, cache, env, values['node-flag']);
        await sleep(settleMs);
        const idle = await sample(child.pid ?? 0);
        let line = `${mode} #${run + 1}: start ${Math.round(startMs)} ms, idle ${fmt(idle)}`;
        if (connections > 0) {
          const held = await holdIdleConnections(await target(home, port), connections);
          await sleep(1000);
          const busy = await sample(child.pid ?? 0);
          line += `\n  with ${connections} conns: ${fmt(busy)}`;
          await held.release();
        }
        console.log(line);
        child.kill('SIGTERM');
        await once(child, 'close');
      }
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
