import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import {
  AttributeSets,
  MAX_ATTRIBUTE_SETS,
  setKey,
  splitForSet,
} from '../../../src/store/attribute-sets.ts';
import { openSqliteStore } from '../../../src/store/index.ts';
import type {
  AttributeFilter,
  ObjectStore,
  StoredAttribute,
  StoredObjectMetadata,
} from '../../../src/store/index.ts';
import { migrate } from '../../../src/store/migrations.ts';
import type { EncodedAttribute } from '../../../src/store/object-codec.ts';
import { encodeValue } from '../../../src/store/value-codec.ts';
import { holds } from './plain-scan.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-attribute-sets-'));
after(() => rm(root, { recursive: true, force: true }));
let files = 0;

function encoded(name: string, idx: number, value: unknown): EncodedAttribute {
  const { json, key, date } = encodeValue(value, 'value');
  return { name, idx, json, key, date };
}

describe('splitForSet and setKey', () => {
  it('puts booleans and safe integers in the set, everything else in rows', () => {
    const all = [
      encoded('Fresh', 0, true),
      encoded('CryptographicLength', 0, 256),
      encoded('x-neg', 0, -7),
      encoded('x-real', 0, 1.5),
      encoded('x-big', 0, 10n),
      encoded('x-huge', 0, 2 ** 60),
      encoded('Name', 0, { type: 1, value: 'k' }),
      encoded('x-text', 0, '12'),
      encoded('InitialDate', 0, new Date(0)),
      encoded('x-null', 0, null),
    ];
    const { folded, rows } = splitForSet(all);
    assert.deepEqual(
      folded.map((a) => a.name),
      ['Fresh', 'CryptographicLength', 'x-neg'],
    );
    assert.equal(rows.length, all.length - 3);
  });

  it('names a combination the same whatever the order of its attributes', () => {
    const a = [encoded('Fresh', 0, true), encoded('Fresh', 1, false), encoded('A', 0, 3)];
    assert.equal(setKey(a), setKey([...a].reverse()));
    assert.notEqual(setKey(a), setKey([encoded('Fresh', 0, true), encoded('A', 0, 3)]));
  });
});

describe('AttributeSets', () => {
  function database(): DatabaseSync {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    return db;
  }

  it('reuses the set of an equal combination and has none for an empty one', () => {
    const db = database();
    const sets = new AttributeSets(db);
    const first = sets.idFor([encoded('Fresh', 0, true), encoded('A', 0, 3)]);
    assert.equal(typeof first, 'number');
    assert.equal(sets.idFor([encoded('A', 0, 3), encoded('Fresh', 0, true)]), first);
    assert.notEqual(sets.idFor([encoded('A', 0, 4)]), first);
    assert.equal(sets.idFor([]), null);
    const rows = db.prepare('SELECT name, idx, value_key FROM attribute_set_rows WHERE set_id = ?');
    assert.deepEqual(
      rows.all(first).map((r) => [r['name'], r['idx'], r['value_key']]),
      [
        ['A', 0, '3'],
        ['Fresh', 0, 'true'],
      ],
    );
  });

  it('adds no set past MAX_ATTRIBUTE_SETS but still finds the existing ones', () => {
    const db = database();
    const sets = new AttributeSets(db);
    db.exec('BEGIN');
    for (let i = 0; i < MAX_ATTRIBUTE_SETS; i++) {
      assert.notEqual(sets.idFor([encoded('x-n', 0, i)]), null);
    }
    assert.equal(sets.idFor([encoded('x-n', 0, -1)]), null);
    assert.equal(sets.idFor([encoded('x-n', 0, 5)]), 6);
    db.exec('COMMIT');
  });

  it('forgets a set whose insert was rolled back', () => {
    const db = database();
    const sets = new AttributeSets(db);
    db.exec('BEGIN');
    const gone = sets.idFor([encoded('Fresh', 0, true)]);
    db.exec('ROLLBACK');
    db.exec('BEGIN');
    assert.equal(db.prepare('SELECT count(*) AS n FROM attribute_sets').get()?.['n'], 0);
    assert.equal(sets.idFor([encoded('Fresh', 0, true)]), gone);
    assert.equal(db.prepare('SELECT count(*) AS n FROM attribute_sets').get()?.['n'], 1);
    db.exec('COMMIT');
  });
});

