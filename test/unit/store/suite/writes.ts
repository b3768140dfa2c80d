import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newObject } from './helpers.ts';
import type { SetupStore } from './helpers.ts';

/** Atomic batches, group commit and close. */
export function describeWrites(setup: SetupStore): void {
  describe('batch', () => {
    it('applies creates, updates and deletes together, returning results in order', async (t) => {
      const { store } = await setup(t);
      const old = newObject(store);
      const keep = newObject(store);
      await store.create(old);
      await store.create(keep);
      const privateId = store.nextId();
      const publicId = store.nextId();
      const results = await store.batch([
        {
          op: 'create',
          object: newObject(store, {
            id: privateId,
            objectType: 'PrivateKey',
            attributes: [
              { name: 'Link', index: 0, value: { type: 'PublicKeyLink', id: publicId } },
            ],
          }),
        },
        {
          op: 'create',
          object: newObject(store, {
            id: publicId,
            objectType: 'PublicKey',
            attributes: [
              { name: 'Link', index: 0, value: { type: 'PrivateKeyLink', id: privateId } },
            ],
          }),
        },
        { op: 'update', id: keep.id, patch: { state: 'Active' } },
        { op: 'delete', id: old.id },
      ]);
      assert.deepEqual(results, [
        { id: privateId, revision: 1 },
        { id: publicId, revision: 1 },
        { id: keep.id, revision: 2 },
        { id: old.id, revision: 0 },
      ]);
      assert.equal((await store.get(keep.id)).state, 'Active');
      await assert.rejects(store.get(old.id), { code: 'KW_STORE_NOT_FOUND' });
      assert.deepEqual(
        await store.find({
          attributes: [{ name: 'Link', equals: { type: 'PrivateKeyLink', id: privateId } }],
        }),
        [publicId],
      );
    });

    it('applies nothing when one write fails, and rejects with that write’s error', async (t) => {
      const { store } = await setup(t);
      const existing = newObject(store);
      await store.create(existing);
      const fresh = newObject(store);
      await assert.rejects(
        store.batch([
          { op: 'create', object: fresh },
          { op: 'update', id: existing.id, patch: { state: 'Active' } },
          { op: 'delete', id: 'missing' },
        ]),
        { code: 'KW_STORE_NOT_FOUND', objectId: 'missing' },
      );
      await assert.rejects(store.get(fresh.id), { code: 'KW_STORE_NOT_FOUND' });
      const got = await store.get(existing.id);
      assert.equal(got.state, 'PreActive');
      assert.equal(got.revision, 1);
    });

    it('sees its own earlier writes (create then update in one batch)', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store);
      await store.batch([
        { op: 'create', object: obj },
        { op: 'update', id: obj.id, patch: { state: 'Active', expectedRevision: 1 } },
      ]);
      const got = await store.get(obj.id);
      assert.equal(got.state, 'Active');
      assert.equal(got.revision, 2);
    });

    it('rejects an invalid op with KW_STORE_VALUE naming it, before writing anything', async (t) => {
      const { store } = await setup(t);
      const obj = newObject(store);
      await assert.rejects(
        store.batch([
          { op: 'create', object: obj },
          { op: 'update', id: obj.id, patch: { state: 'Nope' as never } },
        ]),
        { code: 'KW_STORE_VALUE', path: 'ops[1].patch.state' },
      );
      await assert.rejects(store.batch([{ op: 'update', id: '', patch: {} }]), {
        code: 'KW_STORE_VALUE',
        path: 'ops[0].id',
      });
      await assert.rejects(store.batch([{ op: 'upsert' } as never]), {
        code: 'KW_STORE_VALUE',
        path: 'ops[0].op',
      });
      assert.equal(await store.count({}), 0);
    });
  });

  describe('group commit', () => {
    it('stores every one of many concurrent creates, in fewer commits than writes', async (t) => {
      const { store } = await setup(t);
      const before = store.stats();
      const objects = Array.from({ length: 300 }, () => newObject(store));
      const results = await Promise.all(objects.map((o) => store.create(o)));
      assert.equal(results.length, 300);
      const after = store.stats();
      assert.equal(after.writes - before.writes, 300);
      assert.ok(after.commits - before.commits < 10, `${after.commits - before.commits} commits`);
      assert.ok(after.largestGroup > 1);
      assert.equal(await store.count({}), 300);
      for (const o of objects) assert.equal((await store.get(o.id)).id, o.id);
    });

    it('rejects only the failing write of a group; the others commit', async (t) => {
      const { store } = await setup(t);
      const taken = newObject(store);
      await store.create(taken);
      const before = store.stats();
      const good = [newObject(store), newObject(store)];
      const outcomes = await Promise.allSettled([
        store.create(good[0]!),
        store.create({ ...taken, owner: 'intruder' }),
        store.update('missing', { state: 'Active' }),
        store.create(good[1]!),
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
      );
      assert.equal((outcomes[1] as PromiseRejectedResult).reason.code, 'KW_STORE_CONFLICT');
      assert.equal((outcomes[2] as PromiseRejectedResult).reason.code, 'KW_STORE_NOT_FOUND');
      const after = store.stats();
      assert.equal(after.commits - before.commits, 1);
      assert.equal(after.failedWrites - before.failedWrites, 2);
      for (const o of good) assert.equal((await store.get(o.id)).id, o.id);
      assert.equal((await store.get(taken.id)).owner, 'alice');
    });
  });

  describe('close', () => {
    it('finishes writes queued before close, then refuses everything with KW_STORE_CLOSED', async (t) => {
      const { store, reopen } = await setup(t);
      const obj = newObject(store);
      const pending = store.create(obj);
      const closing = store.close();
      await pending;
      await closing;
      await store.close();
      await assert.rejects(store.get(obj.id), { code: 'KW_STORE_CLOSED' });
      await assert.rejects(store.create({ ...obj, id: 'another' }), { code: 'KW_STORE_CLOSED' });
      await assert.rejects(store.update(obj.id, {}), { code: 'KW_STORE_CLOSED' });
      await assert.rejects(store.delete(obj.id), { code: 'KW_STORE_CLOSED' });
      await assert.rejects(store.find({}), { code: 'KW_STORE_CLOSED' });
      await assert.rejects(store.count({}), { code: 'KW_STORE_CLOSED' });
      await assert.rejects(store.batch([]), { code: 'KW_STORE_CLOSED' });
      assert.throws(() => store.nextId(), { code: 'KW_STORE_CLOSED' });
      const again = await reopen();
      t.after(() => again.close());
      assert.equal((await again.get(obj.id)).id, obj.id);
    });
  });
}
