// The audit chain's head kept in memory (audit-head.ts): the rows and hashes are those the
// per-record construction (read the last row, insert, update audit_head) gives, bit for bit;
// files written either way continue and verify; a rolled-back append or transaction leaves
// no trace in the head; other connections on the same file are noticed.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import {
  AUDIT_COLUMNS,
  GENESIS_HASH,
  auditRowOf,
  hashAuditRow,
  type AuditEntry,
} from '../../../src/store/audit-chain.ts';
import { AuditChainHead, withAuditHead } from '../../../src/store/audit-head.ts';
import { SqliteAuditLog } from '../../../src/store/audit-log.ts';
import { verifyAuditChain } from '../../../src/store/audit-verify.ts';
import { GroupCommitter } from '../../../src/store/group-commit.ts';
import {
  openSqliteSecurityStore,
  openSqliteStore,
  type StoreUnit,
} from '../../../src/store/index.ts';

const masterKey = createAeadKey(randomBytes(32));
const root = await mkdtemp(join(tmpdir(), 'kw-audit-head-'));
after(() => rm(root, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(root, `audit-${++files}.db`);

function entry(n: number): AuditEntry {
  return {
    time: new Date(Date.UTC(2026, 10, 26, 1, 0, n % 60, n)),
    correlationId: `corr-${n}`,
    connectionId: `c${n % 3}`,
    peerAddress: '[::1]:40000',
    certificateCn: 'alice "a"',
    identity: 'alice',
    ...(n % 2 === 0 && { groups: ['ops', 'é\u2028'] }),
    authMethod: 'certificate',
    kmipVersion: '1.4',
    batchItem: n % 4,
    operation: n % 5 === 0 ? 'Get' : 'Create',
    objectIds: [`id-${n}`, `id-${n + 1}`],
    resultStatus: n % 7 === 0 ? 'OperationFailed' : 'Success',
    ...(n % 7 === 0 && { resultReason: 'ItemNotFound', resultMessage: 'x'.repeat(600) }),
    durationMs: n / 3,
  };
}

/** The construction before the head was cached (commit e4fb7fa): per record, in one transaction. */
function appendTheOldWay(db: DatabaseSync, entries: readonly AuditEntry[]): void {
  db.exec('BEGIN IMMEDIATE');
  for (const e of entries) {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    const seq = last === undefined ? 1 : Number(last['seq']) + 1;
    const row = auditRowOf(e, seq, last === undefined ? GENESIS_HASH : String(last['hash']));
    const hash = hashAuditRow(row);
    db.prepare(
      `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}, hash)
       VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')}, ?)`,
    ).run(...(AUDIT_COLUMNS.map((c) => row[c] ?? null) as never[]), hash);
    db.prepare(
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    ).run(seq, hash);
  }
  db.exec('COMMIT');
}

/** A migrated, empty database file (the security store creates the schema). */
async function emptyFile(): Promise<string> {
  const path = freshPath();
  await (await openSqliteSecurityStore({ path, masterKey })).close();
  return path;
}

function dump(path: string): { rows: unknown[]; head: unknown } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return {
      rows: db.prepare('SELECT * FROM audit_log ORDER BY seq').all(),
      head: db.prepare('SELECT * FROM audit_head').all(),
    };
  } finally {
    db.close();
  }
}

function verifyFile(path: string) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return verifyAuditChain(db);
  } finally {
    db.close();
  }
}

