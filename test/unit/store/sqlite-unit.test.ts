// A request's unit of work on the SQLite store (issue #9): its object writes and its audit
// record commit in one transaction (one fsync), nothing is visible to other connections before
// that commit, and the audit chain stays intact under concurrent units.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import {
  openSqliteSecurityStore,
  openSqliteStore,
  type AuditEntry,
  type AuditLog,
  type MasterKey,
  type NewStoredObject,
  type ObjectStore,
} from '../../../src/store/index.ts';

const root = await mkdtemp(join(tmpdir(), 'kw-sqlite-unit-'));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;

function freshDb(): { path: string; key: MasterKey } {
  return { path: join(root, `db-${++counter}.sqlite`), key: createAeadKey(randomBytes(32)) };
}

function newKey(store: ObjectStore): NewStoredObject {
  return {
    id: store.nextId(),
    objectType: 'SymmetricKey',
    state: 'PreActive',
    owner: 'alice',
    material: randomBytes(32),
    attributes: [{ name: 'CryptographicAlgorithm', index: 0, value: 'AES' }],
  };
}

function entryFor(id: string): AuditEntry {
  return {
    time: new Date(),
    correlationId: `corr-${id}`,
    operation: 'Create',
    objectIds: [id],
    resultStatus: 'Success',
    durationMs: 1,
  };
}

function auditOf(store: ObjectStore): AuditLog {
  assert.ok(store.audit !== undefined && store.beginUnit !== undefined);
  return store.audit;
}

describe('SQLite store units', () => {
  it("commits a request's Create and its audit record with one COMMIT, invisible to others before", async () => {
    const { path, key } = freshDb();
    const store = await openSqliteStore({ path, masterKey: key });
    const other = await openSqliteStore({ path, masterKey: key });
    try {
      const audit = auditOf(store);
      const before = store.stats().commits;
      const unit = store.beginUnit!();
      const object = newKey(store);
      const written = await unit.store.create(object);
      assert.equal(written.id, object.id);
      // Staged: the request's own reads see it; another connection does not yet.
      assert.equal((await unit.store.get(object.id)).owner, 'alice');
      assert.equal(await other.has!(object.id), false);
      const [record] = await audit.append([entryFor(object.id)], unit);
      assert.deepEqual(record?.objectIds, [object.id]);
      assert.equal(store.stats().commits - before, 1, 'one commit for the write and the record');
      assert.equal(await other.has!(object.id), true);
      assert.deepEqual(other.audit?.tail(1)[0]?.objectIds, [object.id]);
      await unit.end(); // already ended by the append: the same outcome
    } finally {
      await other.close();
      await store.close();
    }
  });

  it('shares commits among concurrent units and keeps the audit chain whole', async () => {
    const { path, key } = freshDb();
    const store = await openSqliteStore({ path, masterKey: key });
    try {
      const audit = auditOf(store);
      const before = store.stats().commits;
      const ids = await Promise.all(
        Array.from({ length: 16 }, async () => {
          const unit = store.beginUnit!();
          const { id } = await unit.store.create(newKey(store));
          await unit.store.update(id, { state: 'Active' });
          await audit.append([entryFor(id)], unit);
          return id;
        }),
      );
      const commits = store.stats().commits - before;
      assert.ok(commits <= 2, `16 requests in ${commits} commits`);
      assert.deepEqual(audit.verify(), { ok: true, records: 16, headHash: audit.tail(1)[0]?.hash });
      assert.deepEqual(
        audit
          .tail(16)
          .flatMap((r) => r.objectIds)
          .sort(),
        [...ids].sort(),
      );
      for (const id of ids) assert.equal((await store.get(id)).state, 'Active');
    } finally {
      await store.close();
    }
  });

  it('keeps a write that failed out of the commit and still records the request', async () => {
    const { path, key } = freshDb();
    const store = await openSqliteStore({ path, masterKey: key });
    try {
      const audit = auditOf(store);
      const unit = store.beginUnit!();
      const object = newKey(store);
      await unit.store.create(object);
      await assert.rejects(unit.store.create(object), { code: 'KW_STORE_CONFLICT' });
      await audit.append([{ ...entryFor(object.id), resultStatus: 'OperationFailed' }], unit);
      assert.equal((await store.find({})).length, 1);
      assert.equal(audit.tail(1)[0]?.resultStatus, 'OperationFailed');
      assert.equal(audit.verify().ok, true);
    } finally {
      await store.close();
    }
  });

  it("ends the unit first when the audit log is another connection's (no lock wait)", async () => {
    const { path, key } = freshDb();
    const store = await openSqliteStore({ path, masterKey: key });
    // A short busy timeout: were the unit's transaction still open, this append would fail.
    const security = await openSqliteSecurityStore({ path, masterKey: key, busyTimeoutMs: 200 });
    try {
      const unit = store.beginUnit!();
      const object = newKey(store);
      await unit.store.create(object);
      const [record] = await security.audit.append([entryFor(object.id)], unit);
      assert.deepEqual(record?.objectIds, [object.id]);
      assert.equal(await store.has!(object.id), true);
    } finally {
      await security.close();
      await store.close();
    }
  });

  it('commits an unfinished unit on close and refuses new units after (KW_STORE_CLOSED)', async () => {
    const { path, key } = freshDb();
    const store = await openSqliteStore({ path, masterKey: key });
    const unit = store.beginUnit!();
    const object = newKey(store);
    await unit.store.create(object);
    await store.close();
    assert.throws(() => store.beginUnit!(), { code: 'KW_STORE_CLOSED' });
    const reopened = await openSqliteStore({ path, masterKey: key });
    try {
      assert.equal(await reopened.has!(object.id), true);
    } finally {
      await reopened.close();
    }
  });
});
