import { StoreWriteError } from './errors.ts';
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

interface PendingWrite {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * Group commit: writes queued during one event-loop turn run in one transaction, so one
 * fsync covers them all, and every promise settles only after that COMMIT returns. Each
 * write runs inside its own savepoint: one that throws is rolled back alone and its
 * promise rejects, while the rest of the group still commits.
 */
export class GroupCommitter {
  readonly #tx: TransactionControl;
  readonly #maxGroupSize: number;
  #queue: PendingWrite[] = [];
  #isScheduled = false;
  #commits = 0;
  #writes = 0;
  #failedWrites = 0;
  #largestGroup = 0;

  constructor(tx: TransactionControl, options: { maxGroupSize: number }) {
    this.#tx = tx;
    this.#maxGroupSize = options.maxGroupSize;
  }

  /** Queues `run` for the next group; resolves with its result after the commit. */
  enqueue<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** Commits everything queued right now (used by close). */
  drain(): void {
    while (this.#queue.length > 0) this.#flush();
  }

  /** Counters for tests and metrics. */
  stats(): StoreStats {
    return {
      commits: this.#commits,
      writes: this.#writes,
      failedWrites: this.#failedWrites,
      largestGroup: this.#largestGroup,
    };
  }

  #schedule(): void {
    if (this.#isScheduled) return;
    this.#isScheduled = true;
    // setImmediate runs after the current turn's I/O callbacks, so requests that
    // arrived together on many sockets land in the same group.
    setImmediate(() => {
      this.#isScheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    const group = this.#queue.splice(0, this.#maxGroupSize);
    if (this.#queue.length > 0) this.#schedule();
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.#runGroup(group);
    } catch (cause) {
      const error = new StoreWriteError('commit failed; no write of this group was stored', {
        cause,
      });
      for (const write of group) write.reject(error);
      return;
    }
    this.#commits++;
    this.#largestGroup = Math.max(this.#largestGroup, group.length);
    group.forEach((write, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) {
        this.#writes++;
        write.resolve(outcome.value);
      } else {
        this.#failedWrites++;
        write.reject(outcome?.error);
      }
    });
  }

  /** Runs the group in one transaction; throws (after rolling back) if it cannot commit. */
  #runGroup(group: readonly PendingWrite[]): Outcome[] {
    this.#tx.begin();
    try {
      const outcomes = group.map((write): Outcome => {
        this.#tx.savepoint();
        try {
          const value = write.run();
          this.#tx.release();
          return { ok: true, value };
        } catch (error) {
          // If even this fails (SQLite already rolled the whole transaction back after an
          // I/O error), it throws out of the group and every write is reported failed.
          this.#tx.rollbackToSavepoint();
          return { ok: false, error };
        }
      });
      this.#tx.commit();
      return outcomes;
    } catch (error) {
      try {
        this.#tx.rollback();
      } catch {
        // Nothing to roll back: SQLite ended the transaction itself.
      }
      throw error;
    }
  }
}
