/**
 * Issue #6: one large AES-256-GCM Encrypt (1 MiB by default) through the server's pipeline
 * without TLS — the same pipeline as `keywarden serve` (SQLite store with sealed material,
 * audit log, logger at info level writing to a discarded stream), driven in-process one
 * request at a time. Prints process CPU µs per operation and the throughput it implies, next
 * to node:crypto's (OpenSSL's) AES-256-GCM over the same bytes on one core, and the ratio. The
 * request bytes are built once; decoding the response is done after the clock stops.
 *
 *   node bench/server/profile-encrypt-large.ts [--ops=200] [--size=1048576] [--rounds=3]
 *   node bench/server/profile-encrypt-large.ts --profile   (V8 CPU profile of the pipeline)
 *
 * Rounds alternate the OpenSSL baseline and the pipeline, so load from other processes on the
 * machine hits both; the best round of each is printed.
 */
import { createCipheriv } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createAeadKey, randomBytes } from '../../src/crypto/index.ts';
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  Operation,
} from '../../src/kmip/generated/registry.ts';
import {
  decodeResponseMessage,
  decodeTtlv,
  encodeRequestMessage,
  encodeTtlv,
  type RequestBatchItem,
} from '../../src/kmip/index.ts';
import { createAuditSink } from '../../src/server/audit/index.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createMessageHandler } from '../../src/server/pipeline/handle-message.ts';
import { openSqliteSecurityStore, openSqliteStore } from '../../src/store/index.ts';
import { readOutcome, requestFor } from './requests.ts';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '200' },
    size: { type: 'string', default: String(1024 * 1024) },
    rounds: { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
  },
});
const ops = Number(values.ops);
const size = Number(values.size);
const rounds = Number(values.rounds);

const folder = mkdtempSync(join(tmpdir(), 'kw-encrypt-large-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const masterKey = createAeadKey(randomBytes(32));
const path = join(folder, 'keywarden.db');
const store = await openSqliteStore({ path, masterKey });
const security = await openSqliteSecurityStore({ path, masterKey });
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const logger = createLogger({ level: 'info', destination: sink }).child({ component: 'kmip' });
// As `keywarden serve --max-message-size` would be set for payloads of this size.
const handler = createMessageHandler({
  store,
  logger,
  audit: createAuditSink(security.audit),
  maxMessageSize: size + 64 * 1024,
  // As startKmipServer sets it: the listener gives each message a buffer of its own.
  keepsRequestBytes: true,
});
const session = { identity: 'bench-client', connectionId: 'c0' };

const created = readOutcome(await handler(requestFor.create(), session));
const id = created.ids[0];
if (id === undefined) throw new Error('Create failed');
if (!readOutcome(await handler(requestFor.activate(id), session)).ok) throw new Error('Activate');

const data = randomBytes(size);
const iv = randomBytes(12);
// KMIP 1.4: the first version with Authenticated Encryption Tag (GCM) in Encrypt.
const request = encodeTtlv(
  encodeRequestMessage({
    header: { protocolVersion: { major: 1, minor: 4 }, batchCount: 1 },
    batchItems: [
      {
        kind: 'typed',
        operation: Operation.Encrypt,
        payload: {
          uniqueIdentifier: id,
          cryptographicParameters: {
            cryptographicAlgorithm: CryptographicAlgorithm.AES,
            blockCipherMode: BlockCipherMode.GCM,
            tagLength: 16,
          },
          data,
          ivCounterNonce: iv,
        },
      } as RequestBatchItem,
    ],
  }),
);

interface Cost {
  /** Process CPU (user + system, all threads) per operation, µs. */
  readonly cpuUs: number;
  readonly systemUs: number;
  readonly wallUs: number;
}

async function measure(run: () => void | Promise<void>): Promise<Cost> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return {
    cpuUs: (used.user + used.system) / ops,
    systemUs: used.system / ops,
    wallUs: ((performance.now() - started) * 1000) / ops,
  };
}

const key = randomBytes(32);
function openssl(): void {
  for (let i = 0; i < ops; i++) {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.update(data);
    cipher.final();
    cipher.getAuthTag();
  }
}

let last: Uint8Array = new Uint8Array();
async function pipeline(): Promise<void> {
  for (let i = 0; i < ops; i++) last = await handler(request, session);
}

const mbps = (us: number) => (size / us).toFixed(0); // bytes per µs = MB/s
const inspector = new Session();
if (values.profile) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
console.log(
  `AES-256-GCM Encrypt of ${size} bytes, ${ops} ops × ${rounds} rounds, Node ${process.version}`,
);
let bestBase = Infinity;
let bestPipe = Infinity;
for (let r = 0; r < rounds; r++) {
  const base = await measure(openssl);
  const pipe = await measure(pipeline);
  bestBase = Math.min(bestBase, base.cpuUs);
  bestPipe = Math.min(bestPipe, pipe.cpuUs);
  console.log(
    `round ${r + 1}: openssl cpu ${base.cpuUs.toFixed(0)} µs/op (${mbps(base.cpuUs)} MB/s)` +
      `  pipeline cpu ${pipe.cpuUs.toFixed(0)} µs/op (${mbps(pipe.cpuUs)} MB/s; system` +
      ` ${pipe.systemUs.toFixed(0)}), wall ${pipe.wallUs.toFixed(0)} µs/op`,
  );
}
if (values.profile) {
  const { profile } = await inspector.post('Profiler.stop');
  const file = join(tmpdir(), `kw-profile-encrypt-large-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile written to ${file}`);
}
const [item] = decodeResponseMessage(
  decodeTtlv(last, { maxMessageSize: size + 64 * 1024 }),
).batchItems;
if (item?.kind === 'invalid' || item?.resultStatus !== 0) throw new Error('Encrypt failed');
console.log(
  `best: openssl ${bestBase.toFixed(0)} µs/op, pipeline ${bestPipe.toFixed(0)} µs/op:` +
    ` ${((100 * bestBase) / bestPipe).toFixed(1)}% of OpenSSL's single-core throughput`,
);
await security.close();
await store.close();
