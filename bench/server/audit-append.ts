/**
 * CPU per audit append on the object store's connection, A/B across source trees in one
 * process (issue #9): each round opens a fresh store per tree and appends one record per
 * request unit, `--group` units at a time (one transaction per group, as concurrent requests
 * share a commit), then checks the chain. Prints process CPU (user + system, fsyncs on the
 * threadpool included) per append, one figure per round, trees alternating.
 *
 *   node bench/server/audit-append.ts --roots=/tmp/base,. [--group=16] [--count=16000] [--rounds=4]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type * as cryptoModule from '../../src/crypto/index.ts';
import type * as storeModule from '../../src/store/index.ts';
import type { AuditEntry, ObjectStore } from '../../src/store/index.ts';

const { values } = parseArgs({
  options: {
    roots: { type: 'string', default: '.' },
    group: { type: 'string', default: '16' },
    count: { type: 'string', default: '16000' },
    rounds: { type: 'string', default: '4' },
  },
});
const group = Number(values.group);
const count = Number(values.count);

interface Tree {
  readonly root: string;
  readonly open: (path: string) => Promise<ObjectStore>;
}
const trees: Tree[] = await Promise.all(
  values.roots.split(',').map(async (root) => {
    const store = (await import(join(resolve(root), 'src/store/index.ts'))) as typeof storeModule;
    const crypto = (await import(
      join(resolve(root), 'src/crypto/index.ts')
    )) as typeof cryptoModule;
    const masterKey = crypto.createAeadKey(crypto.randomBytes(32));
    return { root, open: (path: string) => store.openSqliteStore({ path, masterKey }) };
  }),
);

/** A Get's record as the pipeline makes it. */
const entryOf = (n: number): AuditEntry => ({
  time: new Date(),
  correlationId: `bench-${n}`,
  connectionId: `c${n % 16}`,
  peerAddress: '127.0.0.1:40000',
  certificateCn: 'bench-client',
  identity: 'bench-client',
  authMethod: 'certificate',
  kmipVersion: '1.4',
  batchItem: 0,
  operation: 'Get',
  objectIds: ['6f1c2a0e-1111-4a2b-9c3d-1234567890ab'],
  resultStatus: 'Success',
  durationMs: 0.1234,
});

async function appendAll(store: ObjectStore, total: number): Promise<void> {
  const audit = store.audit;
  if (audit === undefined || store.beginUnit === undefined) throw new Error('no audit log');
  for (let i = 0; i < total; i += group) {
    await Promise.all(
      Array.from({ length: group }, (_, j) => audit.append([entryOf(i + j)], store.beginUnit!())),
    );
  }
}

const results = new Map<string, string[]>(trees.map((t) => [t.root, []]));
const folder = await mkdtemp(join(tmpdir(), 'kw-audit-append-'));
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const tree of trees) {
      const store = await tree.open(
        join(folder, `${round}-${results.get(tree.root)!.length}-${trees.indexOf(tree)}.db`),
      );
      await appendAll(store, 2000); // warm-up
      const cpu = process.cpuUsage();
      await appendAll(store, count);
      const used = process.cpuUsage(cpu);
      if (!store.audit!.verify().ok) throw new Error(`${tree.root}: the chain does not verify`);
      await store.close();
      results.get(tree.root)!.push(((used.user + used.system) / count).toFixed(1));
    }
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
console.log(`CPU µs per audit append, groups of ${group}, ${count} appends per round:`);
for (const [root, figures] of results) console.log(`  ${root}: ${figures.join(' | ')}`);
