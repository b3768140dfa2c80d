/**
 * The server's request path without TLS: the pipeline of `keywarden serve` (SQLite store with
 * sealed material, audit log in the store's transactions (one commit per request with its
 * audit record, issue #9), logger at info level
 * writing JSON to a discarded stream) driven in-process with the server benchmark's request
 * messages. Prints, per operation, wall µs/op and process CPU µs/op (user + system, all
 * threads: includes SQLite's fsyncs on the libuv pool). `--profile=get,encrypt` writes a V8 CPU
 * profile of just those phases (open it in Chrome DevTools, or summarize it with
 * `node bench/server/summarize-profile.ts <file>`):
 *
 *   node bench/server/profile-pipeline.ts [--ops=2000] [--concurrency=16] [--only=create,get]
 *   node bench/server/profile-pipeline.ts --only=get --profile=get
 *   node bench/server/profile-pipeline.ts --durability=full   (fsync inside COMMIT, for A/B)
 *   node bench/server/profile-pipeline.ts --only=create --heap=create [--heap-interval=4096]
 *
 * `--heap=create,get` runs V8's sampling heap profiler over those phases, counting objects the
 * GC already collected too (so it sees the garbage, not only what survives), prints bytes
 * allocated per operation and the top allocation sites, and writes the `.heapprofile` (Chrome
 * DevTools, Memory tab) to the temp folder. The sampling skews CPU figures: measure CPU
 * without it.
 *
 * Phases run in the order create, get, locate (one key by Name), activate, encrypt, revoke,
 * destroy on the keys the Create phase made (Activate/Revoke/Destroy each key once); `--only` runs the named phases
 * and what they need first (encrypt: create and activate). The machine's other load shows in
 * wall time; CPU µs/op is the steadier figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createAeadKey, randomBytes } from '../../src/crypto/index.ts';
import { createAuditSink } from '../../src/server/audit/index.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createMessageHandler } from '../../src/server/pipeline/handle-message.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { printHeapSites, type SamplingHeapProfile } from './heap-sites.ts';
import { createItem, encodeBatch, readOutcome, requestFor } from './requests.ts';

const PHASES = ['create', 'get', 'locate', 'activate', 'encrypt', 'revoke', 'destroy'] as const;
type Phase = (typeof PHASES)[number];

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    only: { type: 'string' },
    profile: { type: 'string' },
    heap: { type: 'string' },
    'heap-interval': { type: 'string', default: '4096' },
    durability: { type: 'string', default: 'deferred-fsync' },
  },
});
const ops = Number(values.ops);
const concurrency = Number(values.concurrency);
const only = new Set((values.only ?? PHASES.join(',')).split(','));
const profiled = new Set(values.profile?.split(',') ?? []);
const heapProfiled = new Set(values.heap?.split(',') ?? []);
const inspector = new Session();
inspector.connect();

const folder = mkdtempSync(join(tmpdir(), 'kw-profile-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const path = join(folder, 'keywarden.db');
const masterKey = createAeadKey(randomBytes(32));
if (values.durability !== 'full' && values.durability !== 'deferred-fsync') {
  throw new Error('--durability is full or deferred-fsync');
}
const store = await openSqliteStore({ path, masterKey, durability: values.durability });
// The lines are formatted as in production and then thrown away.
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const logger = createLogger({ level: 'info', destination: sink }).child({ component: 'kmip' });
if (store.audit === undefined) throw new Error('the SQLite store has an audit log');
const handler = createMessageHandler({ store, logger, audit: createAuditSink(store.audit) });

const ids: string[] = [];
const data = randomBytes(1024);
const iv = randomBytes(16);

function requestOf(phase: Phase, i: number): Uint8Array {
  const id = ids[phase === 'get' || phase === 'encrypt' ? i % Math.min(ids.length, 256) : i];
  // Keys are named only when Locate runs (it finds one key by Name), so Create stays comparable.
  if (phase === 'create') {
    return toRun.has('locate') ? encodeBatch([createItem(`bench-${i}`)]) : requestFor.create();
  }
  if (phase === 'locate') return requestFor.locateByName(`bench-${i % Math.min(ids.length, 256)}`);
  if (id === undefined) throw new Error(`no key for ${phase} #${i}: run the create phase first`);
  if (phase === 'encrypt') return requestFor.encrypt(id, data, iv);
  return requestFor[phase](id);
}

async function runPhase(phase: Phase): Promise<void> {
  const count =
    phase === 'create' || phase === 'get' || phase === 'locate' || phase === 'encrypt'
      ? ops
      : ids.length;
  const requests = Array.from({ length: count }, (_, i) => requestOf(phase, i));
  const responses: Uint8Array[] = [];
  let next = 0;
  if (profiled.has(phase)) {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  if (heapProfiled.has(phase)) {
    await inspector.post('HeapProfiler.enable');
    // Garbage too: by default the profile keeps only the samples still alive at the end.
    await inspector.post('HeapProfiler.startSampling', {
      samplingInterval: Number(values['heap-interval']),
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const commitsBefore = store.stats().commits;
  const commitMsBefore = store.stats().commitMs ?? 0;
  const syncsBefore = store.stats().syncs ?? 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      for (let i = next++; i < count; i = next++) {
        const request = requests[i];
        if (request === undefined) break;
        responses[i] = await handler(request, { identity: 'bench-client', connectionId: `c${c}` });
      }
    }),
  );
  const wallUs = ((performance.now() - started) * 1000) / count;
  const used = process.cpuUsage(cpu);
  if (profiled.has(phase)) {
    const { profile } = await inspector.post('Profiler.stop');
    const file = join(tmpdir(), `kw-profile-${phase}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`${phase}: CPU profile written to ${file}`);
  }
  if (heapProfiled.has(phase)) {
    const { profile } = await inspector.post('HeapProfiler.stopSampling');
    const file = join(tmpdir(), `kw-heap-${phase}-${Date.now()}.heapprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`${phase}: heap profile written to ${file}`);
    printHeapSites(profile as SamplingHeapProfile, count);
  }
  const cpuUs = (used.user + used.system) / count;
  // Checked after the clock stops: decoding responses is the client's work.
  let failures = 0;
  for (const response of responses) {
    const outcome = readOutcome(response);
    if (!outcome.ok || (phase === 'locate' && outcome.ids.length !== 1)) failures++;
    if (phase === 'create' && outcome.ids[0] !== undefined) ids.push(outcome.ids[0]);
  }
  console.log(
    `${phase.padEnd(9)} ${String(count).padStart(6)} ops  wall ${wallUs.toFixed(1).padStart(7)} µs/op` +
      `  cpu ${cpuUs.toFixed(1).padStart(7)} µs/op (user ${(used.user / count).toFixed(0)}, system` +
      ` ${(used.system / count).toFixed(0)})  commits ${store.stats().commits - commitsBefore}` +
      `, in COMMIT ${((((store.stats().commitMs ?? 0) - commitMsBefore) * 1000) / count).toFixed(0)} µs/op` +
      (values.durability === 'full' ? '' : `, fsyncs ${(store.stats().syncs ?? 0) - syncsBefore}`) +
      (failures > 0 ? `  FAILED ${failures}` : ''),
  );
}

// What each phase needs run first (Encrypt needs an Active key, Destroy a non-Active one).
const PREREQUISITES: Readonly<Record<Phase, readonly Phase[]>> = {
  create: [],
  get: ['create'],
  locate: ['create'],
  activate: ['create'],
  encrypt: ['create', 'activate'],
  revoke: ['create', 'activate'],
  destroy: ['create', 'activate', 'revoke'],
};
const toRun = new Set<Phase>();
for (const phase of PHASES) {
  if (!only.has(phase)) continue;
  for (const needed of PREREQUISITES[phase]) toRun.add(needed);
  toRun.add(phase);
}

console.log(`pipeline in-process, concurrency ${concurrency}, Node ${process.version}`);
for (const phase of PHASES) if (toRun.has(phase)) await runPhase(phase);
await store.close();
