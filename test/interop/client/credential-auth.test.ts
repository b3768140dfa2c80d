// The header credential (Username and Password, KMIP 1.4 §2.1.2) of KmipClient and of
// `keywarden kmip` against `keywarden serve --auth-plugins password` with a user made by
// `keywarden user add` (issue #8): accepted with the right password, Authentication Not
// Successful (KmipError; CLI exit 4) with a wrong one or none.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KmipClient, ResultReason, type KmipClientOptions } from '../../../src/client/index.ts';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';

const PASSWORD = 'correct horse battery staple';

describe('Username and Password credential against keywarden serve --auth-plugins password', () => {
  let home: string;
  let server: KeywardenProcess;
  let base: KmipClientOptions;
  let flags: string[];
  const clients: KmipClient[] = [];

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-client-auth-'));
    const init = await runKeywarden(['init', '--home', home]);
    assert.equal(init.code, 0, init.stderr);
    const add = await runKeywarden(
      ['user', 'add', 'carol', '--group', 'ops', '--password-stdin', '--home', home],
      { stdin: `${PASSWORD}\n` },
    );
    assert.equal(add.code, 0, add.stderr);
    server = await startKeywardenProcess({ home, args: ['--auth-plugins', 'password'] });
    base = {
      host: server.host,
      port: server.port,
      tls: {
        verify: server.pki.ca,
        certFile: server.pki.clientCert,
        keyFile: server.pki.clientKey,
      },
    };
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
    await Promise.all(clients.map((c) => c.close()));
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  function clientWith(password: string | undefined): KmipClient {
    const client = new KmipClient({
      ...base,
      ...(password !== undefined && {
        credential: { kind: 'UsernameAndPassword', username: 'carol', password },
      }),
    });
    clients.push(client);
    return client;
  }

  it('accepts the right password: negotiation and operations succeed', async () => {
    const client = clientWith(PASSWORD);
    assert.deepEqual(await client.protocolVersion(), { major: 2, minor: 1 });
    const id = await client.create({ algorithm: 'AES', length: 128, usageMask: ['Encrypt'] });
    assert.equal((await client.get(id)).keyMaterial?.length, 16);
  });

  for (const [what, password] of [
    ['a wrong password', 'not the password'],
    ['no credential', undefined],
  ] as const) {
    it(`refuses ${what} with KW_CLIENT_KMIP AuthenticationNotSuccessful, without falling back to KMIP 1.0`, async () => {
      const client = clientWith(password);
      await assert.rejects(client.query(), {
        code: 'KW_CLIENT_KMIP',
        resultReason: ResultReason.AuthenticationNotSuccessful,
        reasonName: 'AuthenticationNotSuccessful',
      });
      // A refused DiscoverVersions is not a KMIP 1.0 server: nothing is remembered.
      await assert.rejects(client.protocolVersion(), { code: 'KW_CLIENT_KMIP' });
    });
  }

  it('CLI: --username with KEYWARDEN_CLIENT_PASSWORD is accepted (exit 0)', async () => {
    const run = await runKeywarden(['kmip', 'versions', '--username', 'carol', ...flags], {
      env: { KEYWARDEN_CLIENT_PASSWORD: PASSWORD, XDG_CONFIG_HOME: home },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.split('\n')[0], '2.1');
  });

  it('CLI: a wrong password or no credential exits 4 naming AuthenticationNotSuccessful', async () => {
    const wrong = await runKeywarden(['kmip', 'query', '--username', 'carol', ...flags], {
      env: { KEYWARDEN_CLIENT_PASSWORD: 'not the password', XDG_CONFIG_HOME: home },
    });
    assert.equal(wrong.code, 4, wrong.stderr);
    assert.match(wrong.stderr, /KW_CLIENT_KMIP: .*AuthenticationNotSuccessful/);
    assert.ok(!wrong.stderr.includes('not the password'));
    const none = await runKeywarden(['kmip', 'query', ...flags], {
      env: { XDG_CONFIG_HOME: home },
    });
    assert.equal(none.code, 4, none.stderr);
  });

  it('CLI: --username without a password on a non-terminal is a usage error (exit 2)', async () => {
    const run = await runKeywarden(['kmip', 'query', '--username', 'carol', ...flags], {
      env: { XDG_CONFIG_HOME: home },
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /KEYWARDEN_CLIENT_PASSWORD/);
  });
});
