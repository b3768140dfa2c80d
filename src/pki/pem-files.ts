/**
 * Reads and writes PEM files. Writes go to a temporary file in the same folder, are
 * synced, then renamed over the target: a crash never leaves half a key, and a private key
 * file never exists, even briefly, with a mode wider than 0600.
 */
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from '../crypto/index.ts';
import { PkiFileError } from './errors.ts';

/** Mode of private key files: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of certificate files. */
export const PUBLIC_FILE_MODE = 0o644;

/** Writes `text` to `path` atomically with `mode`. */
export async function writeFileAtomic(path: string, text: string, mode: number): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      // open() applies the umask; set the mode exactly.
      await handle.chmod(mode);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    await chmod(path, mode);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new PkiFileError(path, 'write', { cause });
  }
}

/** Reads a PEM file as text. */
export async function readPemFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new PkiFileError(path, 'read', { cause });
  }
}
