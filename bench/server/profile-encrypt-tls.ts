/**
 * Issue #6: 1 MiB AES-256-GCM Encrypt and Decrypt through the full server over TLS, server
 * CPU per operation. Starts `keywarden serve` (child process, fresh data folder) from each
 * source tree given, one TLS connection each, one request at a time, and alternates rounds
 * between the trees so load from other processes on the machine hits all of them. Server CPU
 * is the sum of every server thread's on-CPU time (/proc/<pid>/task/<tid>/schedstat, ns), so
 * the client's own TLS work on the same machine does not count.
 *
 *   node bench/server/profile-encrypt-tls.ts [--ops=100] [--rounds=3] [--size=1048576]
 *     [--tree=/path/to/other/checkout[::--node-flag,...]]... [--profile]   (server --cpu-prof)
 *     [--node-arg=--trace-gc]...   (flags for the server's node)
 *     [--echo]   (also a bare TLS echo server answering each request with the 1 MiB Encrypt
 *                 response: the machine's floor for this exchange)
 *
 * Also prints node:crypto's AES-256-GCM in this process over the same bytes, the OpenSSL
 * single-core figure to compare with is `openssl speed -evp aes-256-gcm -bytes 1048576`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from '../../src/crypto/index.ts';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  ObjectType,
  Operation,
  ResultStatus,
} from '../../src/kmip/generated/registry.ts';
import { decodeResponseMessage, encodeRequestMessage } from '../../src/kmip/messages/message.ts';
import { decodeTtlv, encodeTtlv } from '../../src/kmip/ttlv/index.ts';
import { adminCredentials, KmipTlsClient } from '../../test/interop/server/kmip-tls-client.ts';
import { READY_LINE } from '../../test/support/keywarden-process.ts';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    size: { type: 'string', default: String(1024 * 1024) },
    tree: { type: 'string', multiple: true, default: [] },
    profile: { type: 'boolean', default: false },
    echo: { type: 'boolean', default: false },
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const ops = Number(values.ops);
const rounds = Number(values.rounds);
const size = Number(values.size);
const maxMessageSize = 4 * size + 64 * 1024;
// `--tree=<path>[::<node flag>,<node flag>]`: a checkout, and flags for its server only.
const trees = [resolve(import.meta.dirname, '../..'), ...values.tree];

const profileDir = mkdtempSync(join(tmpdir(), 'kw-encrypt-tls-profiles-'));
const children: ChildProcess[] = [];
const homes: string[] = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

interface Server {
  readonly tree: string;
  readonly pid: number;
  readonly child: ChildProcess;
  readonly client: KmipTlsClient;
  readonly encrypt: Uint8Array;
  readonly decrypt: Uint8Array;
}

async function start(tree: string): Promise<Omit<Server, 'encrypt' | 'decrypt'>> {
  const home = mkdtempSync(join(tmpdir(), 'kw-encrypt-tls-'));
  homes.push(home);
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const [path, flags] = tree.split('::');
  const args = ['serve', '--port', '0', '--home', home, '--log-level', 'warn'];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      ...values['node-arg'],
      ...(flags === undefined ? [] : flags.split(',')),
      join(resolve(path ?? '.'), 'bin/keywarden.js'),
      ...args,
      '--max-message-size',
      `${maxMessageSize}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const port = await new Promise<number>((done, fail) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = READY_LINE.exec(out);
      if (match !== null) done(Number(match[3]));
      // What the server prints later (--trace-gc) goes to our stderr.
      if (match !== null && values['node-arg'].length > 0) process.stderr.write(chunk);
    });
    child.once('exit', (code) => fail(new Error(`keywarden serve exited with ${code}`)));
  });
  const address = { host: '127.0.0.1', port, home };
  const client = await KmipTlsClient.connect(address, await adminCredentials(home));
  client.socket.setNoDelay(true);
  return { tree, pid: child.pid!, child, client };
}

function request(operation: keyof typeof Operation, payload: unknown): Uint8Array {
  return encodeTtlv(
    encodeRequestMessage({
      header: { protocolVersion: { major: 2, minor: 1 }, batchCount: 1 },
      batchItems: [{ kind: 'typed', operation: Operation[operation], payload } as never],
    }),
  );
}

function payloadOf<T>(bytes: Uint8Array): T {
  const [item] = decodeResponseMessage(decodeTtlv(bytes, { maxMessageSize })).batchItems;
  if (item === undefined || item.kind === 'invalid' || item.resultStatus !== ResultStatus.Success) {
    throw new Error(
      `request failed: ${JSON.stringify(item?.kind === 'invalid' ? item : item?.resultMessage)}`,
    );
  }
  return (item as unknown as { payload: T }).payload;
}

const data = randomBytes(size);
const iv = randomBytes(12);
const params = {
  cryptographicAlgorithm: CryptographicAlgorithm.AES,
  blockCipherMode: BlockCipherMode.GCM,
  tagLength: 16,
};

async function prepare(tree: string): Promise<Server> {
  const s = await start(tree);
  const { uniqueIdentifier: id } = payloadOf<{ uniqueIdentifier: string }>(
    await s.client.exchange(
      request('Create', {
        objectType: ObjectType.SymmetricKey,
        attributes: {
          attributes: [
            { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
            { name: 'CryptographicLength', value: 256 },
            {
              name: 'CryptographicUsageMask',
              value: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
            },
          ],
        },
      }),
    ),
  );
  payloadOf(await s.client.exchange(request('Activate', { uniqueIdentifier: id })));
  const encrypt = request('Encrypt', {
    uniqueIdentifier: id,
    cryptographicParameters: params,
    data,
    ivCounterNonce: iv,
  });
  const sealed = payloadOf<{ data: Uint8Array; authenticatedEncryptionTag: Uint8Array }>(
    await s.client.exchange(encrypt),
  );
  const decrypt = request('Decrypt', {
    uniqueIdentifier: id,
    cryptographicParameters: params,
    data: sealed.data,
    ivCounterNonce: iv,
    authenticatedEncryptionTag: sealed.authenticatedEncryptionTag,
  });
  const opened = payloadOf<{ data: Uint8Array }>(await s.client.exchange(decrypt));
  if (Buffer.compare(opened.data, data) !== 0) throw new Error('round trip failed');
  return { ...s, encrypt, decrypt };
}

/** On-CPU time of all threads of `pid`, ns. */
function serverCpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return total;
}

