// `keywarden audit verify` and `keywarden audit tail` on a data folder's database.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../src/cli/run-cli.ts';
import {
  loadOrCreateMasterKey,
  openSqliteSecurityStore,
  type AuditEntry,
} from '../../../../src/store/index.ts';
import { fakeIo } from '../fake-io.ts';

function entry(n: number): AuditEntry {
  return {
    time: new Date(Date.UTC(2026, 10, 26, 1, 0, n)),
    correlationId: `corr-${n}`,
    peerAddress: '127.0.0.1:40000',
    certificateCn: 'admin',
    identity: n === 2 ? 'bob' : 'admin',
    ...(n === 2 && { authMethod: 'password', groups: ['ops'] }),
    kmipVersion: '1.4',
    batchItem: 0,
    operation: 'Create',
    objectIds: [`id-${n}`],
    resultStatus: n === 3 ? 'OperationFailed' : 'Success',
    ...(n === 3 && { resultReason: 'PermissionDenied', resultMessage: 'not yours' }),
    durationMs: 2,
  };
}

describe('keywarden audit', () => {
  let home: string;

  async function append(entries: AuditEntry[]) {
    const { key } = await loadOrCreateMasterKey(join(home, 'master.key'));
    const store = await openSqliteSecurityStore({
      path: join(home, 'keywarden.db'),
      masterKey: key,
    });
    await store.audit.append(entries);
    await store.close();
  }

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-audit-cli-'));
    await append([entry(1), entry(2), entry(3)]);
  });
  after(() => rm(home, { recursive: true, force: true }));

  it('tail prints the newest records as text', async () => {
    const io = fakeIo();
    assert.equal(await runCli(['audit', 'tail', '-n', '2', '--home', home], io), 0);
    const lines = io.stdoutText().trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(
      lines[0] ?? '',
      /^#2 2026-11-26T01:00:02\.000Z bob@127\.0\.0\.1:40000 cn=admin via password groups=ops Create \[id-2\]/,
    );
    assert.match(lines[1] ?? '', /^#3 .* OperationFailed\/PermissionDenied "not yours" 2ms/);
  });

  it('tail --json prints one record object per line', async () => {
    const io = fakeIo();
    assert.equal(await runCli(['audit', 'tail', '--json', '--home', home], io), 0);
    const records = io
      .stdoutText()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; hash: string; identity: string });
    assert.deepEqual(
      records.map((r) => r.seq),
      [1, 2, 3],
    );
    assert.match(records[0]?.hash ?? '', /^[0-9a-f]{64}$/);
  });

  it('tail --follow prints records appended later, until a signal', async () => {
    const io = fakeIo();
    const done = runCli(
      ['audit', 'tail', '-n', '0', '--follow', '--json', '--interval-ms', '20', '--home', home],
      io,
    );
    // Append only once it follows (it listens for signals then), or the record counts as old.
    while (io.listenerCount('SIGINT') === 0) await new Promise((r) => setTimeout(r, 5));
    await append([entry(4)]);
    while (!io.stdoutText().includes('"seq":4')) await new Promise((r) => setTimeout(r, 10));
    io.emitSignal('SIGINT');
    assert.equal(await done, 0);
    assert.equal(io.stdoutText().trimEnd().split('\n').length, 1);
  });

  it('verify exits 0 on an intact log', async () => {
    const io = fakeIo();
    assert.equal(await runCli(['audit', 'verify', '--home', home], io), 0);
    assert.match(io.stdoutText(), /audit log intact: 4 records, head [0-9a-f]{64}/);
  });

  it('verify exits 1 naming the first bad record after a row is edited', async () => {
    const db = new DatabaseSync(join(home, 'keywarden.db'));
    db.prepare("UPDATE audit_log SET result_status = 'Success' WHERE seq = 3").run();
    db.close();
    const io = fakeIo();
    assert.equal(await runCli(['audit', 'verify', '--home', home], io), 1);
    assert.match(io.stderrText(), /audit log broken at record 3 \(hash-mismatch\)/);
  });

  it('refuses a data folder without a database (exit 2, nothing created)', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'kw-audit-empty-'));
    try {
      const io = fakeIo();
      assert.equal(await runCli(['audit', 'verify', '--home', empty], io), 2);
      assert.match(io.stderrText(), /KW_CLI_INPUT/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
