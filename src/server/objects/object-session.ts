/**
 * Where the object service reads and writes while a request runs. Writes are kept in memory
 * and read back by what runs later in the same session; `commit` sends them to the store in
 * one atomic batch, `discard` drops them. The pipeline opens one session per batch item
 * (each operation is atomic) or, for Batch Error Continuation Option Undo (KMIP 1.4 §6.13),
 * one for the whole batch, committed only when every item succeeded.
 */
import {
  StoreConflictError,
  StoreNotFoundError,
  type ObjectQuery,
  type ObjectStore,
  type StoredObject,
  type StoredObjectMetadata,
  type WriteOp,
} from '../../store/index.ts';

/** The store as one request message sees it. */
export interface ObjectSession {
  /** A fresh Unique Identifier. */
  nextId(): string;
  /** The object, or undefined when there is none. */
  read(id: string): Promise<StoredObject | undefined>;
  /** The object without its key material (nothing decrypted), or undefined when there is none. */
  readMetadata(id: string): Promise<StoredObjectMetadata | undefined>;
  /** Applies the writes atomically. @throws KW_STORE_CONFLICT, KW_STORE_NOT_FOUND */
  write(ops: readonly WriteOp[]): Promise<void>;
  /** Ids matching the query, from committed data only. */
  find(query: ObjectQuery): Promise<string[]>;
}

async function readFromStore(store: ObjectStore, id: string): Promise<StoredObject | undefined> {
  try {
    return await store.get(id);
  } catch (error) {
    if (error instanceof StoreNotFoundError) return undefined;
    throw error;
  }
}

function sortAttributes(object: StoredObject): StoredObject {
  const attributes = [...object.attributes].sort((a, b) =>
    a.name === b.name ? a.index - b.index : a.name < b.name ? -1 : 1,
  );
  return { ...object, attributes };
}

/**
 * A session whose writes stay in memory until `commit`. Reads see the session's own writes;
 * `find` sees only committed data (a Locate does not find objects created earlier in the
 * same Undo batch).
 */
export class DeferredSession implements ObjectSession {
  readonly #store: ObjectStore;
  readonly #overlay = new Map<string, StoredObject | null>();
  readonly #pending: WriteOp[] = [];

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  /** True when writes are waiting for `commit`. */
  get hasWrites(): boolean {
    return this.#pending.length > 0;
  }

  nextId(): string {
    return this.#store.nextId();
  }

  async read(id: string): Promise<StoredObject | undefined> {
    if (this.#overlay.has(id)) return this.#overlay.get(id) ?? undefined;
    return readFromStore(this.#store, id);
  }

  async readMetadata(id: string): Promise<StoredObjectMetadata | undefined> {
    if (this.#overlay.has(id)) {
      const written = this.#overlay.get(id);
      if (written === undefined || written === null) return undefined;
      const { material: _material, ...metadata } = written;
      return metadata;
    }
    try {
      return await this.#store.getMetadata(id);
    } catch (error) {
      if (error instanceof StoreNotFoundError) return undefined;
      throw error;
    }
  }

  find(query: ObjectQuery): Promise<string[]> {
    return this.#store.find(query);
  }

  /** Whether `id` is taken, as this session sees it; reads nothing and throws nothing. */
  async #exists(id: string, staged: ReadonlyMap<string, StoredObject | null>): Promise<boolean> {
    // null marks an object deleted in this session.
    if (staged.has(id)) return staged.get(id) !== null;
    if (this.#overlay.has(id)) return this.#overlay.get(id) !== null;
    if (this.#store.has !== undefined) return this.#store.has(id);
    return (await this.readMetadata(id)) !== undefined;
  }

  async write(ops: readonly WriteOp[]): Promise<void> {
    // Apply to a scratch copy first so a failing op leaves the session unchanged (atomic).
    const staged = new Map<string, StoredObject | null>();
    const readStaged = async (id: string) =>
      staged.has(id) ? (staged.get(id) ?? undefined) : this.read(id);
    const now = new Date();
    for (const op of ops) {
      if (op.op === 'create') {
        if (await this.#exists(op.object.id, staged)) {
          throw new StoreConflictError(op.object.id, 'duplicate-id');
        }
        const { createdAt, ...rest } = op.object;
        staged.set(
          op.object.id,
          sortAttributes({ ...rest, createdAt: createdAt ?? now, updatedAt: now, revision: 1 }),
        );
      } else if (op.op === 'update') {
        const base = await readStaged(op.id);
        if (base === undefined) throw new StoreNotFoundError(op.id);
        const { expectedRevision, ...patch } = op.patch;
        if (expectedRevision !== undefined && expectedRevision !== base.revision) {
          throw new StoreConflictError(op.id, 'revision');
        }
        staged.set(
          op.id,
          sortAttributes({ ...base, ...patch, updatedAt: now, revision: base.revision + 1 }),
        );
      } else {
        if ((await readStaged(op.id)) === undefined) throw new StoreNotFoundError(op.id);
        staged.set(op.id, null);
      }
    }
    for (const [id, object] of staged) this.#overlay.set(id, object);
    this.#pending.push(...ops);
  }

  /** Writes everything to the store in one atomic batch. @throws what `store.batch` throws */
  async commit(): Promise<void> {
    const ops = this.#pending.splice(0);
    this.#overlay.clear();
    if (ops.length > 0) await this.#store.batch(ops);
  }

  /** Forgets every write: the store never sees them. */
  discard(): void {
    this.#pending.length = 0;
    this.#overlay.clear();
  }
}
