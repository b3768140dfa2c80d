// Issue #7 interop: the PyKMIP 0.10 client authenticates with a Username and Password
// credential against `keywarden serve --auth-plugins password` (allowed with the right
// password, refused with a wrong one or none), its requests show up in
// `keywarden audit tail --json`, the chain verifies, and the server's debug log holds neither
// the password nor the key material PyKMIP received.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { runClientOps } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();
const PASSWORD = 'PyKMIP-interop-Passw0rd';

interface AuditLine {
  identity?: string;
  certificateCn?: string;
  authMethod?: string;
  groups?: string[];
  operation: string;
  objectIds: string[];
  resultStatus: string;
  resultReason?: string;
}

describe('PyKMIP client with username and password against keywarden serve', () => {
  let home: string;
  let server: KeywardenProcess;

  const clientOps = (ops: object[], credentials: { username?: string; password?: string }) =>
    runClientOps(server, ops, credentials);

  async function auditTail(): Promise<AuditLine[]> {
    const run = await runKeywarden(['audit', 'tail', '--json', '-n', '1000', '--home', home]);
    assert.equal(run.code, 0, run.stderr);
    return run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditLine);
  }

  before(async () => {
    if (!probe.available) return;
    home = await mkdtemp(join(tmpdir(), 'kw-auth-interop-'));
    const init = await runKeywarden(['init', '--home', home]);
    assert.equal(init.code, 0, init.stderr);
    const add = await runKeywarden(
      ['user', 'add', 'bob', '--group', 'ops', '--password-stdin', '--home', home],
      { stdin: `${PASSWORD}\n` },
    );
    assert.equal(add.code, 0, add.stderr);
    server = await startKeywardenProcess({
      home,
      args: ['--auth-plugins', 'password', '--log-level', 'debug'],
    });
  });
  after(async () => {
    await server?.cleanup();
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('allows the right password, refuses a wrong one or none, and audits all of it', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const allowed = await clientOps(
      [
        { op: 'create', algorithm: 'AES', length: 256 },
        { op: 'get', uid: '$0' },
      ],
      { username: 'bob', password: PASSWORD },
    );
    assert.ok(allowed[0]?.ok && allowed[1]?.ok, JSON.stringify(allowed));
    const uid = allowed[0].result as string;
    const keyHex = String((allowed[1].result as { value: string }).value);
    assert.match(keyHex, /^[0-9a-f]{64}$/i);

    const wrong = await clientOps([{ op: 'create', algorithm: 'AES', length: 128 }], {
      username: 'bob',
      password: 'not-the-password',
    });
    assert.equal(wrong[0]?.ok, false, JSON.stringify(wrong));
    const none = await clientOps([{ op: 'create', algorithm: 'AES', length: 128 }], {});
    assert.equal(none[0]?.ok, false, JSON.stringify(none));
    for (const refused of [wrong[0], none[0]]) {
      assert.ok(refused !== undefined && !refused.ok);
      assert.match(
        `${refused.result_reason} ${refused.message}`,
        /AUTHENTICATION_NOT_SUCCESSFUL|Authentication/i,
      );
    }

    const records = await auditTail();
    const ofKey = records.filter((r) => r.objectIds.includes(uid));
    assert.deepEqual(
      ofKey.map((r) => [r.operation, r.resultStatus, r.identity, r.authMethod, r.certificateCn]),
      [
        ['Create', 'Success', 'bob', 'password', 'admin'],
        ['Get', 'Success', 'bob', 'password', 'admin'],
      ],
    );
    assert.deepEqual(ofKey[0]?.groups, ['ops']);
    const refusedRecords = records.filter((r) => r.resultReason === 'AuthenticationNotSuccessful');
    assert.equal(refusedRecords.length, 2);
    for (const r of refusedRecords) {
      assert.equal(r.operation, 'Create');
      assert.equal(r.identity, undefined);
    }

    const verify = await runKeywarden(['audit', 'verify', '--home', home]);
    assert.equal(verify.code, 0, verify.stderr);

    const log = server.stderr();
    assert.match(log, /"msg":"KMIP request"/);
    for (const secret of [
      PASSWORD,
      'not-the-password',
      keyHex.toLowerCase(),
      keyHex.toUpperCase(),
      Buffer.from(keyHex, 'hex').toString('base64'),
    ]) {
      assert.ok(!log.includes(secret), 'the debug log holds a secret');
    }
  });
});
