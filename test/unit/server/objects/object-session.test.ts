import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeferredSession } from '../../../../src/server/objects/object-session.ts';
import type { NewStoredObject } from '../../../../src/store/index.ts';
import { openTestStore, type StoreFixture } from './store-fixture.ts';

function newObject(id: string): NewStoredObject {
  return {
    id,
    objectType: 'OpaqueObject',
    state: 'PreActive',
    owner: 'alice',
    material: new Uint8Array([1, 2, 3]),
    attributes: [
      { name: 'x-b', index: 0, value: 1 },
      { name: 'x-a', index: 0, value: 'v' },
    ],
  };
}

describe('DeferredSession', () => {
  let fixture: StoreFixture;
  before(async () => {
    fixture = await openTestStore();
  });
  after(() => fixture.close());

  it('reads its own writes and writes nothing to the store before commit', async () => {
    const session = new DeferredSession(fixture.store);
    const id = session.nextId();
    await session.write([{ op: 'create', object: newObject(id) }]);
    const read = await session.read(id);
    assert.equal(read?.revision, 1);
    assert.deepEqual(
      read?.attributes.map((a) => a.name),
      ['x-a', 'x-b'],
    );
    assert.equal(await new DeferredSession(fixture.store).read(id), undefined);
    await session.write([{ op: 'update', id, patch: { state: 'Active', expectedRevision: 1 } }]);
    assert.equal((await session.read(id))?.revision, 2);
    assert.equal(session.hasWrites, true);
    await session.commit();
    const stored = await fixture.store.get(id);
    assert.equal(stored.state, 'Active');
    assert.equal(stored.revision, 2);
  });

  it('drops everything on discard', async () => {
    const session = new DeferredSession(fixture.store);
    const id = session.nextId();
    await session.write([{ op: 'create', object: newObject(id) }]);
    session.discard();
    assert.equal(session.hasWrites, false);
    await session.commit();
    await assert.rejects(fixture.store.get(id), { code: 'KW_STORE_NOT_FOUND' });
  });

  it('checks revisions against what it read, and applies a failing write not at all', async () => {
    const id = fixture.store.nextId();
    await fixture.store.create(newObject(id));
    const session = new DeferredSession(fixture.store);
    const other = session.nextId();
    await assert.rejects(
      session.write([
        { op: 'create', object: newObject(other) },
        { op: 'update', id, patch: { state: 'Active', expectedRevision: 7 } },
      ]),
      { code: 'KW_STORE_CONFLICT', reason: 'revision' },
    );
    assert.equal(await session.read(other), undefined);
    await assert.rejects(session.write([{ op: 'create', object: newObject(id) }]), {
      code: 'KW_STORE_CONFLICT',
      reason: 'duplicate-id',
    });
    await assert.rejects(session.write([{ op: 'update', id: 'missing', patch: {} }]), {
      code: 'KW_STORE_NOT_FOUND',
    });
  });

  it('fails the commit when another writer got there first', async () => {
    const id = fixture.store.nextId();
    await fixture.store.create(newObject(id));
    const session = new DeferredSession(fixture.store);
    await session.write([{ op: 'update', id, patch: { state: 'Active', expectedRevision: 1 } }]);
    await fixture.store.update(id, { owner: 'bob' });
    await assert.rejects(session.commit(), { code: 'KW_STORE_CONFLICT' });
    assert.equal((await fixture.store.get(id)).state, 'PreActive');
  });

  it('deletes in the overlay', async () => {
    const id = fixture.store.nextId();
    await fixture.store.create(newObject(id));
    const session = new DeferredSession(fixture.store);
    await session.write([{ op: 'delete', id }]);
    assert.equal(await session.read(id), undefined);
    await session.commit();
    await assert.rejects(fixture.store.get(id), { code: 'KW_STORE_NOT_FOUND' });
  });

  it('refuses to create an id that is stored, staged in the session, or created twice in one write', async () => {
    const stored = fixture.store.nextId();
    await fixture.store.create(newObject(stored));
    const session = new DeferredSession(fixture.store);
    await assert.rejects(session.write([{ op: 'create', object: newObject(stored) }]), {
      code: 'KW_STORE_CONFLICT',
    });
    const id = session.nextId();
    await assert.rejects(
      session.write([
        { op: 'create', object: newObject(id) },
        { op: 'create', object: newObject(id) },
      ]),
      { code: 'KW_STORE_CONFLICT' },
    );
    await session.write([{ op: 'create', object: newObject(id) }]);
    await assert.rejects(session.write([{ op: 'create', object: newObject(id) }]), {
      code: 'KW_STORE_CONFLICT',
    });
    // Deleted in the session: the id is free again there.
    await session.write([{ op: 'delete', id: stored }]);
    await session.write([{ op: 'create', object: newObject(stored) }]);
    session.discard();
  });

  it('checks duplicates through getMetadata when the store has no `has`', async () => {
    const stored = fixture.store.nextId();
    await fixture.store.create(newObject(stored));
    const { has: _has, ...withoutHas } = Object.fromEntries(
      (
        [
          'nextId',
          'get',
          'getMetadata',
          'find',
          'batch',
          'create',
          'update',
          'delete',
          'count',
          'stats',
          'close',
        ] as const
      ).map((name) => [name, fixture.store[name].bind(fixture.store)]),
    ) as unknown as typeof fixture.store;
    const session = new DeferredSession(withoutHas);
    await assert.rejects(session.write([{ op: 'create', object: newObject(stored) }]), {
      code: 'KW_STORE_CONFLICT',
    });
    await session.write([{ op: 'create', object: newObject(session.nextId()) }]);
  });

  /** The fixture's store, counting the calls the session makes. */
  function countingStore(): { store: typeof fixture.store; calls: Record<string, number> } {
    const calls: Record<string, number> = { get: 0, getMetadata: 0, has: 0 };
    const store = new Proxy(fixture.store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (typeof name === 'string' && name in calls) calls[name] = (calls[name] ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { store, calls };
  }

  it('updates an object it read without reading its material again (issue #9)', async () => {
    const id = fixture.store.nextId();
    await fixture.store.create(newObject(id));
    const { store, calls } = countingStore();
    const session = new DeferredSession(store);
    const read = await session.read(id);
    assert.deepEqual(calls, { get: 1, getMetadata: 0, has: 0 });
    await session.write([{ op: 'update', id, patch: { state: 'Active', expectedRevision: 1 } }]);
    // The metadata is read again (a concurrent change shows at once); the material is not.
    assert.deepEqual(calls, { get: 1, getMetadata: 1, has: 0 });
    const staged = await session.read(id);
    assert.deepEqual(staged?.material, read?.material);
    assert.equal(staged?.state, 'Active');
    await session.commit();
    assert.equal((await fixture.store.get(id)).state, 'Active');
  });

  it('refuses an update when the object changed since it was read, before commit', async () => {
    const id = fixture.store.nextId();
    await fixture.store.create(newObject(id));
    const session = new DeferredSession(fixture.store);
    await session.read(id);
    await fixture.store.update(id, { owner: 'bob' });
    await assert.rejects(
      session.write([{ op: 'update', id, patch: { state: 'Active', expectedRevision: 1 } }]),
      { code: 'KW_STORE_CONFLICT', reason: 'revision' },
    );
    // A new read after discard sees the change.
    session.discard();
    assert.equal((await session.read(id))?.owner, 'bob');
  });

  it('creates an id it minted without asking the store, any other id after asking it', async () => {
    const { store, calls } = countingStore();
    const session = new DeferredSession(store);
    const minted = session.nextId();
    await session.write([{ op: 'create', object: newObject(minted) }]);
    assert.equal(calls['has'], 0);
    // Once created it is taken: creating it again is refused, in the session and after commit.
    await assert.rejects(session.write([{ op: 'create', object: newObject(minted) }]), {
      code: 'KW_STORE_CONFLICT',
      reason: 'duplicate-id',
    });
    await session.commit();
    await assert.rejects(session.write([{ op: 'create', object: newObject(minted) }]), {
      code: 'KW_STORE_CONFLICT',
      reason: 'duplicate-id',
    });
    assert.equal(calls['has'], 1);
    await session.write([{ op: 'create', object: newObject(fixture.store.nextId()) }]);
    assert.equal(calls['has'], 2);
    session.discard();
  });

  it('updates an object it did not read from its metadata, reading the material only when asked', async () => {
    const id = fixture.store.nextId();
    await fixture.store.create(newObject(id));
    const { store, calls } = countingStore();
    const session = new DeferredSession(store);
    await session.write([{ op: 'update', id, patch: { state: 'Active', expectedRevision: 1 } }]);
    await session.write([{ op: 'update', id, patch: { owner: 'carol', expectedRevision: 2 } }]);
    assert.deepEqual(calls, { get: 0, getMetadata: 1, has: 0 });
    // A later read in the session sees its own writes and the store's material.
    const read = await session.read(id);
    assert.equal(read?.state, 'Active');
    assert.equal(read?.owner, 'carol');
    assert.deepEqual(read?.material, new Uint8Array([1, 2, 3]));
    assert.equal((await session.readMetadata(id))?.revision, 3);
    await session.commit();
    const stored = await fixture.store.get(id);
    assert.deepEqual([stored.state, stored.owner, stored.revision], ['Active', 'carol', 3]);
    assert.deepEqual(stored.material, new Uint8Array([1, 2, 3]));
  });

  it("reads back the material an update set or erased, not the store's", async () => {
    const id = fixture.store.nextId();
    await fixture.store.create(newObject(id));
    const session = new DeferredSession(fixture.store);
    await session.write([{ op: 'update', id, patch: { material: null, expectedRevision: 1 } }]);
    assert.equal((await session.read(id))?.material, null);
    await session.write([{ op: 'update', id, patch: { material: new Uint8Array([9]) } }]);
    assert.deepEqual((await session.read(id))?.material, new Uint8Array([9]));
    session.discard();
    assert.deepEqual((await session.read(id))?.material, new Uint8Array([1, 2, 3]));
  });
});
