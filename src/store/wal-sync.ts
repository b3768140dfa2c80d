/**
 * The fsync of deferred durability (issue #9): an fdatasync of the database's `-wal` file on a
 * descriptor of our own, run on the libuv threadpool so the event loop is free meanwhile. On
 * Linux (and every POSIX system we run on) fsync/fdatasync flushes the file's dirty pages
 * whichever descriptor wrote them, so it covers the frames SQLite's COMMIT appended.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Counters for tests. */
export interface WalSyncStats {
  /** How often the `-wal` file was opened (once), each followed by an fsync of its directory. */
  readonly opens: number;
  readonly syncs: number;
}

/** fdatasync of `<database>-wal`; the caller runs at most one `sync` at a time. */
export class WalFileSync {
  readonly #path: string;
  #handle: FileHandle | undefined;
  #opens = 0;
  #syncs = 0;

  constructor(databasePath: string) {
    this.#path = `${databasePath}-wal`;
  }

  /** Makes every frame written to the WAL before the call durable; rejects on any I/O error. */
  readonly sync = async (): Promise<void> => {
    // Opened once, after SQLite opened the WAL: our descriptor then names the inode SQLite
    // writes for as long as its connection is open. SQLite never reopens its WAL descriptor
    // (if the path were replaced it would go on writing the old, unlinked inode), the last
    // connection to close is the only one to delete the file, and a checkpoint's reset or
    // TRUNCATE rewrites the same inode (https://sqlite.org/wal.html#the_wal_file). So no
    // stat of the path per fsync: it cost a threadpool job, and following a replaced path
    // would have synced a file SQLite does not write.
    const handle = this.#handle ?? (await this.#open());
    await handle.datasync();
    this.#syncs++;
  };

  /** Closes the descriptor (after the last sync). */
  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  stats(): WalSyncStats {
    return { opens: this.#opens, syncs: this.#syncs };
  }

  async #open(): Promise<FileHandle> {
    // Read-only is enough: fsync needs no write access, and we never write the WAL ourselves.
    const handle = await open(this.#path, 'r');
    try {
      // A new file's directory entry is durable only once the directory is synced (SQLite
      // syncs it at the WAL's first sync, which synchronous = NORMAL leaves to checkpoints).
      await syncDirectory(dirname(this.#path));
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    this.#opens++;
    return handle;
  }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