interface Cost {
  serverNs: number;
  clientUs: number;
  wallMs: number;
  ops: number;
}

/** Runs `count` exchanges of `bytes` on `s`, adding their cost to `into`. */
async function run(s: Server, bytes: Uint8Array, count: number, into: Cost): Promise<void> {
  const server = serverCpuNs(s.pid);
  const client = process.cpuUsage();
  const started = performance.now();
  let last: Uint8Array = new Uint8Array();
  for (let i = 0; i < count; i++) last = await s.client.exchange(bytes);
  into.wallMs += performance.now() - started;
  const used = process.cpuUsage(client);
  into.serverNs += serverCpuNs(s.pid) - server;
  into.clientUs += used.user + used.system;
  into.ops += count;
  payloadOf(last);
}

const key = randomBytes(32);
function nodeGcm(): number {
  const before = process.cpuUsage();
  for (let i = 0; i < ops; i++) {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.update(data);
    cipher.final();
    cipher.getAuthTag();
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / ops;
}

const servers: Server[] = [];
for (const tree of trees) servers.push(await prepare(tree));
if (values.echo) servers.push(await startEcho(servers[0]!));

/** bench/server/echo-server.ts with the first server's PKI, answering with its Encrypt response. */
async function startEcho(model: Server): Promise<Server> {
  const home = homes[0]!;
  const responseFile = join(home, 'encrypt-response.bin');
  writeFileSync(responseFile, await model.client.exchange(model.encrypt));
  const script = join(import.meta.dirname, 'echo-server.ts');
  const child = spawn(
    process.execPath,
    [...values['node-arg'], script, join(home, 'pki'), responseFile, `${maxMessageSize}`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const port = await new Promise<number>((done) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /^(\d+)$/m.exec(out);
      if (match !== null) done(Number(match[1]));
      if (match !== null && values['node-arg'].length > 0) process.stderr.write(chunk);
    });
  });
  const client = await KmipTlsClient.connect(
    { host: '127.0.0.1', port },
    await adminCredentials(home),
  );
  client.socket.setNoDelay(true);
  return {
    tree: 'tls-echo',
    pid: child.pid!,
    child,
    client,
    encrypt: model.encrypt,
    decrypt: model.decrypt,
  };
}
const mbps = (us: number) => (size / us).toFixed(0);
const ranges = new Map<string, number[]>();
console.log(
  `AES-256-GCM over TLS, ${size} bytes, ${ops} ops × ${rounds} rounds, Node ${process.version}`,
);
// Batches of BATCH operations alternate between the servers, so that a change in the load of
// the machine hits them alike.
const BATCH = 5;
for (let r = 0; r < rounds; r++) {
  const base = nodeGcm();
  console.log(
    `round ${r + 1}: node:crypto GCM in-process ${base.toFixed(0)} µs/op (${mbps(base)} MB/s)`,
  );
  const costs = servers.map(() => ({
    encrypt: { serverNs: 0, clientUs: 0, wallMs: 0, ops: 0 },
    decrypt: { serverNs: 0, clientUs: 0, wallMs: 0, ops: 0 },
  }));
  for (let done = 0; done < ops; done += BATCH) {
    for (const [i, s] of servers.entries()) {
      await run(s, s.encrypt, BATCH, costs[i]!.encrypt);
      await run(s, s.decrypt, BATCH, costs[i]!.decrypt);
    }
  }
  for (const [i, s] of servers.entries()) {
    for (const name of ['encrypt', 'decrypt'] as const) {
      const c = costs[i]![name];
      const serverUs = c.serverNs / 1000 / c.ops;
      const wallUs = (c.wallMs * 1000) / c.ops;
      const label = `${name} ${s.tree}`;
      ranges.set(label, [...(ranges.get(label) ?? []), serverUs]);
      console.log(
        `  ${label}: server cpu ${serverUs.toFixed(0)} µs/op (${mbps(serverUs)} MB/s),` +
          ` client cpu ${(c.clientUs / c.ops).toFixed(0)}, wall ${wallUs.toFixed(0)} µs/op` +
          ` (${(1e6 / wallUs).toFixed(0)} ops/s)`,
      );
    }
  }
}
// Each other tree's cost as a fraction of the first one's, round by round (paired samples).
for (const name of ['encrypt', 'decrypt']) {
  const first = ranges.get(`${name} ${servers[0]!.tree}`) ?? [];
  for (const s of servers.slice(1)) {
    const other = ranges.get(`${name} ${s.tree}`) ?? [];
    const ratios = other.map((v, i) => (first[i]! / v).toFixed(2)).sort();
    console.log(`${name}: ${servers[0]!.tree} / ${s.tree} per round: ${ratios.join(', ')}`);
  }
}
for (const [label, list] of ranges) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${label}: server cpu ${sorted.map((v) => v.toFixed(0)).join('..')} µs/op`);
}
for (const s of servers) {
  s.client.destroy();
  s.child.kill('SIGINT');
}
if (values.profile) {
  await Promise.all(servers.map((s) => new Promise((done) => s.child.once('exit', done))));
  console.log(`server CPU profiles in ${profileDir}`);
}
