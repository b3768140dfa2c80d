import { link, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AEAD_KEY_LENGTH, createAeadKey, randomBytes, randomUUID } from '../crypto/index.ts';
import type { AeadKey } from '../crypto/index.ts';
import { StoreMasterKeyError } from './errors.ts';

/**
 * The key that seals stored key material. Today an AES-256-GCM key from a file; an HSM
 * backend would unwrap a data key once at start-up and hand back the same shape.
 */
export type MasterKey = AeadKey;

/** Size of a master key file in bytes. */
export const MASTER_KEY_LENGTH = AEAD_KEY_LENGTH;

const isPosix = process.platform !== 'win32';

/**
 * Reads a master key file: exactly 32 raw bytes, readable by its owner only.
 * @throws StoreMasterKeyError (KW_STORE_MASTER_KEY) when the file is missing, is not a
 * regular file, is readable or writable by group/other, or is not 32 bytes long.
 */
export async function loadMasterKey(path: string): Promise<MasterKey> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw ioError(path, 'cannot be opened', cause);
  }
  const secret = new Uint8Array(MASTER_KEY_LENGTH);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new StoreMasterKeyError(path, 'not-a-file', 'is not a regular file');
    // Same rule as ssh for private keys: a key others can read is no longer a secret.
    if (isPosix && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new StoreMasterKeyError(
        path,
        'permissions',
        `has mode ${mode}; it must not be accessible by group or others (chmod 600)`,
      );
    }
    if (stat.size !== MASTER_KEY_LENGTH) {
      throw new StoreMasterKeyError(
        path,
        'length',
        `is ${stat.size} bytes; a master key is exactly ${MASTER_KEY_LENGTH} bytes`,
      );
    }
    const { bytesRead } = await handle.read(secret, 0, MASTER_KEY_LENGTH, 0);
    if (bytesRead !== MASTER_KEY_LENGTH) {
      throw new StoreMasterKeyError(path, 'length', 'changed size while being read');
    }
    return createAeadKey(secret);
  } catch (err) {
    if (err instanceof StoreMasterKeyError) throw err;
    throw ioError(path, 'cannot be read', err);
  } finally {
    secret.fill(0);
    await handle.close();
  }
}

/**
 * Loads the master key file, creating it with 32 fresh random bytes (mode 0600) if it
 * does not exist. Creation is atomic: the key is written and fsynced under a temporary
 * name, then hard-linked into place, which fails if another process got there first, in
 * which case that process's key is loaded. A half-written key file is never visible.
 * @throws StoreMasterKeyError (KW_STORE_MASTER_KEY) as `loadMasterKey` does.
 */
export async function loadOrCreateMasterKey(
  path: string,
): Promise<{ key: MasterKey; created: boolean }> {
  try {
    return { key: await loadMasterKey(path), created: false };
  } catch (err) {
    if (!(err instanceof StoreMasterKeyError && err.reason === 'missing')) throw err;
  }
  const tmp = `${path}.${randomUUID()}.tmp`;
  const secret = randomBytes(MASTER_KEY_LENGTH);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(secret);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        return { key: await loadMasterKey(path), created: false };
      }
      throw err;
    }
    await syncDirectory(dirname(path));
    return { key: createAeadKey(secret), created: true };
  } catch (err) {
    if (err instanceof StoreMasterKeyError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new StoreMasterKeyError(path, 'io', `cannot be created (${code})`, { cause: err });
  } finally {
    secret.fill(0);
    await unlink(tmp).catch(() => undefined);
  }
}

// The new directory entry must reach the disk too, or a crash could lose the key file
// while the database already holds material sealed under it.
async function syncDirectory(dir: string): Promise<void> {
  if (!isPosix) return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function ioError(path: string, what: string, cause: unknown): StoreMasterKeyError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new StoreMasterKeyError(path, 'missing', 'does not exist', { cause });
  }
  return new StoreMasterKeyError(path, 'io', `${what} (${code ?? 'error'})`, { cause });
}