describe('audit chain head', () => {
  it('writes the same rows, hashes and head as the per-record construction', async () => {
    const batches = [[1], [2, 3, 4], [5], [6, 7], [8, 9, 10, 11, 12, 13, 14]];
    const oldPath = await emptyFile();
    const oldDb = new DatabaseSync(oldPath);
    for (const batch of batches)
      appendTheOldWay(
        oldDb,
        batch.map((n) => entry(n)),
      );
    oldDb.close();

    const newPath = await emptyFile();
    const store = await openSqliteStore({ path: newPath, masterKey });
    const audit = store.audit!;
    for (const batch of batches) await audit.append(batch.map((n) => entry(n)));
    await store.close();
    assert.deepEqual(dump(newPath), dump(oldPath));
    assert.equal(verifyFile(newPath).ok, true);
  });

  it('continues a file written the old way, and the old way continues a new file', async () => {
    const path = await emptyFile();
    let db = new DatabaseSync(path);
    appendTheOldWay(db, [entry(1), entry(2)]);
    db.close();
    const store = await openSqliteStore({ path, masterKey });
    await Promise.all([3, 4, 5].map((n) => store.audit!.append([entry(n)])));
    await store.close();
    db = new DatabaseSync(path);
    appendTheOldWay(db, [entry(6)]);
    db.close();
    const again = await openSqliteStore({ path, masterKey });
    await again.audit!.append([entry(7)]);
    const verification = again.audit!.verify();
    await again.close();
    assert.deepEqual(verification, {
      ok: true,
      records: 7,
      headHash: verification.ok && verification.headHash,
    });
  });

  it('keeps one chain with two store handles on one file (object store and security store)', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path, masterKey });
    const security = await openSqliteSecurityStore({ path, masterKey });
    try {
      for (let n = 1; n <= 12; n++) {
        // Both handles have cached their head after the first rounds: each must notice the other.
        const log = n % 3 === 0 ? security.audit : store.audit!;
        const [record] = await log.append([entry(n)]);
        assert.equal(record?.seq, n);
      }
      // A third connection (as another process would) writes between two appends.
      const raw = new DatabaseSync(path, { timeout: 5000 });
      appendTheOldWay(raw, [entry(13)]);
      raw.close();
      const [record] = await store.audit!.append([entry(14)]);
      assert.equal(record?.seq, 14);
      assert.deepEqual(security.audit.verify(), store.audit!.verify());
      assert.equal(store.audit!.verify().ok, true);
      assert.equal(store.audit!.verify().ok && store.audit!.verify().records, 14);
    } finally {
      await security.close();
      await store.close();
    }
  });

  it('forgets an append that failed part-way (its savepoint rolled back)', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path, masterKey });
    try {
      await store.audit!.append([entry(1), entry(2)]);
      // The second record violates NOT NULL after the first was inserted: the append fails whole.
      const bad = { ...entry(4), operation: null as unknown as string };
      await assert.rejects(store.audit!.append([entry(3), bad]));
      const [record] = await store.audit!.append([entry(3)]);
      assert.equal(record?.seq, 3);
      assert.equal(record?.prevHash, store.audit!.tail(2)[0]?.hash);
      assert.deepEqual(store.audit!.verify().ok && store.audit!.verify().records, 3);
    } finally {
      await store.close();
    }
  });

  it('forgets a transaction whose COMMIT failed, with the request that was in it', async () => {
    const path = await emptyFile();
    const db = new DatabaseSync(path, { timeout: 5000 });
    let failNextCommit = false;
    const head = new AuditChainHead(db);
    const committer = new GroupCommitter(
      withAuditHead(
        {
          begin: () => db.exec('BEGIN IMMEDIATE'),
          commit: () => {
            if (failNextCommit) {
              failNextCommit = false;
              throw new Error('disk full');
            }
            db.exec('COMMIT');
          },
          rollback: () => db.exec('ROLLBACK'),
          savepoint: () => db.exec('SAVEPOINT t'),
          release: () => db.exec('RELEASE t'),
          rollbackToSavepoint: () => db.exec('ROLLBACK TO t; RELEASE t'),
        },
        head,
      ),
      { maxGroupSize: 100 },
    );
    const log = new SqliteAuditLog(db, { shared: { committer, head } });
    try {
      await log.append([entry(1)]);
      failNextCommit = true;
      const failed = await Promise.allSettled([log.append([entry(2)]), log.append([entry(3)])]);
      assert.deepEqual(
        failed.map((r) => r.status === 'rejected' && (r.reason as { code?: string }).code),
        ['KW_STORE_WRITE', 'KW_STORE_WRITE'],
      );
      const [record] = await log.append([entry(2)]);
      assert.equal(record?.seq, 2);
      const verification = verifyAuditChain(db);
      assert.equal(verification.ok && verification.records, 2);
    } finally {
      committer.drain();
      db.close();
    }
  });

  it('verifies inside an open group: the head row is brought up to date first', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path, masterKey });
    try {
      await store.audit!.append([entry(1)]);
      // A request with a staged write keeps the group's transaction open ...
      const writer = store.beginUnit!();
      await writer.store.create({
        id: store.nextId(),
        objectType: 'SymmetricKey',
        state: 'PreActive',
        owner: 'alice',
        material: randomBytes(32),
        attributes: [{ name: 'CryptographicAlgorithm', index: 0, value: 'AES' }],
      });
      // ... while a read-only request's record is appended into it.
      const reader: StoreUnit = store.beginUnit!();
      const appended = store.audit!.append([entry(2)], reader);
      const verification = store.audit!.verify();
      assert.equal(verification.ok && verification.records, 2);
      await store.audit!.append([entry(3)], writer);
      await appended;
      assert.equal(store.audit!.verify().ok && store.audit!.verify().records, 3);
    } finally {
      await store.close();
    }
    assert.equal(verifyFile(path).ok, true);
  });
});
