// Access control through real TLS connections: `keywarden serve` with a policy directory and
// config roles, driven by PyKMIP 0.10's client with three client certificates: the owner
// (the admin certificate), another client ("bob") and a role certificate from `keywarden role
// cert`. One server for the file; each client's requests go through one python process.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from '../../../src/crypto/index.ts';
import { createCaCertificate, issueCertificate } from '../../../src/pki/index.ts';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';
import { okResult, runClientOps, type ClientOpResult } from '../../support/pykmip-client-ops.ts';

const probe = probePykmip();

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const pemToDer = (pem: string) =>
  Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

/** Whether the server let the request past authorization (a later state error still counts). */
const outcome = (r: ClientOpResult | undefined) =>
  r?.ok === false && r.result_reason === 'PERMISSION_DENIED' ? 'denied' : 'allowed';

// Every object-bound operation PyKMIP 0.10 can send, in an order an owner can run them all.
const OPERATIONS = [
  ['Get', (uid: string) => ({ op: 'get', uid })],
  ['GetAttributes', (uid: string) => ({ op: 'get_attributes', uid, names: ['State'] })],
  ['GetAttributeList', (uid: string) => ({ op: 'get_attribute_list', uid })],
  ['Check', (uid: string) => ({ op: 'check', uid })],
  ['AddAttribute', (uid: string) => ({ op: 'add_attribute', uid, name: 'x-tag', value: 'a' })],
  [
    'ModifyAttribute',
    (uid: string) => ({ op: 'modify_attribute', uid, name: 'x-tag', value: 'b' }),
  ],
  ['DeleteAttribute', (uid: string) => ({ op: 'delete_attribute', uid, name: 'x-tag' })],
  // KMIP 2.0's Set Attribute (PyKMIP 0.10 sends it only in 2.0).
  [
    'SetAttribute',
    (uid: string) => ({
      op: 'set_attribute',
      uid,
      name: 'Contact Information',
      value: 'ops',
      kmip_version: '2.0',
    }),
  ],
  ['Activate', (uid: string) => ({ op: 'activate', uid })],
  ['Revoke', (uid: string) => ({ op: 'revoke', uid, reason: 'CESSATION_OF_OPERATION' })],
  ['Destroy', (uid: string) => ({ op: 'destroy', uid })],
] as const;
const READS = new Set(['Get', 'GetAttributes', 'GetAttributeList', 'Check']);
// Seed 004 `default` policy: anyone may read certificates and public keys; the rest is the owner's.
const PUBLIC_MATERIAL = new Set(['Certificate', 'PublicKey']);

function expected(policy: string, type: string, operation: string, isOwner: boolean) {
  if (policy !== 'default') return 'denied'; // `public` covers Templates only; `ghost` does not exist
  if (isOwner) return 'allowed';
  return PUBLIC_MATERIAL.has(type) && READS.has(operation) ? 'allowed' : 'denied';
}

interface Client {
  readonly cert: string;
  readonly key: string;
}

