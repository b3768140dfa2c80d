/**
 * The fsync of deferred durability (issue #9): an fdatasync of the database's `-wal` file on a
 * descriptor of our own, run on the libuv threadpool so the event loop is free meanwhile. On
 * Linux (and every POSIX system we run on) fsync/fdatasync flushes the file's dirty pages
 * whichever descriptor wrote them, so it covers the frames SQLite's COMMIT appended.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Counters for tests. */
export interface WalSyncStats {
  /** How often the `-wal` file was (re)opened, each followed by an fsync of its directory. */
  readonly opens: number;
  readonly syncs: number;
}

/** fdatasync of `<database>-wal`, reopening it when the file was replaced. */
export class WalFileSync {
  readonly #path: string;
  #handle: FileHandle | undefined;
  #ino: number | undefined;
  #opens = 0;
  #syncs = 0;

  constructor(databasePath: string) {
    this.#path = `${databasePath}-wal`;
  }

  /** Makes every frame written to the WAL before the call durable; rejects on any I/O error. */
  readonly sync = async (): Promise<void> => {
    // While our connection is open no other connection may delete the WAL (it is deleted only
    // by the last connection to close, https://sqlite.org/wal.html#the_wal_file), so the inode
    // changes only if someone replaced the file; then the new one is the one SQLite writes.
    // The check runs beside the fdatasync (two threadpool jobs at once, not one after the other).
    const handle = this.#handle;
    if (handle === undefined) {
      await this.#reopen();
    } else {
      const [{ ino }] = await Promise.all([stat(this.#path), handle.datasync()]);
      if (ino !== this.#ino) await this.#reopen();
    }
    if (this.#handle !== handle) await (this.#handle as FileHandle).datasync();
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

  async #reopen(): Promise<void> {
    // The old file, if any, was synced already (sync() above).
    const old = this.#handle;
    this.#handle = undefined;
    await old?.close();
    // Read-only is enough: fsync needs no write access, and we never write the WAL ourselves.
    const handle = await open(this.#path, 'r');
    try {
      this.#ino = (await handle.stat()).ino;
      // A new file's directory entry is durable only once the directory is synced (SQLite
      // syncs it at the WAL's first sync, which synchronous = NORMAL leaves to checkpoints).
      await syncDirectory(dirname(this.#path));
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    this.#opens++;
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
