// `keywarden kmip …`, `keywarden ciphers` and `keywarden completion` as real subprocesses
// against a real `keywarden serve`: output formats, binary data, profiles, exit codes 0–4.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  KEYWARDEN_MAIN,
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';

describe('keywarden kmip (subprocess against keywarden serve)', () => {
  let server: KeywardenProcess;
  let dir: string;
  let flags: string[];

  before(async () => {
    server = await startKeywardenProcess();
    dir = await mkdtemp(join(tmpdir(), 'kw-cli-'));
    flags = [
      '--server',
      `${server.host}:${server.port}`,
      '--ca',
      server.pki.ca,
      '--cert',
      server.pki.clientCert,
      '--key',
      server.pki.clientKey,
    ];
  });
  after(async () => {
    await server.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const kw = (args: readonly string[], env: Record<string, string> = {}) =>
    runKeywarden(args, { env: { XDG_CONFIG_HOME: dir, ...env } });
  const json = async (args: readonly string[]) => {
    const run = await kw([...args, '--json', ...flags]);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as unknown;
  };

  it('creates, shows, locates, activates, revokes and destroys a key (exit 0)', async () => {
    const { uniqueIdentifier: id } = (await json([
      'kmip',
      'create',
      '-a',
      'AES',
      '-l',
      '256',
      '-n',
      'cli-key',
    ])) as {
      uniqueIdentifier: string;
    };
    const attrs = await kw(['kmip', 'attrs', id, 'State', 'CryptographicAlgorithm', ...flags]);
    assert.equal(attrs.code, 0, attrs.stderr);
    assert.match(attrs.stdout, /^State\s+PreActive$/m);
    assert.match(attrs.stdout, /^CryptographicAlgorithm\s+AES$/m);
    assert.deepEqual(await json(['kmip', 'locate', '-n', 'cli-key']), [id]);
    assert.equal((await kw(['kmip', 'activate', id, ...flags])).code, 0);
    const located = await kw(['kmip', 'locate', '-n', 'cli-key', '--state', 'Active', ...flags]);
    assert.equal(located.stdout, `${id}\n`);
    const keyFile = join(dir, 'key.bin');
    assert.equal((await kw(['kmip', 'get', id, '--out', keyFile, ...flags])).code, 0);
    assert.equal((await readFile(keyFile)).length, 32);
    assert.equal(
      (await kw(['kmip', 'revoke', id, '-r', 'CessationOfOperation', ...flags])).code,
      0,
    );
    assert.equal((await kw(['kmip', 'destroy', id, ...flags])).code, 0);
  });

  it('registers bytes from standard input and gets the same bytes back', async () => {
    const material = Buffer.alloc(16, 0x42);
    const run = spawnSync(
      process.execPath,
      [KEYWARDEN_MAIN, 'kmip', 'register', '-t', 'symmetric-key', '--json', ...flags],
      {
        input: material,
        env: { ...process.env, XDG_CONFIG_HOME: dir },
      },
    );
    assert.equal(run.status, 0, run.stderr.toString());
    const { uniqueIdentifier: id } = JSON.parse(run.stdout.toString()) as {
      uniqueIdentifier: string;
    };
    const got = spawnSync(
      process.execPath,
      [KEYWARDEN_MAIN, 'kmip', 'get', id, '--out', '-', ...flags],
      {
        env: { ...process.env, XDG_CONFIG_HOME: dir },
      },
    );
    assert.equal(got.status, 0, got.stderr.toString());
    assert.deepEqual(got.stdout, material);
  });

  it('registers opaque data from standard input (issue #8: opaqueObject used to throw)', async () => {
    const data = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    const env = { ...process.env, XDG_CONFIG_HOME: dir };
    const run = spawnSync(
      process.execPath,
      [KEYWARDEN_MAIN, 'kmip', 'register', '-t', 'opaque', '--json', ...flags],
      { input: data, env },
    );
    assert.equal(run.status, 0, run.stderr.toString());
    const { uniqueIdentifier: id } = JSON.parse(run.stdout.toString()) as {
      uniqueIdentifier: string;
    };
    const got = spawnSync(
      process.execPath,
      [KEYWARDEN_MAIN, 'kmip', 'get', id, '--out', '-', ...flags],
      {
        env,
      },
    );
    assert.equal(got.status, 0, got.stderr.toString());
    assert.deepEqual(got.stdout, data);
  });

  it('creates a key pair and answers query and versions', async () => {
    const pair = (await json(['kmip', 'create-key-pair', '-a', 'RSA', '-l', '2048'])) as Record<
      string,
      string
    >;
    assert.ok(pair['privateKeyId'] !== undefined && pair['publicKeyId'] !== undefined);
    const query = (await json(['kmip', 'query'])) as { operations: string[] };
    assert.ok(query.operations.includes('Create'));
    assert.deepEqual(((await json(['kmip', 'versions'])) as string[])[0], '2.1');
  });

  it('exits 1 when the server fails the operation, naming KW_CLIENT_KMIP', async () => {
    const run = await kw(['kmip', 'get', 'no-such-id', ...flags]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /KW_CLIENT_KMIP/);
  });

  it('exits 2 on a usage error', async () => {
    assert.equal((await kw(['kmip', 'create', '-a', 'AES', ...flags])).code, 2); // no --length
    assert.equal((await kw(['kmip', 'create', '-a', 'NOPE', '-l', '1', ...flags])).code, 2);
    assert.equal((await kw(['kmip', 'query', '--server', 'bad:port:x'])).code, 2);
  });

  it('exits 3 when the server cannot be reached', async () => {
    const run = await kw(['kmip', 'query', '--server', '127.0.0.1:1', '--ca', server.pki.ca]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /KW_CLIENT_CONNECTION/);
  });

  it('exits 4 when the server certificate fails verification', async () => {
    const run = await kw(['kmip', 'query', ...flags, '--ca', server.pki.clientCert]);
    assert.equal(run.code, 4);
    assert.match(run.stderr, /KW_CLIENT_AUTH: server certificate chain check failed/);
  });

  it('takes the server, credentials and CA from a profile of the client config file', async () => {
    const config = join(dir, 'client.toml');
    await writeFile(
      config,
      [
        'profile = "dev"',
        '[profiles.dev]',
        `server = "${server.host}:${server.port}"`,
        `ca = ${JSON.stringify(server.pki.ca)}`,
        `cert = ${JSON.stringify(server.pki.clientCert)}`,
        `key = ${JSON.stringify(server.pki.clientKey)}`,
        '[profiles.broken]',
        'server = "127.0.0.1:1"',
      ].join('\n'),
    );
    const viaProfile = await runKeywarden(['kmip', 'versions'], {
      env: { KEYWARDEN_CLIENT_CONFIG: config },
    });
    assert.equal(viaProfile.code, 0, viaProfile.stderr);
    const other = await runKeywarden(['kmip', 'versions', '--profile', 'broken'], {
      env: { KEYWARDEN_CLIENT_CONFIG: config },
    });
    assert.equal(other.code, 3);
    const envWins = await runKeywarden(['kmip', 'versions'], {
      env: { KEYWARDEN_CLIENT_CONFIG: config, KEYWARDEN_SERVER: '127.0.0.1:1' },
    });
    assert.equal(envWins.code, 3);
  });

  it('probes the server with keywarden ciphers HOST:PORT', async () => {
    const run = await kw(['ciphers', `${server.host}:${server.port}`, '--json', ...flags]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      verification: string;
      chain: unknown[];
      accepted: { name: string }[];
    };
    assert.equal(report.verification, 'ok');
    assert.equal(report.chain.length, 2);
    assert.ok(report.accepted.some((s) => s.name === 'TLS_AES_256_GCM_SHA384'));
    assert.ok(!report.accepted.some((s) => s.name === 'AES128-SHA'));
  });

  it('lists local cipher suites and prints completion scripts', async () => {
    const tls13 = await kw(['ciphers', '--tls1_3']);
    assert.equal(tls13.code, 0);
    assert.match(
      tls13.stdout,
      /^TLS_AES_256_GCM_SHA384\s+TLSv1\.3\s+Kx=any\s+Au=any\s+Enc=AESGCM\(256\)\s+Mac=AEAD\s+default$/m,
    );
    assert.doesNotMatch(tls13.stdout, /ECDHE/);
    const tls12 = await kw(['ciphers', '--tls1_2']);
    assert.match(
      tls12.stdout,
      /^ECDHE-RSA-AES128-GCM-SHA256\s+TLSv1\.2\s+Kx=ECDH\s+Au=RSA\s+Enc=AESGCM\(128\)\s+Mac=AEAD/m,
    );
    const bash = await kw(['completion', 'bash']);
    assert.equal(bash.code, 0);
    assert.equal(spawnSync('bash', ['-n'], { input: bash.stdout }).status, 0);
    assert.match(bash.stdout, /"kmip"\) echo "convert create create-key-pair/);
    assert.equal((await kw(['completion', 'fish'])).code, 2);
  });

  it('shows examples in every kmip command help', async () => {
    for (const command of ['create', 'get', 'locate', 'encrypt', 'verify', 'versions']) {
      const help = await kw(['kmip', command, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Examples:\n\s+\$ keywarden kmip/);
    }
  });
});
