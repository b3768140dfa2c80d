/**
 * Locate latency through the request pipeline (TTLV request bytes → authentication, access
 * control, store query → TTLV response bytes; no TLS) over a store of 10,000 objects, and of
 * 1,000,000 with BENCH_LOCATE_1M=1. Each size gets a fresh SQLite database in a temporary
 * folder, built on first use through the store's batch API and removed when the run ends:
 * nothing is cached between runs (building 1e6 objects takes a few minutes).
 *
 * Objects are AES keys as Create makes them (Name `key-<i>`, Object Group `group-<i / 10>`,
 * Digest, dates, Fresh...), owned in turn by the benchmark's client and by another one.
 * Cases: Locate by Name (one match), by Name + Object Type + State (State makes Locate read
 * the candidate, as dates may have changed it), by Object Group (ten matches, five of them
 * visible), and, at 10,000 only, by Cryptographic Algorithm with Maximum Items 10, which
 * matches every object (Located Items counts them all, each checked for access).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAeadKey, randomBytes } from '../../src/crypto/index.ts';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  NameType,
  ObjectType,
  Operation,
  ResultStatus,
  State,
} from '../../src/kmip/generated/registry.ts';
import type { Attribute } from '../../src/kmip/messages/attributes.ts';
import { decodeResponseMessage, encodeRequestMessage } from '../../src/kmip/messages/message.ts';
import { decodeTtlv, encodeTtlv } from '../../src/kmip/ttlv/index.ts';
import { createLogger } from '../../src/server/logger.ts';
import { buildNewObject } from '../../src/server/objects/new-object.ts';
import {
  createMessageHandler,
  type MessageHandler,
} from '../../src/server/pipeline/handle-message.ts';
import { openSqliteStore, type ObjectStore, type WriteOp } from '../../src/store/index.ts';
import type { BenchCase } from '../lib/types.ts';

const CLIENT = 'bench-client';
const OTHER = 'other-client';
const BATCH = 5000;
// Requests cycle through this many different names, so no single row stays hot.
const DISTINCT_REQUESTS = 1024;
const BROAD_LIMIT = 10_000;

const SIZES = process.env['BENCH_LOCATE_1M'] === '1' ? [10_000, 1_000_000] : [10_000];

interface Database {
  readonly store: ObjectStore;
  readonly handler: MessageHandler;
}

const folders: string[] = [];
process.on('exit', () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function objectAttributes(i: number): Attribute[] {
  return [
    { name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES },
    { name: 'CryptographicLength', value: i % 2 === 0 ? 256 : 128 },
    {
      name: 'CryptographicUsageMask',
      value: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
    },
    { name: 'Name', value: { value: `key-${i}`, type: NameType.UninterpretedTextString } },
    { name: 'ObjectGroup', value: `group-${Math.floor(i / 10)}` },
  ];
}

async function buildDatabase(size: number): Promise<Database> {
  const folder = mkdtempSync(join(tmpdir(), 'kw-bench-locate-'));
  folders.push(folder);
  const store = await openSqliteStore({
    path: join(folder, 'keywarden.db'),
    masterKey: createAeadKey(randomBytes(32)),
  });
  const now = new Date();
  const started = performance.now();
  for (let first = 0; first < size; first += BATCH) {
    const ops: WriteOp[] = [];
    for (let i = first; i < Math.min(size, first + BATCH); i++) {
      const object = buildNewObject(
        {
          object: {
            kind: 'SymmetricKey',
            keyBlock: {
              keyFormatType: KeyFormatType.Raw,
              keyValue: { keyMaterial: randomBytes(i % 2 === 0 ? 32 : 16) },
              cryptographicAlgorithm: CryptographicAlgorithm.AES,
              cryptographicLength: i % 2 === 0 ? 256 : 128,
            },
          },
          attributes: objectAttributes(i),
        },
        { id: store.nextId(), owner: i % 2 === 0 ? CLIENT : OTHER, now },
      );
      ops.push({ op: 'create', object });
    }
    await store.batch(ops);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`locate: built ${size} objects in ${seconds} s (${folder})\n`);
  const logger = createLogger({ level: 'silent' });
  return { store, handler: createMessageHandler({ store, logger }) };
}

/** A Locate request (KMIP 1.4) as TTLV bytes. */
function request(attributes: readonly Attribute[], maximumItems?: number): Uint8Array {
  const payload = { attributes, ...(maximumItems === undefined ? {} : { maximumItems }) };
  return encodeTtlv(
    encodeRequestMessage({
      header: { protocolVersion: { major: 1, minor: 4 }, batchCount: 1 },
      batchItems: [{ kind: 'typed', operation: Operation.Locate, payload } as never],
    }),
  );
}

