import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  runPolicyCheck,
  runPolicyList,
  runRoleCert,
} from '../../../../src/cli/commands/policy-commands.ts';
import { ensureDevPki } from '../../../../src/pki/index.ts';
import { loadOrCreateMasterKey, openSqliteStore } from '../../../../src/store/index.ts';
import { fakeIo } from '../fake-io.ts';

describe('keywarden policy check / policy list / role cert', () => {
  let home: string;
  const options = () => ({ home });

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-policy-cli-'));
    await ensureDevPki(join(home, 'pki'));
    await writeFile(
      join(home, 'config.toml'),
      `policyDir = "policies"

[access.roles.reader]
owner = "any"
allow = { SymmetricKey = ["Get"] }

[access.tenants.acme]
members = ["alice"]
`,
    );
    const masterKey = await loadOrCreateMasterKey(join(home, 'master.key'));
    const store = await openSqliteStore({
      path: join(home, 'keywarden.db'),
      masterKey: masterKey.key,
    });
    await store.create({
      id: 'key-1',
      objectType: 'SymmetricKey',
      state: 'PreActive',
      owner: 'alice',
      material: null,
      attributes: [{ name: 'OperationPolicyName', index: 0, value: 'default' }],
    });
    await store.close();
  });
  after(() => rm(home, { recursive: true, force: true }));

  it('explains an allowed decision (exit 0) and a denied one (exit 1)', async () => {
    const io = fakeIo({ cwd: home });
    const allowed = { user: 'alice', operation: 'Get', object: 'key-1', groups: undefined };
    assert.equal(await runPolicyCheck(allowed, options(), io), 0);
    assert.match(
      io.stdoutText(),
      /^ALLOWED: alice Get key-1\n {2}object {3}SymmetricKey, owner alice\n {2}policy {3}default \(reserved\)\n {2}rule {5}preset\n/,
    );
    const io2 = fakeIo({ cwd: home });
    assert.equal(
      await runPolicyCheck({ ...allowed, user: 'bob', operation: 'Destroy' }, options(), io2),
      1,
    );
    assert.match(io2.stdoutText(), /^DENIED: bob Destroy key-1\n/);
    assert.match(
      io2.stdoutText(),
      /reason {3}preset gives Destroy on SymmetricKey: Allow Owner, and the object's owner is "alice"/,
    );
  });

  it('names a role that allows', async () => {
    const io = fakeIo({ cwd: home });
    const args = { user: 'role:reader:x', operation: 'Get', object: 'key-1', groups: undefined };
    assert.equal(await runPolicyCheck(args, options(), io), 0);
    assert.match(io.stdoutText(), /rule {5}roles\.reader/);
  });

  it('refuses an unknown operation or object with KW_CLI_USAGE', async () => {
    const io = fakeIo({ cwd: home });
    const base = { user: 'alice', operation: 'Get', object: 'key-1', groups: undefined };
    await assert.rejects(runPolicyCheck({ ...base, operation: 'Fetch' }, options(), io), {
      code: 'KW_CLI_USAGE',
      argument: 'OPERATION',
    });
    await assert.rejects(runPolicyCheck({ ...base, object: 'nope' }, options(), io), {
      code: 'KW_CLI_USAGE',
      argument: 'OBJECT',
    });
  });

  it('lists the reserved policies and the roles', async () => {
    const io = fakeIo({ cwd: home });
    assert.equal(await runPolicyList(options(), io), 0);
    assert.equal(io.stdoutText(), 'operation policies:\n  default\n  public\nroles:\n  reader\n');
  });

  it('issues a role certificate from the built-in CA: CN role:<ROLE>[@<TENANT>]:<name>, key 0600', async () => {
    const io = fakeIo({ cwd: home });
    assert.equal(await runRoleCert('reader', { name: 'nas1', tenant: 'acme' }, options(), io), 0);
    const cert = new X509Certificate(await readFile(join(home, 'clients', 'nas1.crt')));
    assert.match(cert.subject, /CN=role:reader@acme:nas1/);
    const ca = new X509Certificate(await readFile(join(home, 'pki', 'ca.crt')));
    assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey));
    assert.equal((await stat(join(home, 'clients', 'nas1.key'))).mode & 0o777, 0o600);
    assert.match(
      io.stdoutText(),
      /^client certificate for role reader: CN role:reader@acme:nas1, valid 365 days/,
    );
  });

  for (const [name, role, args, argument] of [
    ['an unknown role', 'writer', {}, 'ROLE'],
    ['an unknown tenant', 'reader', { tenant: 'globex' }, '--tenant'],
    ['a bad name', 'reader', { name: 'a/b' }, '--name'],
    ['a bad validity', 'reader', { days: '0' }, '--days'],
    ['a name that already has a certificate', 'reader', { name: 'nas1', tenant: 'acme' }, '--name'],
  ] as const) {
    it(`role cert refuses ${name} with KW_CLI_USAGE`, async () => {
      await assert.rejects(runRoleCert(role, args, options(), fakeIo({ cwd: home })), {
        code: 'KW_CLI_USAGE',
        argument,
      });
    });
  }
});
