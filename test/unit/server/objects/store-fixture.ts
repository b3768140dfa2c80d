// A fresh SQLite object store in a temp dir, for object service tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAeadKey, randomBytes } from '../../../../src/crypto/index.ts';
import { openSqliteStore, type ObjectStore } from '../../../../src/store/index.ts';

export interface StoreFixture {
  readonly store: ObjectStore;
  close(): Promise<void>;
}

export async function openTestStore(): Promise<StoreFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-objects-'));
  const store = await openSqliteStore({
    path: join(dir, 'keywarden.db'),
    masterKey: createAeadKey(randomBytes(32)),
  });
  return {
    store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
