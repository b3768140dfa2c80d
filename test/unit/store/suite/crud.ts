import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NewStoredObject, StoredAttribute } from '../../../../src/store/index.ts';
import { newObject } from './helpers.ts';
import type { SetupStore } from './helpers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** create, get, update, delete and attribute round trips. */
export function describeCrud(setup: SetupStore): void {
  describe('create / get', () => {
    it('returns every field of a created object, attributes sorted by name then index', async (t) => {
      const { store } = await setup(t);
      const createdAt = new Date('2024-05-01T10:00:00.123Z');
      const obj = newObject(store, {
        createdAt,
        attributes: [
          { name: 'Name', index: 1, value: 'second' },
          { name: 'CryptographicLength', index: 0, value: 256 },
          { name: 'Name', index: 0, value: 'first' },
        ],
      });
      assert.deepEqual(await store.create(obj), { id: obj.id, revision: 1 });
      const got = await store.get(obj.id);
      assert.equal(got.id, obj.id);
      assert.equal(got.objectType, 'SymmetricKey');
      assert.equal(got.state, 'PreActive');
      assert.equal(got.owner, 'alice');
      assert.equal(got.revision, 1);
      assert.deepEqual(got.createdAt, createdAt);
      assert.ok(got.updatedAt.getTime() >= createdAt.getTime());
      assert.deepEqual(got.material, new Uint8Array([1, 2, 3, 4]));
      assert.deepEqual(got.attributes, [
        { name: 'CryptographicLength', index: 0, value: 256 },
        { name: 'Name', index: 0, value: 'first' },
        { name: 'Name', index: 1, value: 'second' },
      ]);
    });

    it('has tells stored ids from missing and deleted ones', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, {});
      assert.equal(await store.has?.(obj.id), false);
      await store.create(obj);
      assert.equal(await store.has?.(obj.id), true);
      await store.delete(obj.id);
      assert.equal(await store.has?.(obj.id), false);
    });

    it('getMetadata returns what get does without the material, and KW_STORE_NOT_FOUND for a missing id', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, { attributes: [{ name: 'Name', index: 0, value: 'meta' }] });
      await store.create(obj);
      const { material, ...metadata } = await store.get(obj.id);
      assert.deepEqual(material, obj.material);
      const got = await store.getMetadata(obj.id);
      assert.deepEqual(got, metadata);
      assert.equal('material' in got, false);
      await assert.rejects(store.getMetadata('no-such-id'), { code: 'KW_STORE_NOT_FOUND' });
    });

    it('stamps createdAt with the current time when none is given', async (t) => {
      const { store } = await setup(t);
      const before = Date.now();
      const obj = newObject(store);
      await store.create(obj);
      const got = await store.get(obj.id);
      assert.ok(got.createdAt.getTime() >= before && got.createdAt.getTime() <= Date.now());
    });

    it('hands out distinct random UUIDs from nextId', async (t) => {
      const { store } = await setup(t);
      const ids = new Set(Array.from({ length: 500 }, () => store.nextId()));
      assert.equal(ids.size, 500);
      for (const id of ids) assert.match(id, UUID);
    });

    it('stores an object without material as null', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, { objectType: 'Template', material: null });
      await store.create(obj);
      assert.equal((await store.get(obj.id)).material, null);
    });

    it('returns a copy of the material: changing it changes nothing stored', async (t) => {
      const { store } = await setup(t);
      const material = new Uint8Array([5, 6, 7]);
      const obj = newObject(store, { material });
      await store.create(obj);
      material.fill(0);
      const first = await store.get(obj.id);
      first.material?.fill(9);
      assert.deepEqual((await store.get(obj.id)).material, new Uint8Array([5, 6, 7]));
    });

    it('rejects a missing id with KW_STORE_NOT_FOUND carrying the id', async (t) => {
      const { store } = await setup(t);
      await assert.rejects(store.get('no-such-id'), {
        code: 'KW_STORE_NOT_FOUND',
        objectId: 'no-such-id',
      });
    });

    it('rejects a second create with the same id with KW_STORE_CONFLICT and keeps the first', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, { owner: 'first' });
      await store.create(obj);
      await assert.rejects(store.create({ ...obj, owner: 'second' }), {
        code: 'KW_STORE_CONFLICT',
        reason: 'duplicate-id',
        objectId: obj.id,
      });
      assert.equal((await store.get(obj.id)).owner, 'first');
    });

    it('rejects unstorable input with KW_STORE_VALUE and writes nothing', async (t) => {
      const { store } = await setup(t);
      const bad: [Partial<NewStoredObject>, string][] = [
        [{ id: '' }, 'object.id'],
        [{ state: 'Archived' as never }, 'object.state'],
        [{ objectType: '' }, 'object.objectType'],
        [{ material: [1, 2] as never }, 'object.material'],
        [{ createdAt: new Date(Number.NaN) }, 'object.createdAt'],
        [{ attributes: [{ name: '', index: 0, value: 1 }] }, 'object.attributes[0].name'],
        [{ attributes: [{ name: 'x', index: -1, value: 1 }] }, 'object.attributes[0].index'],
        [{ attributes: [{ name: 'x', index: 0, value: undefined }] }, 'object.attributes[0].value'],
        [
          {
            attributes: [
              { name: 'x', index: 0, value: 1 },
              { name: 'x', index: 0, value: 2 },
            ],
          },
          'object.attributes[1]',
        ],
      ];
      for (const [over, path] of bad) {
        await assert.rejects(store.create(newObject(store, over)), {
          code: 'KW_STORE_VALUE',
          path,
        });
      }
      assert.equal(await store.count({}), 0);
    });

    it('keeps objects across close and reopen', async (t) => {
      const { store, reopen } = await setup(t);
      const obj = newObject(store, { attributes: [{ name: 'x-k', index: 0, value: 7n }] });
      await store.create(obj);
      await store.close();
      const again = await reopen();
      t.after(() => again.close());
      const got = await again.get(obj.id);
      assert.deepEqual(got.material, obj.material);
      assert.deepEqual(got.attributes, obj.attributes);
    });
  });

  describe('attribute values', () => {
    it('round-trips every value kind exactly', async (t) => {
      const { store } = await setup(t);
      const values: unknown[] = [
        'text',
        '',
        'ünïcødé ✓ 🔑',
        0,
        -17,
        3.25,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        -0,
        2n ** 100n,
        -1n,
        true,
        false,
        null,
        new Date('1999-12-31T23:59:59.999Z'),
        new Uint8Array([0, 255, 128]),
        new Uint8Array(0),
        [1, 'two', [3n]],
        { nameValue: 'k1', nameType: 'UninterpretedTextString' },
        { $t: 'date', v: 'not a tag' },
        {
          link: { type: 'PublicKeyLink', id: 'abc' },
          when: new Date(0),
          raw: new Uint8Array([1]),
        },
      ];
      const attributes: StoredAttribute[] = values.map((value, index) => ({
        name: 'x-value',
        index,
        value,
      }));
      const obj = newObject(store, { attributes });
      await store.create(obj);
      assert.deepStrictEqual((await store.get(obj.id)).attributes, attributes);
    });
  });

  describe('update', () => {
    it('changes only the given fields and bumps revision and updatedAt', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, { attributes: [{ name: 'Name', index: 0, value: 'k' }] });
      await store.create(obj);
      const before = await store.get(obj.id);
      assert.deepEqual(await store.update(obj.id, { state: 'Active' }), {
        id: obj.id,
        revision: 2,
      });
      const after = await store.get(obj.id);
      assert.equal(after.state, 'Active');
      assert.equal(after.revision, 2);
      assert.equal(after.owner, before.owner);
      assert.deepEqual(after.material, before.material);
      assert.deepEqual(after.attributes, before.attributes);
      assert.deepEqual(after.createdAt, before.createdAt);
      assert.ok(after.updatedAt.getTime() >= before.updatedAt.getTime());
    });

    it('replaces owner, material and the whole attribute list', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, {
        attributes: [
          { name: 'Name', index: 0, value: 'old' },
          { name: 'x-gone', index: 0, value: 1 },
        ],
      });
      await store.create(obj);
      await store.update(obj.id, {
        owner: 'bob',
        material: new Uint8Array([9, 9]),
        attributes: [{ name: 'Name', index: 0, value: 'new' }],
      });
      const got = await store.get(obj.id);
      assert.equal(got.owner, 'bob');
      assert.deepEqual(got.material, new Uint8Array([9, 9]));
      assert.deepEqual(got.attributes, [{ name: 'Name', index: 0, value: 'new' }]);
      assert.deepEqual(await store.find({ attributes: [{ name: 'x-gone', exists: true }] }), []);
      assert.deepEqual(await store.find({ attributes: [{ name: 'Name', equals: 'old' }] }), []);
      assert.deepEqual(await store.find({ attributes: [{ name: 'Name', equals: 'new' }] }), [
        obj.id,
      ]);
    });

    it('updates only the attribute rows that differ, and finds by every new value (property)', async (t) => {
      const { store } = await setup(t);
      const names = ['Name', 'ObjectGroup', 'ActivationDate', 'x-n'] as const;
      const attribute = fc
        .tuple(
          fc.constantFrom(...names),
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 3 }),
        )
        .map(([name, index, v]): StoredAttribute => ({
          name,
          index,
          value:
            name === 'ActivationDate'
              ? new Date(1_700_000_000_000 + v * 1000)
              : name === 'x-n'
                ? v
                : `v${v}`,
        }));
      const list = fc
        .uniqueArray(attribute, { selector: (a) => `${a.name}/${a.index}`, maxLength: 8 })
        .map((attributes) =>
          [...attributes].sort((a, b) =>
            a.name === b.name ? a.index - b.index : a.name < b.name ? -1 : 1,
          ),
        );
      await fc.assert(
        fc.asyncProperty(
          list,
          fc.array(list, { minLength: 1, maxLength: 3 }),
          async (first, updates) => {
            const obj = newObject(store, { attributes: first });
            await store.create(obj);
            for (const attributes of updates) {
              await store.update(obj.id, { attributes });
              assert.deepEqual((await store.get(obj.id)).attributes, attributes);
              for (const a of attributes) {
                const found = await store.find({ attributes: [{ name: a.name, equals: a.value }] });
                assert.ok(found.includes(obj.id), `${a.name} ${String(a.value)}`);
              }
              for (const name of names) {
                const found = await store.find({ attributes: [{ name, exists: true }] });
                assert.equal(
                  found.includes(obj.id),
                  attributes.some((a) => a.name === name),
                  name,
                );
              }
            }
          },
        ),
        { numRuns: 25 },
      );
    });

    it('rejects an attribute list naming one (name, index) twice and keeps the stored one', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, { attributes: [{ name: 'Name', index: 0, value: 'a' }] });
      await store.create(obj);
      await assert.rejects(
        store.update(obj.id, {
          attributes: [
            { name: 'Name', index: 0, value: 'b' },
            { name: 'Name', index: 0, value: 'c' },
          ],
        }),
      );
      assert.deepEqual((await store.get(obj.id)).attributes, [
        { name: 'Name', index: 0, value: 'a' },
      ]);
    });

    it('erases material when given null (Destroy)', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store);
      await store.create(obj);
      await store.update(obj.id, { state: 'Destroyed', material: null });
      const got = await store.get(obj.id);
      assert.equal(got.material, null);
      assert.equal(got.state, 'Destroyed');
    });

    it('applies expectedRevision as compare-and-set, else KW_STORE_CONFLICT', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store);
      await store.create(obj);
      await store.update(obj.id, { state: 'Active', expectedRevision: 1 });
      await assert.rejects(store.update(obj.id, { state: 'Deactivated', expectedRevision: 1 }), {
        code: 'KW_STORE_CONFLICT',
        reason: 'revision',
        objectId: obj.id,
      });
      assert.equal((await store.get(obj.id)).state, 'Active');
    });

    it('rejects a missing id with KW_STORE_NOT_FOUND and a bad patch with KW_STORE_VALUE', async (t) => {
      const { store } = await setup(t);
      await assert.rejects(store.update('missing', { state: 'Active' }), {
        code: 'KW_STORE_NOT_FOUND',
      });
      const obj = newObject(store);
      await store.create(obj);
      await assert.rejects(store.update(obj.id, { state: 'Gone' as never }), {
        code: 'KW_STORE_VALUE',
        path: 'patch.state',
      });
      await assert.rejects(store.update(obj.id, { expectedRevision: 0 }), {
        code: 'KW_STORE_VALUE',
        path: 'patch.expectedRevision',
      });
    });
  });

  describe('delete', () => {
    it('removes the object and its attributes', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store, { attributes: [{ name: 'Name', index: 0, value: 'k' }] });
      await store.create(obj);
      await store.delete(obj.id);
      await assert.rejects(store.get(obj.id), { code: 'KW_STORE_NOT_FOUND' });
      assert.deepEqual(await store.find({ attributes: [{ name: 'Name', exists: true }] }), []);
      await assert.rejects(store.delete(obj.id), { code: 'KW_STORE_NOT_FOUND' });
    });
  });
}