const NAMES = ['Fresh', 'CryptographicLength', 'x-a'];
const VALUES: unknown[] = [true, false, 0, 1, 3, 12, -5, 256, 1.5, 3n, 'x', 'xy', new Date(5000)];
const value = fc.constantFrom(...VALUES);
const attributeList = fc
  .uniqueArray(
    fc.record({ name: fc.constantFrom(...NAMES), index: fc.integer({ min: 0, max: 1 }), value }),
    { maxLength: 5, selector: (a) => `${a.name}/${a.index}` },
  )
  .map((list) => list as StoredAttribute[]);
const filter: fc.Arbitrary<AttributeFilter> = fc.oneof(
  fc.record({ name: fc.constantFrom(...NAMES), equals: value }),
  fc.record({ name: fc.constantFrom(...NAMES), exists: fc.constant(true as const) }),
  fc.record({ name: fc.constantFrom(...NAMES), absent: fc.constant(true as const) }),
  fc.record({ name: fc.constantFrom(...NAMES), allBits: fc.constantFrom(0, 1, 4, 8, 12) }),
  fc.record({ name: fc.constantFrom(...NAMES), startsWith: fc.constantFrom('', 'x', '1') }),
  fc.record({
    name: fc.constantFrom(...NAMES),
    between: fc.constant({ from: new Date(0), to: new Date(9000) }),
  }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), attributes: attributeList, owner: fc.boolean() }),
  fc.record({ op: fc.constant('update' as const), at: fc.nat(), attributes: attributeList }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
);

describe('find with attribute sets against a plain scan', () => {
  it('finds and counts exactly the objects whose attributes meet every filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(filter, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        async (steps, queries) => {
          const path = join(root, `p-${++files}.sqlite`);
          const store = await openSqliteStore({ path, masterKey: createAeadKey(randomBytes(32)) });
          try {
            await applySteps(store, steps);
            const objects = await readAll(store);
            for (const filters of queries) {
              for (const owner of [undefined, 'alice']) {
                const want = objects
                  .filter((o) => owner === undefined || o.owner === owner)
                  .filter((o) => filters.every((f) => holds(o.attributes, f)))
                  .map((o) => o.id);
                const query = { attributes: filters, ...(owner === undefined ? {} : { owner }) };
                assert.deepStrictEqual(await store.find(query), want);
                assert.equal(await store.count(query), want.length);
              }
            }
          } finally {
            await store.close();
            await rm(path, { force: true });
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

const live: string[] = [];

type Step =
  | { op: 'create'; attributes: StoredAttribute[]; owner: boolean }
  | { op: 'update'; at: number; attributes: StoredAttribute[] }
  | { op: 'delete'; at: number };

async function applySteps(store: ObjectStore, steps: readonly Step[]): Promise<void> {
  live.length = 0;
  for (const s of steps) {
    if (s.op === 'create') {
      const id = store.nextId();
      await store.create({
        id,
        objectType: 'SymmetricKey',
        state: 'PreActive',
        owner: s.owner ? 'alice' : 'bob',
        material: null,
        attributes: s.attributes,
      });
      live.push(id);
      continue;
    }
    const id = live[s.at % Math.max(live.length, 1)];
    if (id === undefined) continue;
    if (s.op === 'update') await store.update(id, { attributes: s.attributes });
    else {
      await store.delete(id);
      live.splice(live.indexOf(id), 1);
    }
  }
}

async function readAll(store: ObjectStore): Promise<StoredObjectMetadata[]> {
  const all: StoredObjectMetadata[] = [];
  for (const id of await store.find({})) all.push(await store.getMetadata(id));
  return all;
}
