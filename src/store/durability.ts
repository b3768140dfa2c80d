/**
 * Deferred fsync (issue #9): with `PRAGMA synchronous = NORMAL` a WAL COMMIT only appends
 * frames to the page cache, so the fsync that makes them durable runs afterwards on the libuv
 * threadpool while the event loop goes on (the next transaction can begin). This tracker
 * numbers the COMMITs, runs at most one fsync at a time, and lets callers wait until the
 * COMMITs before them are covered by a finished fsync: nothing is acknowledged earlier.
 */
import { StoreWriteError } from './errors.ts';

/**
 * Makes every COMMIT that returned before the call durable (an fdatasync of the WAL file);
 * rejects if it cannot say so.
 */
export type SyncWal = () => Promise<void>;

interface Waiter {
  /** The last COMMIT before the wait began: it must be durable first. */
  readonly seq: number;
  readonly done: () => void;
  readonly fail: (error: StoreWriteError) => void;
}

/** Sequence numbers of COMMITs and of the last one a finished fsync covered. */
export class DurabilityTracker {
  readonly #sync: SyncWal;
  readonly #onFailure: (error: StoreWriteError) => void;
  #committed = 0;
  #durable = 0;
  #isSyncing = false;
  /** In COMMIT order, so `seq` never decreases along the array. */
  #waiters: Waiter[] = [];
  #idle: (() => void)[] = [];
  /** Set once an fsync failed; sticky, see {@link #failed}. */
  failure: StoreWriteError | undefined;
  syncs = 0;
  syncMs = 0;

  constructor(sync: SyncWal, onFailure: (error: StoreWriteError) => void) {
    this.#sync = sync;
    this.#onFailure = onFailure;
  }

  /** Records a COMMIT that returned, and starts an fsync for it unless one runs already. */
  committed(): void {
    this.#committed++;
    this.#start();
  }

  /** Calls `done` once every COMMIT so far is durable, or `fail` if an fsync failed. */
  afterDurable(done: () => void, fail: (error: StoreWriteError) => void): void {
    if (this.failure !== undefined) return fail(this.failure);
    if (this.#durable >= this.#committed) return done();
    this.#waiters.push({ seq: this.#committed, done, fail });
  }

  /** Resolves once no fsync runs and every COMMIT is durable (or an fsync failed). */
  settled(): Promise<void> {
    if (!this.#isSyncing) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #start(): void {
    if (this.#isSyncing || this.failure !== undefined) return;
    this.#isSyncing = true;
    const target = this.#committed;
    const started = performance.now();
    let syncing: Promise<void>;
    try {
      syncing = this.#sync();
    } catch (error) {
      syncing = Promise.reject(error);
    }
    syncing.then(
      () => this.#done(target, started),
      (cause: unknown) => this.#failed(cause),
    );
  }

  #done(target: number, started: number): void {
    this.#isSyncing = false;
    this.syncs++;
    this.syncMs += performance.now() - started;
    this.#durable = target;
    let ready = 0;
    while (ready < this.#waiters.length && (this.#waiters[ready] as Waiter).seq <= target) ready++;
    const waiters = this.#waiters.splice(0, ready);
    // Coalescing: one fsync for everything committed while this one ran.
    if (this.#committed > this.#durable) this.#start();
    for (const waiter of waiters) waiter.done();
    if (!this.#isSyncing) this.#wakeIdle();
  }

  /**
   * After a failed fsync the kernel may have dropped the dirty pages and a later fsync can
   * succeed without writing them ("fsyncgate", PostgreSQL 2018): whether any COMMIT since the
   * last good fsync survives a crash is unknown. So nothing waiting is acknowledged, no fsync
   * is retried, and the owner refuses further writes.
   */
  #failed(cause: unknown): void {
    this.#isSyncing = false;
    const error = new StoreWriteError(
      'fsync of the write-ahead log failed: recent writes may not be durable; the store takes no more writes',
      { cause },
    );
    this.failure = error;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.fail(error);
    this.#onFailure(error);
    this.#wakeIdle();
  }

  #wakeIdle(): void {
    const idle = this.#idle;
    this.#idle = [];
    for (const resolve of idle) resolve();
  }
}
