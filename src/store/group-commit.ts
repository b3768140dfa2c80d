import { DurabilityTracker, type SyncWal } from './durability.ts';
import {
  StoreClosedError,
  StoreFailedError,
  StoreUnitEndedError,
  StoreWriteError,
} from './errors.ts';
import type { StoreStats } from './types.ts';

/** The SQL a group commit needs; each call runs one statement on the one connection. */
export interface TransactionControl {
  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  release(): void;
  /** Undoes everything since `savepoint()` and pops it. */
  rollbackToSavepoint(): void;
}

/**
 * One request's writes and its final write (the audit record): the writes resolve as soon as
 * they are staged in the open transaction, and {@link GroupCommitter.finish} resolves once
 * the transaction holding the unit's last write is durable, so the request answers after
 * one fsync that covers its object writes and its audit record together.
 */
export class CommitUnit {
  /** Set when a transaction this unit may have read from or written to failed. */
  failure: unknown;
  /** The promise of {@link GroupCommitter.finish}, once called. */
  ended: Promise<unknown> | undefined;
}

interface PendingWrite {
  readonly run: (() => unknown) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** Set for a unit's staged write: it settles as soon as it ran, not at COMMIT. */
  readonly unit?: CommitUnit;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Options of {@link GroupCommitter}. */
export interface GroupCommitOptions {
  readonly maxGroupSize: number;
  /** How long an open transaction waits for its units' last writes, ms (default 20). */
  readonly maxWaitMs?: number;
  /**
   * With `synchronous = NORMAL`: the fsync that makes COMMITs durable, run after COMMIT off the
   * event loop; promises settle only once it covered their COMMIT. Without it every COMMIT is
   * durable when it returns (`synchronous = FULL`).
   */
  readonly sync?: SyncWal;
  /** Called once when an fsync fails (the committer then refuses every write). */
  readonly onFailure?: (error: StoreWriteError) => void;
}

/** The transaction in progress. */
interface OpenGroup {
  /** Writes that settle at COMMIT, with how they ran. */
  readonly settle: { readonly write: PendingWrite; readonly outcome: Outcome }[];
  /** Units with staged writes in this transaction that have not finished yet. */
  readonly members: Set<CommitUnit>;
  timer?: NodeJS.Timeout;
  isCommitScheduled: boolean;
  /** Set when the transaction failed; what its writes reject with. */
  failure?: StoreWriteError;
}

/**
 * Group commit: writes queued during one event-loop turn run in one transaction, so one
 * fsync covers them all, and every promise settles only after that COMMIT returns. Each
 * write runs inside its own savepoint: one that throws is rolled back alone and its
 * promise rejects, while the rest of the group still commits.
 *
 * A write of a {@link CommitUnit} settles once staged; the transaction then stays open until
 * every unit with a staged write in it has finished (its later writes and its final write run
 * in the same transaction at once), or `maxWaitMs` passed (a slow unit's remaining writes go
 * to the next transaction, and it finishes with that one). While it is open, reads on the
 * connection see staged writes; so if a COMMIT fails, every unit not yet finished fails too:
 * it may have read what was rolled back.
 *
 * With `sync` (deferred fsync) a COMMIT is durable only once a later fsync finished: writes,
 * finishes (read-only ones too, which may have read committed rows) wait for the fsync that
 * covers the last COMMIT before them, while the next transaction already runs. A failed fsync
 * fails every waiting write and running unit and leaves the committer refusing writes.
 */
export class GroupCommitter {
  readonly #tx: TransactionControl;
  readonly #maxGroupSize: number;
  readonly #maxWaitMs: number;
  #queue: PendingWrite[] = [];
  #open: OpenGroup | undefined;
  readonly #units = new Set<CommitUnit>();
  #isScheduled = false;
  #isClosed = false;
  #commits = 0;
  #writes = 0;
  #failedWrites = 0;
  #largestGroup = 0;
  #commitMs = 0;
  #splitUnits = 0;
  readonly #durability: DurabilityTracker | undefined;

  constructor(tx: TransactionControl, options: GroupCommitOptions) {
    this.#tx = tx;
    this.#maxGroupSize = options.maxGroupSize;
    this.#maxWaitMs = options.maxWaitMs ?? 20;
    const onFailure = options.onFailure;
    this.#durability =
      options.sync &&
      new DurabilityTracker(options.sync, (error) => {
        this.#syncFailed(error);
        onFailure?.(error);
      });
  }

  /** The failed fsync after which every write is refused, if one failed. */
  get failure(): StoreWriteError | undefined {
    return this.#durability?.failure;
  }

