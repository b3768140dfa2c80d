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
  type StoredAttribute,
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

const byNameAndIndex = (a: StoredAttribute, b: StoredAttribute): number =>
  a.name === b.name ? a.index - b.index : a.name < b.name ? -1 : 1;

function sortAttributes(object: StoredObject): StoredObject {
  // The object service hands attributes over sorted already (toStoredAttributes): check, then
  // copy and sort only when needed (issue #9).
  const given = object.attributes;
  for (let i = 1; i < given.length; i++) {
    if (byNameAndIndex(given[i - 1] as StoredAttribute, given[i] as StoredAttribute) > 0) {
      return { ...object, attributes: [...given].sort(byNameAndIndex) };
    }
  }
  return object;
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
  // Write side (issue #9): what `read` fetched from the store, so an update of an object the
  // operation has just read reuses its material instead of reading and decrypting it again
  // (see #refetch). Held only until commit or discard, like the overlay.
  readonly #fetched = new Map<string, StoredObject>();
  // Ids this session minted (random UUIDs): no stored object can have one, so creating one
  // skips the store look-up; the store's primary key still refuses a duplicate at commit.
  readonly #minted = new Set<string>();
  // Objects staged by an update of an object read without its material (and not setting
  // any): the material is the store's, read only if something in this session asks for it.
  readonly #materialUnread = new Set<string>();

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  /** True when writes are waiting for `commit`. */
  get hasWrites(): boolean {
    return this.#pending.length > 0;
  }

  nextId(): string {
    const id = this.#store.nextId();
    this.#minted.add(id);
    return id;
  }

  async read(id: string): Promise<StoredObject | undefined> {
    if (this.#overlay.has(id)) {
      const written = this.#overlay.get(id) ?? undefined;
      if (written === undefined || !this.#materialUnread.has(id)) return written;
      const stored = await readFromStore(this.#store, id);
      return { ...written, material: stored?.material ?? null };
    }
    const stored = await readFromStore(this.#store, id);
    if (stored !== undefined) this.#fetched.set(id, stored);
    return stored;
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
    if (this.#minted.has(id)) return false;
    if (this.#store.has !== undefined) return this.#store.has(id);
    return (await this.readMetadata(id)) !== undefined;
  }

  /**
   * `fetched` as the store has it now: its metadata read again (a concurrent change shows at
   * once, as Conflict), its material reused when the revision has not moved, so nothing is
   * decrypted twice.
   */
  async #refetch(fetched: StoredObject): Promise<StoredObject | undefined> {
    const now = await this.readMetadata(fetched.id);
    if (now === undefined || now.revision !== fetched.revision) return this.read(fetched.id);
    return { ...now, material: fetched.material };
  }

  async write(ops: readonly WriteOp[]): Promise<void> {
    // Apply to a scratch copy first so a failing op leaves the session unchanged (atomic).
    const staged = new Map<string, StoredObject | null>();
    // Staged objects whose material is the store's, not read (see #materialUnread).
    const unread = new Set<string>();
    const readStaged = async (id: string) => {
      if (staged.has(id)) return staged.get(id) ?? undefined;
      if (this.#overlay.has(id)) {
        if (this.#materialUnread.has(id)) unread.add(id);
        return this.#overlay.get(id) ?? undefined;
      }
      const fetched = this.#fetched.get(id);
      if (fetched !== undefined) return this.#refetch(fetched);
      // Not read in this session: an update keeps the store's material (or replaces it), so
      // only the metadata is needed now.
      const metadata = await this.readMetadata(id);
      if (metadata === undefined) return undefined;
      unread.add(id);
      return { ...metadata, material: null };
    };
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
        unread.delete(op.object.id);
      } else if (op.op === 'update') {
        const base = await readStaged(op.id);
        if (base === undefined) throw new StoreNotFoundError(op.id);
        if (op.patch.material !== undefined) unread.delete(op.id);
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
        unread.delete(op.id);
      }
    }
    for (const [id, object] of staged) {
      this.#overlay.set(id, object);
      if (unread.has(id)) this.#materialUnread.add(id);
      else this.#materialUnread.delete(id);
      // Taken now: a later create of it must look it up again.
      this.#minted.delete(id);
    }
    this.#pending.push(...ops);
  }

  /** Writes everything to the store in one atomic batch. @throws what `store.batch` throws */
  async commit(): Promise<void> {
    const ops = this.#pending.splice(0);
    this.#overlay.clear();
    this.#fetched.clear();
    this.#materialUnread.clear();
    if (ops.length > 0) await this.#store.batch(ops);
  }

  /** Forgets every write: the store never sees them. */
  discard(): void {
    this.#pending.length = 0;
    this.#overlay.clear();
    this.#fetched.clear();
    this.#materialUnread.clear();
  }
}