describe('access control through TLS with the PyKMIP client', () => {
  let home: string;
  let server: KeywardenProcess;
  let bob: Client;
  let agent: Client;
  let carol: Client;
  const policies = () => join(home, 'policies');

  function run(client: Client | 'owner', ops: object[]): Promise<ClientOpResult[]> {
    return runClientOps(
      server,
      ops,
      client === 'owner' ? {} : { certfile: client.cert, keyfile: client.key },
    );
  }
  /** Resolves once the server's log has `count` lines matching `pattern` (hot reload events). */
  function logCount(pattern: RegExp): number {
    return server
      .stderr()
      .split('\n')
      .filter((l) => pattern.test(l)).length;
  }
  async function waitForLog(pattern: RegExp, count: number): Promise<void> {
    if (logCount(pattern) >= count) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        server.child.stderr?.off('data', check);
        reject(new Error(`no ${count}th ${pattern} in the server log:\n${server.stderr()}`));
      }, 20_000);
      const check = () => {
        if (logCount(pattern) < count) return;
        clearTimeout(timer);
        server.child.stderr?.off('data', check);
        resolve();
      };
      server.child.stderr?.on('data', check);
    });
  }

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-access-'));
    await mkdir(join(home, 'policies'));
    await writeFile(
      join(home, 'policies', 'team.json'),
      JSON.stringify({ team: { preset: { SYMMETRIC_KEY: { GET: 'ALLOW_ALL' } } } }),
    );
    // The seed's preset-and-groups shape: key-admins may destroy, others may not.
    await writeFile(
      join(home, 'policies', 'grouped.json'),
      JSON.stringify({
        grouped: {
          preset: { SYMMETRIC_KEY: { GET: 'ALLOW_OWNER', DESTROY: 'DISALLOW_ALL' } },
          groups: { 'key-admins': { SYMMETRIC_KEY: { GET: 'ALLOW_ALL', DESTROY: 'ALLOW_ALL' } } },
        },
      }),
    );
    await writeFile(
      join(home, 'config.toml'),
      `policyDir = "policies"\n\n[access.roles.reader]\nowner = "any"\nallow = { SymmetricKey = ["Get", "GetAttributes"] }\n\n[access.groups]\nkey-admins = ["carol"]\n`,
    );
    const init = await runKeywarden(['init', '--home', home]);
    assert.equal(init.code, 0, init.stderr);
    const role = await runKeywarden(['role', 'cert', 'reader', '--name', 'agent', '--home', home]);
    assert.equal(role.code, 0, role.stderr);
    assert.match(role.stdout, /CN role:reader:agent/);
    agent = { cert: join(home, 'clients', 'agent.crt'), key: join(home, 'clients', 'agent.key') };
    const pki = join(home, 'pki');
    const issue = async (name: string): Promise<Client> => {
      const issued = await issueCertificate({
        caCert: await readFile(join(pki, 'ca.crt'), 'utf8'),
        caKey: await readFile(join(pki, 'ca.key'), 'utf8'),
        commonName: name,
        eku: ['clientAuth'],
      });
      const client = { cert: join(home, `${name}.crt`), key: join(home, `${name}.key`) };
      await writeFile(client.cert, issued.cert);
      await writeFile(client.key, issued.key, { mode: 0o600 });
      return client;
    };
    bob = await issue('bob');
    carol = await issue('carol');
    server = await startKeywardenProcess({ home });
  });
  after(async () => {
    await server?.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('reserved policies: every operation, allowed and denied, for the owner and another client', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const certificate = pemToDer((await createCaCertificate({ commonName: 'Matrix CA' })).cert);
    const specs: { type: string; policy: string; op: object }[] = [];
    const register = (type: string, policy: string, object: object) =>
      specs.push({
        type,
        policy,
        op: {
          op: 'register',
          object: {
            ...object,
            type,
            ...(policy !== 'default' && { operation_policy_name: policy }),
          },
        },
      });
    for (const policy of ['default', 'public', 'ghost']) {
      specs.push({
        type: 'SymmetricKey',
        policy,
        op: {
          op: 'create',
          algorithm: 'AES',
          length: 128,
          ...(policy !== 'default' && { operation_policy_name: policy }),
        },
      });
      register('SecretData', policy, { value: hex(randomBytes(16)) });
    }
    register('OpaqueObject', 'default', { value: hex(randomBytes(16)) });
    register('Certificate', 'default', { value: hex(certificate) });
    register('SplitKey', 'default', {
      algorithm: 'AES',
      length: 128,
      value: hex(randomBytes(16)),
      split_key_parts: 3,
      key_part_identifier: 1,
      split_key_threshold: 3,
      split_key_method: 'XOR',
    });
    const created = await run('owner', [
      ...specs.map((s) => s.op),
      {
        op: 'create_key_pair',
        algorithm: 'RSA',
        length: 2048,
        public_usage_mask: ['VERIFY'],
        private_usage_mask: ['SIGN'],
      },
    ]);
    const objects = specs.map((s, i) => ({
      type: s.type,
      policy: s.policy,
      uid: okResult(created, i) as string,
    }));
    const pair = okResult(created, specs.length) as { public_uid: string; private_uid: string };
    objects.push({ type: 'PublicKey', policy: 'default', uid: pair.public_uid });
    objects.push({ type: 'PrivateKey', policy: 'default', uid: pair.private_uid });

    // The other client first (nothing it may do changes an object), then the owner.
    for (const who of ['bob', 'owner'] as const) {
      const plan = objects.flatMap((o) =>
        OPERATIONS.map(([name, build]) => ({ o, name, op: build(o.uid) })),
      );
      const results = await run(
        who === 'bob' ? bob : 'owner',
        plan.map((p) => p.op),
      );
      const mismatches = plan.flatMap((p, i) => {
        const want = expected(p.o.policy, p.o.type, p.name, who === 'owner');
        const got = outcome(results[i]);
        return got === want
          ? []
          : [
              `${who} ${p.name} ${p.o.type} (${p.o.policy}): ${got}, expected ${want} ${JSON.stringify(results[i])}`,
            ];
      });
      assert.deepEqual(mismatches, []);
      assert.ok(
        plan.some(
          (p, i) =>
            expected(p.o.policy, p.o.type, p.name, who === 'owner') === 'allowed' && results[i]?.ok,
        ),
      );
    }
  });

  it('Locate lists only what the caller may locate', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const made = await run('owner', [
      { op: 'create', algorithm: 'AES', length: 128, name: 'located-key' },
      {
        op: 'create_key_pair',
        algorithm: 'RSA',
        length: 2048,
        public_name: 'located-pair',
        private_name: 'located-pair',
        public_usage_mask: ['VERIFY'],
        private_usage_mask: ['SIGN'],
      },
    ]);
    const key = okResult(made, 0) as string;
    const pair = okResult(made, 1) as { public_uid: string; private_uid: string };
    const locate = (name: string) => ({
      op: 'locate',
      attributes: [{ name: 'Name', value: name }],
    });
    const mine = await run('owner', [locate('located-key'), locate('located-pair')]);
    assert.deepEqual(okResult(mine, 0), [key]);
    assert.deepEqual(
      [...(okResult(mine, 1) as string[])].sort(),
      [pair.public_uid, pair.private_uid].sort(),
    );
    const theirs = await run(bob, [locate('located-key'), locate('located-pair')]);
    assert.deepEqual(okResult(theirs, 0), []);
    assert.deepEqual(okResult(theirs, 1), [pair.public_uid]);
  });

  it('a role certificate from `keywarden role cert` gets what its role allows, nothing more', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const made = await run('owner', [
      { op: 'create', algorithm: 'AES', length: 128 },
      { op: 'register', object: { type: 'SecretData', value: hex(randomBytes(16)) } },
    ]);
    const key = okResult(made, 0) as string;
    const secret = okResult(made, 1) as string;
    const results = await run(agent, [
      { op: 'get', uid: key },
      { op: 'get_attributes', uid: key, names: ['State'] },
      { op: 'destroy', uid: key },
      { op: 'get', uid: secret },
    ]);
    assert.deepEqual(results.map(outcome), ['allowed', 'allowed', 'denied', 'denied']);
    assert.ok(results[0]?.ok);
    const check = await runKeywarden([
      'policy',
      'check',
      'role:reader:agent',
      'Destroy',
      key,
      '--home',
      home,
    ]);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^DENIED: role:reader:agent Destroy /);
    const allowed = await runKeywarden([
      'policy',
      'check',
      'role:reader:agent',
      'Get',
      key,
      '--home',
      home,
    ]);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, /rule {5}roles\.reader/);
  });

  it('group rules: a member of a group from [access.groups] gets the group table, others the preset', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const made = await run('owner', [
      { op: 'create', algorithm: 'AES', length: 128, operation_policy_name: 'grouped' },
      { op: 'create', algorithm: 'AES', length: 128, operation_policy_name: 'grouped' },
    ]);
    const [first, second] = [okResult(made, 0) as string, okResult(made, 1) as string];
    const asBob = await run(bob, [
      { op: 'get', uid: first },
      { op: 'destroy', uid: first },
    ]);
    assert.deepEqual(asBob.map(outcome), ['denied', 'denied']);
    const asOwner = await run('owner', [
      { op: 'get', uid: first },
      { op: 'destroy', uid: first },
    ]);
    assert.deepEqual(asOwner.map(outcome), ['allowed', 'denied'], 'the preset: DISALLOW_ALL');
    const asCarol = await run(carol, [
      { op: 'get', uid: second },
      { op: 'destroy', uid: second },
    ]);
    assert.deepEqual(asCarol.map(outcome), ['allowed', 'allowed']);
    assert.equal(asCarol[1]?.ok, true, JSON.stringify(asCarol[1]));
  });

  it('hot reload: a policy file added, changed and removed takes effect without a restart', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const loaded = /"msg":"policy file loaded"/;
    const removed = /"msg":"policy file removed"/;
    const made = await run('owner', [
      { op: 'create', algorithm: 'AES', length: 128, operation_policy_name: 'team' },
      { op: 'create', algorithm: 'AES', length: 128, operation_policy_name: 'late' },
    ]);
    const teamKey = okResult(made, 0) as string;
    const lateKey = okResult(made, 1) as string;
    const bobGets = async () =>
      (
        await run(bob, [
          { op: 'get', uid: teamKey },
          { op: 'get', uid: lateKey },
        ])
      ).map(outcome);
    assert.deepEqual(await bobGets(), ['allowed', 'denied']); // team: GET ALLOW_ALL; late: unknown

    let seen = logCount(loaded);
    await writeFile(
      join(policies(), 'late.json'),
      JSON.stringify({ late: { preset: { SYMMETRIC_KEY: { GET: 'ALLOW_ALL' } } } }),
    );
    await waitForLog(loaded, ++seen);
    assert.deepEqual(await bobGets(), ['allowed', 'allowed'], 'added');

    await writeFile(
      join(policies(), 'team.json'),
      JSON.stringify({ team: { preset: { SYMMETRIC_KEY: { GET: 'ALLOW_OWNER' } } } }),
    );
    await waitForLog(loaded, ++seen);
    assert.deepEqual(await bobGets(), ['denied', 'allowed'], 'changed');

    // A collision: zz.json loads after late.json and wins; removing it restores late.json's.
    await writeFile(
      join(policies(), 'zz.json'),
      JSON.stringify({ late: { preset: { SYMMETRIC_KEY: { GET: 'DISALLOW_ALL' } } } }),
    );
    await waitForLog(loaded, seen + 1);
    assert.deepEqual(await bobGets(), ['denied', 'denied'], 'collision');
    let gone = logCount(removed);
    await unlink(join(policies(), 'zz.json'));
    await waitForLog(removed, ++gone);
    assert.deepEqual(await bobGets(), ['denied', 'allowed'], 'restored');

    await unlink(join(policies(), 'late.json'));
    await waitForLog(removed, gone + 1);
    assert.deepEqual(await bobGets(), ['denied', 'denied'], 'removed');

    await writeFile(join(policies(), 'broken.json'), '{"late": ');
    await waitForLog(/"msg":"policy file rejected/, 1);
    assert.deepEqual(await bobGets(), ['denied', 'denied'], 'a broken file changes nothing');
    assert.equal(server.child.exitCode, null, 'the server keeps running');
  });
});