  /**
   * Queues `run` for the next group; resolves with its result after the commit. With a
   * `unit`, resolves once it ran (staged), and at once when the unit's transaction is open.
   */
  enqueue<T>(run: () => T, unit?: CommitUnit): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const write: PendingWrite = { run, resolve: resolve as (v: unknown) => void, reject };
      const refusal = this.#refusal();
      if (refusal !== undefined) return reject(refusal);
      if (unit === undefined) return this.#push(write);
      if (unit.ended !== undefined) return reject(new StoreUnitEndedError());
      if (unit.failure !== undefined) return reject(unit.failure);
      const staged = { ...write, unit };
      if (this.#open?.members.has(unit)) return this.#runStaged(this.#open, staged);
      this.#push(staged);
    });
  }

  /** Starts a unit; end it with {@link finish}. */
  openUnit(): CommitUnit {
    const refusal = this.#refusal();
    if (refusal !== undefined) throw refusal;
    const unit = new CommitUnit();
    this.#units.add(unit);
    return unit;
  }

  /**
   * Ends `unit` with a last write (or none): resolves with its result once it and every
   * staged write of the unit are durable. A unit that only read still waits for the
   * transaction in progress, whose staged writes it may have seen, or else for the fsync of the
   * last COMMIT, whose rows it may have read. Calling it again without `run` returns the first
   * call's promise.
   */
  finish<T>(unit: CommitUnit, run?: () => T): Promise<T> {
    if (unit.ended !== undefined) {
      if (run === undefined) return unit.ended as Promise<T>;
      return Promise.reject(new StoreUnitEndedError());
    }
    unit.ended = new Promise<T>((resolve, reject) => {
      this.#units.delete(unit);
      if (unit.failure !== undefined) return reject(unit.failure);
      const write: PendingWrite = { run, resolve: resolve as (v: unknown) => void, reject };
      const open = this.#open;
      if (open === undefined) {
        if (run === undefined) return this.#afterDurable(() => resolve(undefined as T), reject);
        const refusal = this.#refusal();
        if (refusal !== undefined) return reject(refusal);
        return this.#push(write);
      }
      this.#runSettled(open, write);
      if (open.members.delete(unit) && open.members.size === 0) this.#scheduleCommit(open);
    });
    return unit.ended as Promise<T>;
  }

  /** Commits everything queued right now (used by close); later writes are refused. */
  drain(): void {
    this.#isClosed = true;
    if (this.#open !== undefined) this.#commit(this.#open);
    while (this.#queue.length > 0) this.#flush();
  }

  /** Resolves once the fsync of every COMMIT so far finished (or failed); for close. */
  settled(): Promise<void> {
    return this.#durability?.settled() ?? Promise.resolve();
  }

  /** Counters for tests and metrics. */
  stats(): StoreStats {
    return {
      commits: this.#commits,
      writes: this.#writes,
      failedWrites: this.#failedWrites,
      largestGroup: this.#largestGroup,
      splitUnits: this.#splitUnits,
      commitMs: this.#commitMs,
      ...(this.#durability !== undefined && {
        syncs: this.#durability.syncs,
        syncMs: this.#durability.syncMs,
      }),
    };
  }

  /** Why no new write may start: the committer closed, or an fsync failed. */
  #refusal(): StoreClosedError | StoreFailedError | undefined {
    if (this.#isClosed) return new StoreClosedError();
    if (this.failure !== undefined) return new StoreFailedError({ cause: this.failure });
    return undefined;
  }

  #push(write: PendingWrite): void {
    this.#queue.push(write);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#isScheduled || this.#open !== undefined) return;
    this.#isScheduled = true;
    // setImmediate runs after the current turn's I/O callbacks, so requests that
    // arrived together on many sockets land in the same group.
    setImmediate(() => {
      this.#isScheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    if (this.#open !== undefined) return;
    const group = this.#queue.splice(0, this.#maxGroupSize);
    if (group.length === 0) return;
    try {
      this.#tx.begin();
    } catch (cause) {
      const error = new StoreWriteError('commit failed; no write of this group was stored', {
        cause,
      });
      for (const write of group) write.reject(error);
      this.#schedule();
      return;
    }
    const open: OpenGroup = { settle: [], members: new Set(), isCommitScheduled: false };
    this.#open = open;
    this.#largestGroup = Math.max(this.#largestGroup, group.length);
    for (const write of group) {
      if (open.failure !== undefined) {
        // A rollback failed and ended the transaction: nothing of the rest ran.
        write.reject(open.failure);
      } else if (write.unit === undefined) {
        this.#runSettled(open, write);
      } else if (write.unit.failure !== undefined) {
        write.reject(write.unit.failure);
      } else if (write.unit.ended !== undefined) {
        // Its request has answered already: nothing may be written for it any more.
        write.reject(new StoreUnitEndedError());
      } else {
        open.members.add(write.unit);
        this.#runStaged(open, write);
      }
    }
    if (this.#open !== open) return;
    if (open.members.size === 0 || this.#isClosed) return this.#commit(open);
    open.timer = setTimeout(() => this.#commit(open), this.#maxWaitMs);
  }

  /** Runs a write that settles at COMMIT. */
  #runSettled(open: OpenGroup, write: PendingWrite): void {
    const outcome = this.#runOne(write);
    if (open.failure !== undefined) return write.reject(open.failure);
    open.settle.push({ write, outcome });
  }

  /** Runs a unit's write, which settles at once. */
  #runStaged(open: OpenGroup, write: PendingWrite): void {
    const outcome = this.#runOne(write);
    if (open.failure !== undefined) return write.reject(open.failure);
    if (outcome.ok) {
      this.#writes++;
      write.resolve(outcome.value);
    } else {
      this.#failedWrites++;
      write.reject(outcome.error);
    }
  }

  /** Runs one write in its savepoint; fails the whole group if SQLite ended the transaction. */
  #runOne(write: PendingWrite): Outcome {
    if (write.run === undefined) return { ok: true, value: undefined };
    this.#tx.savepoint();
    try {
      const value = write.run();
      this.#tx.release();
      return { ok: true, value };
    } catch (error) {
      try {
        this.#tx.rollbackToSavepoint();
      } catch (cause) {
        // SQLite already rolled the whole transaction back (an I/O error): nothing holds.
        if (this.#open !== undefined) this.#fail(this.#open, cause);
      }
      return { ok: false, error };
    }
  }

  #scheduleCommit(open: OpenGroup): void {
    if (open.isCommitScheduled) return;
    open.isCommitScheduled = true;
    // The next turn: units answering together (reads' audit records) join this commit.
    setImmediate(() => this.#commit(open));
  }

  #commit(open: OpenGroup): void {
    if (this.#open !== open) return;
    clearTimeout(open.timer);
    const started = performance.now();
    try {
      this.#tx.commit();
    } catch (cause) {
      return this.#fail(open, cause);
    } finally {
      this.#commitMs += performance.now() - started;
    }
    this.#open = undefined;
    this.#commits++;
    // Units still running go on in the next transaction: their finish waits for its COMMIT.
    this.#splitUnits += open.members.size;
    this.#durability?.committed();
    // The next group may begin while the fsync runs (scheduled before settling).
    if (this.#queue.length > 0) this.#schedule();
    this.#afterDurable(
      () => this.#settle(open),
      (error) => {
        for (const { write } of open.settle) write.reject(error);
      },
    );
  }

  #settle(open: OpenGroup): void {
    for (const { write, outcome } of open.settle) {
      if (outcome.ok) {
        if (write.run !== undefined) this.#writes++;
        write.resolve(outcome.value);
      } else {
        this.#failedWrites++;
        write.reject(outcome.error);
      }
    }
  }

  /** Runs `done` at once with `synchronous = FULL`, else once the last COMMIT is durable. */
  #afterDurable(done: () => void, fail: (error: unknown) => void): void {
    if (this.#durability === undefined) return done();
    this.#durability.afterDurable(done, fail);
  }

  /** The tracker already failed every waiting write; fail what is still running or queued. */
  #syncFailed(error: StoreWriteError): void {
    for (const write of this.#queue.splice(0)) write.reject(error);
    // The open transaction may hold writes that read unsynced rows: roll it back.
    if (this.#open !== undefined) this.#fail(this.#open, error);
    for (const unit of this.#units) unit.failure ??= error;
  }

  #fail(open: OpenGroup, cause: unknown): void {
    clearTimeout(open.timer);
    this.#open = undefined;
    try {
      this.#tx.rollback();
    } catch {
      // Nothing to roll back: SQLite ended the transaction itself.
    }
    const error = new StoreWriteError('commit failed; no write of this group was stored', {
      cause,
    });
    open.failure = error;
    for (const { write } of open.settle) write.reject(error);
    // Every unit still running may have read the rolled-back writes.
    for (const unit of this.#units) unit.failure ??= error;
    if (this.#queue.length > 0) this.#schedule();
  }
}
