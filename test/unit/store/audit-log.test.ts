// The audit log's hash chain: appends are durable and chained; `verify` names the first bad
// record after a row is edited, edited and re-hashed, deleted (first, middle, last) or moved.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { createAeadKey, randomBytes } from '../../../src/crypto/index.ts';
import { hashAuditRow, type AuditRow } from '../../../src/store/audit-chain.ts';
import {
  GENESIS_HASH,
  openSqliteSecurityStore,
  type AuditEntry,
  type SecurityStore,
} from '../../../src/store/index.ts';

const masterKey = createAeadKey(randomBytes(32));

function entry(n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: new Date(Date.UTC(2026, 10, 26, 1, 0, n)),
    correlationId: `corr-${n}`,
    connectionId: 'c1',
    peerAddress: '127.0.0.1:40000',
    certificateCn: 'alice',
    identity: 'alice',
    authMethod: 'certificate',
    kmipVersion: '1.4',
    batchItem: 0,
    operation: 'Create',
    objectIds: [`id-${n}`],
    resultStatus: 'Success',
    durationMs: 1.2345,
    ...extra,
  };
}

describe('audit log', () => {
  const dirs: string[] = [];
  let path: string;
  let store: SecurityStore;

  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kw-audit-'));
    dirs.push(dir);
    path = join(dir, 'keywarden.db');
    store = await openSqliteSecurityStore({ path, masterKey });
  });
  afterEach(() => store.close());
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Appends `n` records, closes the store and returns a raw connection for tampering. */
  async function fiveRecordsThenRaw(n = 5): Promise<DatabaseSync> {
    await store.audit.append(Array.from({ length: n }, (_, i) => entry(i + 1)));
    await store.close();
    return new DatabaseSync(path);
  }

  async function verifyAfter(tamper: (db: DatabaseSync) => void) {
    const db = await fiveRecordsThenRaw();
    tamper(db);
    db.close();
    store = await openSqliteSecurityStore({ path, masterKey });
    return store.audit.verify();
  }

  it('chains records: seq from 1, each prevHash is the previous hash, the first links to genesis', async () => {
    const first = await store.audit.append([entry(1), entry(2)]);
    const second = await store.audit.append([entry(3)]);
    const all = [...first, ...second];
    assert.deepEqual(
      all.map((r) => r.seq),
      [1, 2, 3],
    );
    assert.equal(all[0]?.prevHash, GENESIS_HASH);
    assert.equal(all[1]?.prevHash, all[0]?.hash);
    assert.equal(all[2]?.prevHash, all[1]?.hash);
    assert.match(all[2]?.hash ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(store.audit.verify(), { ok: true, records: 3, headHash: all[2]?.hash });
  });

  it('reads back what was written (tail, after), absent fields staying absent', async () => {
    await store.audit.append([
      entry(1),
      entry(2, { groups: ['ops'], resultStatus: 'OperationFailed', resultReason: 'ItemNotFound' }),
    ]);
    const minimal: AuditEntry = {
      time: new Date(0),
      correlationId: 'x',
      operation: '(none)',
      objectIds: [],
      resultStatus: 'OperationFailed',
      durationMs: 0,
    };
    await store.audit.append([minimal]);
    const [one, two, three] = store.audit.tail(10);
    const { seq, prevHash, hash, ...rest } = one ?? assert.fail('record 1');
    assert.deepEqual(rest, { ...entry(1), durationMs: 1.235 });
    assert.equal(seq, 1);
    assert.ok(prevHash !== hash);
    assert.deepEqual(two?.groups, ['ops']);
    assert.equal(two?.resultReason, 'ItemNotFound');
    assert.deepEqual(
      Object.keys(three ?? {}).sort(),
      [...Object.keys(minimal), 'seq', 'prevHash', 'hash'].sort(),
    );
    assert.deepEqual(
      store.audit.tail(1).map((r) => r.seq),
      [3],
    );
    assert.deepEqual(
      store.audit.after(1).map((r) => r.seq),
      [2, 3],
    );
  });

  it('keeps one unbroken chain when many appends race (group commit)', async () => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.audit.append([entry(i)])));
    const result = store.audit.verify();
    assert.equal(result.ok, true);
    assert.equal(result.records, 200);
  });

  it('verifies an empty log', () => {
    assert.deepEqual(store.audit.verify(), { ok: true, records: 0, headHash: GENESIS_HASH });
  });

  it('detects an edited record, naming it', async () => {
    const result = await verifyAfter((db) =>
      db.prepare("UPDATE audit_log SET operation = 'Destroy' WHERE seq = 3").run(),
    );
    assert.deepEqual(
      { ok: result.ok, seq: !result.ok && result.seq, problem: !result.ok && result.problem },
      { ok: false, seq: 3, problem: 'hash-mismatch' },
    );
    assert.equal(result.records, 2);
  });

  it('detects an edited record whose hash was recomputed, at the record after it', async () => {
    const result = await verifyAfter((db) => {
      const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as AuditRow;
      const forged = { ...row, identity: 'mallory' };
      db.prepare("UPDATE audit_log SET identity = 'mallory', hash = ? WHERE seq = 3").run(
        hashAuditRow(forged),
      );
    });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.seq, 4);
    assert.equal(!result.ok && result.problem, 'chain-broken');
  });

  it('detects a deleted record in the middle, naming the gap', async () => {
    const result = await verifyAfter((db) =>
      db.prepare('DELETE FROM audit_log WHERE seq = 3').run(),
    );
    assert.equal(!result.ok && result.problem, 'missing');
    assert.equal(!result.ok && result.seq, 4);
    assert.match(!result.ok ? result.detail : '', /record 3 missing/);
  });

  it('detects deleted first records', async () => {
    const result = await verifyAfter((db) =>
      db.prepare('DELETE FROM audit_log WHERE seq <= 2').run(),
    );
    assert.equal(!result.ok && result.problem, 'missing');
    assert.match(!result.ok ? result.detail : '', /records 1–2 missing/);
  });

  it('detects a deleted last record through the head', async () => {
    const result = await verifyAfter((db) =>
      db.prepare('DELETE FROM audit_log WHERE seq = 5').run(),
    );
    assert.equal(!result.ok && result.problem, 'truncated');
    assert.equal(!result.ok && result.seq, 5);
    assert.equal(result.records, 4);
  });

  it('detects two records swapped (reordered)', async () => {
    const result = await verifyAfter((db) => {
      db.exec(`UPDATE audit_log SET seq = 100 WHERE seq = 2;
               UPDATE audit_log SET seq = 2 WHERE seq = 3;
               UPDATE audit_log SET seq = 3 WHERE seq = 100;`);
    });
    assert.equal(!result.ok && result.seq, 2);
    assert.equal(!result.ok && result.problem, 'hash-mismatch');
  });

  it('continues the chain after a reopen', async () => {
    await store.audit.append([entry(1)]);
    await store.close();
    store = await openSqliteSecurityStore({ path, masterKey });
    const [record] = await store.audit.append([entry(2)]);
    assert.equal(record?.seq, 2);
    assert.equal(store.audit.verify().ok, true);
  });
});
