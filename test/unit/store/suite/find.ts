import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewStoredObject, ObjectQuery, ObjectStore } from '../../../../src/store/index.ts';
import { newObject } from './helpers.ts';
import type { SetupStore } from './helpers.ts';

/** find and count: filters, ordering, paging, bad queries. */
export function describeFind(setup: SetupStore): void {
  describe('find / count', () => {
    /** Three owners, two types, assorted states and attributes, created in this order. */
    async function seed(store: ObjectStore): Promise<string[]> {
      const t0 = Date.parse('2024-01-01T00:00:00Z');
      const specs: Partial<NewStoredObject>[] = [
        {
          owner: 'alice',
          state: 'Active',
          attributes: [
            { name: 'Name', index: 0, value: 'prod/db-key' },
            { name: 'CryptographicLength', index: 0, value: 256 },
            { name: 'ActivationDate', index: 0, value: new Date(t0 + 1000) },
          ],
        },
        {
          owner: 'alice',
          state: 'PreActive',
          attributes: [
            { name: 'Name', index: 0, value: 'prod/web-key' },
            { name: 'Name', index: 1, value: 'alias*[x]?' },
            { name: 'CryptographicLength', index: 0, value: 128 },
          ],
        },
        {
          owner: 'bob',
          objectType: 'PrivateKey',
          state: 'Active',
          attributes: [
            { name: 'Name', index: 0, value: 'test/ключ' },
            { name: 'CryptographicLength', index: 0, value: 256n },
            { name: 'ActivationDate', index: 0, value: new Date(t0 + 2000) },
            { name: 'x-meta', index: 0, value: { b: 2, a: [1, 'x'] } },
          ],
        },
        {
          owner: 'carol',
          objectType: 'PrivateKey',
          state: 'Destroyed',
          material: null,
          attributes: [{ name: 'ActivationDate', index: 0, value: new Date(t0 + 3000) }],
        },
      ];
      const ids: string[] = [];
      for (const [i, spec] of specs.entries()) {
        const obj = newObject(store, { createdAt: new Date(t0 + i * 60_000), ...spec });
        await store.create(obj);
        ids.push(obj.id);
      }
      return ids;
    }

    it('filters by object type, state(s) and owner, in creation order', async (t) => {
      const { store } = await setup(t);
      const [a, b, c, d] = await seed(store);
      const cases: [ObjectQuery, (string | undefined)[]][] = [
        [{}, [a, b, c, d]],
        [{ objectType: 'SymmetricKey' }, [a, b]],
        [{ objectType: ['PrivateKey', 'Certificate'] }, [c, d]],
        [{ objectType: [] }, []],
        [{ state: 'Active' }, [a, c]],
        [{ state: ['PreActive', 'Destroyed'] }, [b, d]],
        [{ owner: 'alice' }, [a, b]],
        [{ owner: 'nobody' }, []],
        [{ owner: 'bob', state: 'Active', objectType: 'PrivateKey' }, [c]],
        [{ owner: 'alice', objectType: 'PrivateKey' }, []],
      ];
      for (const [query, expected] of cases) {
        assert.deepEqual(await store.find(query), expected, JSON.stringify(query));
        assert.equal(await store.count(query), expected.length, JSON.stringify(query));
      }
    });

    it('matches attribute equality on any instance, by kind: 256 is not 256n', async (t) => {
      const { store } = await setup(t);
      const [a, b, c, d] = await seed(store);
      const cases: [ObjectQuery, (string | undefined)[]][] = [
        [{ attributes: [{ name: 'Name', equals: 'prod/db-key' }] }, [a]],
        [{ attributes: [{ name: 'Name', equals: 'alias*[x]?' }] }, [b]],
        [{ attributes: [{ name: 'CryptographicLength', equals: 256 }] }, [a]],
        [{ attributes: [{ name: 'CryptographicLength', equals: 256n }] }, [c]],
        [{ attributes: [{ name: 'x-meta', equals: { a: [1, 'x'], b: 2 } }] }, [c]],
        [{ attributes: [{ name: 'x-meta', equals: { a: [1, 'x'] } }] }, []],
        [{ attributes: [{ name: 'Name', equals: 'PROD/DB-KEY' }] }, []],
        [{ attributes: [{ name: 'Other', equals: 'prod/db-key' }] }, []],
        [{ attributes: [{ name: 'ActivationDate', exists: true }] }, [a, c, d]],
      ];
      for (const [i, [query, expected]] of cases.entries()) {
        assert.deepEqual(await store.find(query), expected, `case ${i}`);
      }
    });

    it('matches integers with every bit of allBits set, never other kinds', async (t) => {
      const { store } = await setup(t);
      const masks: unknown[] = [0b1100, 0b0100, 0b1111, 12n, '12', -2147483648];
      const ids: string[] = [];
      for (const value of masks) {
        const obj = newObject(store, {
          attributes: [{ name: 'CryptographicUsageMask', index: 0, value }],
        });
        await store.create(obj);
        ids.push(obj.id);
      }
      await store.create(newObject(store));
      const find = (allBits: number): Promise<string[]> =>
        store.find({ attributes: [{ name: 'CryptographicUsageMask', allBits }] });
      assert.deepEqual(await find(0b1100), [ids[0], ids[2]]);
      assert.deepEqual(await find(0b0100), [ids[0], ids[1], ids[2]]);
      assert.deepEqual(await find(0b10000), []);
      // Zero asks for no bit: every integer instance matches, objects without one do not.
      assert.deepEqual(await find(0), [ids[0], ids[1], ids[2], ids[5]]);
      assert.deepEqual(await find(-2147483648), [ids[5]]);
      assert.equal(
        await store.count({ attributes: [{ name: 'CryptographicUsageMask', allBits: 4 }] }),
        3,
      );
    });

    it('matches objects that have no instance of an absent attribute', async (t) => {
      const { store } = await setup(t);
      const [a, b, c, d] = await seed(store);
      const absent = (name: string): ObjectQuery => ({ attributes: [{ name, absent: true }] });
      assert.deepEqual(await store.find(absent('ActivationDate')), [b]);
      assert.deepEqual(await store.find(absent('Nothing')), [a, b, c, d]);
      assert.deepEqual(await store.find({ ...absent('x-meta'), state: 'Active' }), [a]);
      assert.deepEqual(
        await store.find({
          attributes: [
            { name: 'Name', startsWith: 'prod/' },
            { name: 'ActivationDate', absent: true },
          ],
        }),
        [b],
      );
      assert.equal(await store.count(absent('ActivationDate')), 1);
    });

    it('matches string prefixes case-sensitively, treating * ? [ literally', async (t) => {
      const { store } = await setup(t);
      const [a, b, c] = await seed(store);
      const find = (prefix: string): Promise<string[]> =>
        store.find({ attributes: [{ name: 'Name', startsWith: prefix }] });
      assert.deepEqual(await find('prod/'), [a, b]);
      assert.deepEqual(await find('prod/d'), [a]);
      assert.deepEqual(await find('PROD/'), []);
      assert.deepEqual(await find('alias*['), [b]);
      assert.deepEqual(await find('alias?'), []);
      assert.deepEqual(await find('test/клю'), [c]);
      assert.deepEqual(await find(''), [a, b, c]);
      assert.deepEqual(await find('prod/db-key!'), []);
    });

    it('matches dates in inclusive ranges, on attributes and on createdAt', async (t) => {
      const { store } = await setup(t);
      const [a, b, c, d] = await seed(store);
      const t0 = Date.parse('2024-01-01T00:00:00Z');
      const on = (from?: number, to?: number): ObjectQuery => ({
        attributes: [
          {
            name: 'ActivationDate',
            between: {
              ...(from === undefined ? {} : { from: new Date(from) }),
              ...(to === undefined ? {} : { to: new Date(to) }),
            },
          },
        ],
      });
      assert.deepEqual(await store.find(on(t0 + 1000, t0 + 2000)), [a, c]);
      assert.deepEqual(await store.find(on(t0 + 1001, t0 + 2999)), [c]);
      assert.deepEqual(await store.find(on(t0 + 2000)), [c, d]);
      assert.deepEqual(await store.find(on(undefined, t0 + 1000)), [a]);
      assert.deepEqual(await store.find(on()), [a, c, d]);
      assert.deepEqual(
        await store.find({
          createdAt: { from: new Date(t0 + 60_000), to: new Date(t0 + 120_000) },
        }),
        [b, c],
      );
      assert.deepEqual(await store.find({ createdAt: { to: new Date(t0) } }), [a]);
    });

    it('requires every filter to hold (AND), whichever is the most selective', async (t) => {
      const { store } = await setup(t);
      const [a, , c] = await seed(store);
      assert.deepEqual(
        await store.find({
          state: 'Active',
          attributes: [
            { name: 'ActivationDate', exists: true },
            { name: 'Name', startsWith: 'prod/' },
          ],
        }),
        [a],
      );
      assert.deepEqual(
        await store.find({
          owner: 'bob',
          attributes: [
            { name: 'CryptographicLength', equals: 256n },
            { name: 'x-meta', exists: true },
          ],
        }),
        [c],
      );
      assert.deepEqual(
        await store.find({
          attributes: [
            { name: 'CryptographicLength', equals: 256 },
            { name: 'Name', equals: 'test/ключ' },
          ],
        }),
        [],
      );
    });

    it('pages with limit and offset, oldest first or newest first', async (t) => {
      const { store } = await setup(t);
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        const obj = newObject(store);
        await store.create(obj);
        ids.push(obj.id);
      }
      const pages: string[] = [];
      for (let offset = 0; offset < 30; offset += 10) {
        pages.push(...(await store.find({ limit: 10, offset })));
      }
      assert.deepEqual(pages, ids);
      assert.deepEqual(await store.find({ order: 'desc', limit: 3 }), ids.slice(-3).reverse());
      assert.deepEqual(await store.find({ offset: 20 }), ids.slice(20));
      assert.deepEqual(await store.find({ limit: 0 }), []);
      assert.equal(await store.count({ limit: 1, offset: 5 }), 25);
    });

    it('rejects a malformed query with KW_STORE_VALUE', async (t) => {
      const { store } = await setup(t);
      const bad: [ObjectQuery, string][] = [
        [{ limit: -1 }, 'query.limit'],
        [{ offset: 1.5 }, 'query.offset'],
        [{ state: 'Gone' as never }, 'query.state'],
        [{ order: 'up' as never }, 'query.order'],
        [{ owner: 5 as never }, 'query.owner'],
        [{ createdAt: { from: new Date(Number.NaN) } }, 'query.createdAt.from'],
        [{ attributes: [{ name: 'x' } as never] }, 'query.attributes[0]'],
        [{ attributes: [{ name: 'x', equals: 1, exists: true } as never] }, 'query.attributes[0]'],
        [{ attributes: [{ name: 'x', equals: undefined }] }, 'query.attributes[0].equals'],
        [{ attributes: [{ name: 'x', startsWith: 5 as never }] }, 'query.attributes[0].startsWith'],
        [{ attributes: [{ name: 'x', absent: false as never }] }, 'query.attributes[0].absent'],
        [{ attributes: [{ name: 'x', allBits: 1.5 }] }, 'query.attributes[0].allBits'],
        [{ attributes: [{ name: 'x', allBits: 2 ** 60 }] }, 'query.attributes[0].allBits'],
      ];
      for (const [query, path] of bad) {
        await assert.rejects(store.find(query), { code: 'KW_STORE_VALUE', path });
      }
      await assert.rejects(store.count({ state: 'Gone' as never }), { code: 'KW_STORE_VALUE' });
    });
  });
}