/** Fails the run unless `bytes` answer a Locate with exactly `expected` identifiers. */
function checkResponse(bytes: Uint8Array, expected: number, what: string): void {
  const [item] = decodeResponseMessage(decodeTtlv(bytes)).batchItems;
  const ids =
    item?.kind === 'typed' && item.resultStatus === ResultStatus.Success
      ? ((item.payload as { uniqueIdentifiers?: unknown[] }).uniqueIdentifiers ?? [])
      : undefined;
  if (ids?.length !== expected) {
    throw new Error(`${what}: expected ${expected} identifiers, got ${JSON.stringify(item)}`);
  }
}

const name = (i: number): Attribute => ({
  name: 'Name',
  value: { value: `key-${i}`, type: NameType.UninterpretedTextString },
});

function casesFor(size: number): BenchCase[] {
  let database: Promise<Database> | undefined;
  let handler: MessageHandler | undefined;
  const session = { identity: CLIENT, connectionId: 'bench' };

  // Requests for objects the client owns (even i), spread over the whole store.
  const spread = (i: number) => (Math.floor((i * size) / DISTINCT_REQUESTS) & ~1) % size;
  const kinds: { name: string; requests: Uint8Array[]; expected: number; max: number }[] = [
    {
      name: 'name',
      requests: Array.from({ length: DISTINCT_REQUESTS }, (_, i) => request([name(spread(i))])),
      expected: 1,
      max: Infinity,
    },
    {
      name: 'name+type+state',
      requests: Array.from({ length: DISTINCT_REQUESTS }, (_, i) =>
        request([
          name(spread(i)),
          { name: 'ObjectType', value: ObjectType.SymmetricKey },
          { name: 'State', value: State.PreActive },
        ]),
      ),
      expected: 1,
      max: Infinity,
    },
    {
      name: 'object-group',
      requests: Array.from({ length: DISTINCT_REQUESTS }, (_, i) =>
        request([{ name: 'ObjectGroup', value: `group-${Math.floor(spread(i) / 10)}` }]),
      ),
      expected: 5,
      max: Infinity,
    },
    {
      name: 'algorithm-max10',
      requests: [
        request([{ name: 'CryptographicAlgorithm', value: CryptographicAlgorithm.AES }], 10),
      ],
      expected: 10,
      max: BROAD_LIMIT,
    },
  ];

  return kinds
    .filter((kind) => size <= kind.max)
    .map((kind): BenchCase => {
      let next = 0;
      return {
        name: `${size}/${kind.name}`,
        isAsync: true,
        async setup() {
          database ??= buildDatabase(size);
          handler = (await database).handler;
          for (const bytes of kind.requests.slice(0, 4)) {
            checkResponse(await handler(bytes, session), kind.expected, kind.name);
          }
        },
        fn: () => {
          const bytes = kind.requests[next++ % kind.requests.length] as Uint8Array;
          return (handler as MessageHandler)(bytes, session);
        },
      };
    });
}

/** The suite's cases: every size, each case's database built on first use. */
export const cases: BenchCase[] = SIZES.flatMap(casesFor);
