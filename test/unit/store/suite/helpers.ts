import type { TestContext } from 'node:test';
import type { NewStoredObject, ObjectStore } from '../../../../src/store/index.ts';

/** One fresh, empty store, and a way to open the same data again after closing it. */
export interface StoreFixture {
  readonly store: ObjectStore;
  /** Opens the same database again; the test closes `store` first. */
  reopen(): Promise<ObjectStore>;
}

/** Makes a fresh store, closed when the test `t` ends. */
export type SetupStore = (t: TestContext) => Promise<StoreFixture>;

/** Wraps a backend's opener so every fixture is closed after its test. */
export function makeSetup(open: () => Promise<StoreFixture>): SetupStore {
  return async (t) => {
    const fixture = await open();
    t.after(() => fixture.store.close());
    return fixture;
  };
}

/** A valid new object with a fresh id; `over` replaces any field. */
export function newObject(
  store: ObjectStore,
  over: Partial<NewStoredObject> = {},
): NewStoredObject {
  return {
    id: store.nextId(),
    objectType: 'SymmetricKey',
    state: 'PreActive',
    owner: 'alice',
    material: new Uint8Array([1, 2, 3, 4]),
    attributes: [],
    ...over,
  };
}
