/** KMIP object states (KMIP 1.4 §3.22, 2.1 §4.57), spelt as the registry's normalized names. */
export const OBJECT_STATES = [
  'PreActive',
  'Active',
  'Deactivated',
  'Compromised',
  'Destroyed',
  'DestroyedCompromised',
] as const;

/** One of the six KMIP object states. */
export type ObjectState = (typeof OBJECT_STATES)[number];

/**
 * One attribute instance. `value` is any JSON-able value, plus `bigint`, `Date` and
 * `Uint8Array` anywhere inside it; they round-trip exactly (bytes come back as a plain
 * `Uint8Array`, never a `Buffer`). Strings, numbers and bigints are distinct: `256` does not
 * equal `256n` in a query.
 */
export interface StoredAttribute {
  /** Normalized KMIP name (`CryptographicAlgorithm`) or a custom name (`x-foo`). */
  readonly name: string;
  /** Attribute Index (KMIP 1.x) among instances of the same name, from 0. */
  readonly index: number;
  readonly value: unknown;
}

/** A managed object as the store keeps it. */
export interface StoredObject {
  /** KMIP Unique Identifier. */
  readonly id: string;
  /** Normalized KMIP Object Type, e.g. `SymmetricKey`. */
  readonly objectType: string;
  readonly state: ObjectState;
  /** Identity of the client that created or registered the object. */
  readonly owner: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Starts at 1, +1 on every update; pass it back as `expectedRevision` for compare-and-set. */
  readonly revision: number;
  /** Encoded key material (secret, encrypted at rest); `null` once destroyed. */
  readonly material: Uint8Array | null;
  /** Sorted by name, then index. */
  readonly attributes: readonly StoredAttribute[];
}

/** A stored object without its key material (`ObjectStore.getMetadata`). */
export type StoredObjectMetadata = Omit<StoredObject, 'material'>;

/** What `create` takes: the store sets `updatedAt` and `revision`. */
export interface NewStoredObject {
  readonly id: string;
  readonly objectType: string;
  readonly state: ObjectState;
  readonly owner: string;
  readonly material: Uint8Array | null;
  readonly attributes: readonly StoredAttribute[];
  /** Defaults to now. */
  readonly createdAt?: Date;
}

/** Changes to one object; fields left out stay as they are. */
export interface ObjectPatch {
  readonly state?: ObjectState;
  readonly owner?: string;
  /** New material, or `null` to erase it (Destroy). */
  readonly material?: Uint8Array | null;
  /** Replaces the whole attribute list. */
  readonly attributes?: readonly StoredAttribute[];
  /** Fail with KW_STORE_CONFLICT unless the object is still at this revision. */
  readonly expectedRevision?: number;
}

/** One write inside an atomic `batch`. */
export type WriteOp =
  | { readonly op: 'create'; readonly object: NewStoredObject }
  | { readonly op: 'update'; readonly id: string; readonly patch: ObjectPatch }
  | { readonly op: 'delete'; readonly id: string };

/** What a write reports back. */
export interface WriteResult {
  readonly id: string;
  /** Revision after the write (0 for a delete). */
  readonly revision: number;
}

/** Inclusive date range; either end may be left open. */
export interface DateRange {
  readonly from?: Date;
  readonly to?: Date;
}

/**
 * A condition on attribute instances; an object matches if any instance of `name` does,
 * except `absent`, which matches objects with no instance of `name`.
 */
export type AttributeFilter =
  | { readonly name: string; readonly equals: unknown }
  | { readonly name: string; readonly startsWith: string }
  | { readonly name: string; readonly between: DateRange }
  | { readonly name: string; readonly exists: true }
  | { readonly name: string; readonly absent: true }
  /** An integer value (a `number`) with every bit of `allBits` set, e.g. a usage mask. */
  | { readonly name: string; readonly allBits: number };

/** Filters for `find` and `count`; all given conditions must hold. */
export interface ObjectQuery {
  readonly objectType?: string | readonly string[];
  readonly state?: ObjectState | readonly ObjectState[];
  readonly owner?: string;
  readonly attributes?: readonly AttributeFilter[];
  readonly createdAt?: DateRange;
  readonly updatedAt?: DateRange;
  /** Oldest first by default (creation time, then insertion order). */
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

/** Counters that show how writes were grouped into commits. */
export interface StoreStats {
  /** Transactions committed (each one fsync with `durability: 'full'`). */
  readonly commits: number;
  /** Writes (single writes or whole batches) that were committed. */
  readonly writes: number;
  /** Writes that failed and were rolled back alone. */
  readonly failedWrites: number;
  /** The most writes ever committed in one transaction. */
  readonly largestGroup: number;
  /**
   * Units (requests) whose transaction committed before they finished, so their audit
   * record needed a commit of its own (`maxWaitMs`).
   */
  readonly splitUnits?: number;
  /**
   * Time spent in COMMIT on the event loop (node:sqlite is synchronous), ms: with
   * `durability: 'full'` it includes the fsync.
   */
  readonly commitMs?: number;
  /** With deferred fsync: fsyncs of the WAL that finished (one covers every COMMIT before it). */
  readonly syncs?: number;
  /** With deferred fsync: time from starting an fsync to its end (off the event loop), ms. */
  readonly syncMs?: number;
}
