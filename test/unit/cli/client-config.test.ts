import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  parseServer,
  resolveClientOptions,
  resolveClientOptionsWithCredential,
} from '../../../src/cli/client-config.ts';
import { EXIT_CODES, exitCodeFor } from '../../../src/cli/exit-codes.ts';
import {
  AuthError,
  ClientUsageError,
  ConnectionError,
  KmipError,
  ProtocolError,
  ResultReason,
  TimeoutError,
} from '../../../src/client/index.ts';
import { fakeIo } from './fake-io.ts';

describe('client configuration of the kmip commands', () => {
  let dir: string;
  let config: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-client-config-'));
    config = join(dir, 'client.toml');
    await writeFile(
      config,
      [
        'profile = "prod"',
        '[profiles.prod]',
        'server = "kms.example:7000"',
        'ca = "ca.crt"',
        'cert = "certs/me.crt"',
        'key = "certs/me.key"',
        'timeoutMs = 5000',
        'username = "carol"',
        '[profiles.lab]',
        'server = "[::1]"',
        'verify = false',
      ].join('\n'),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads the default profile, with paths relative to the file', () => {
    const io = fakeIo({ env: { KEYWARDEN_CLIENT_CONFIG: config } });
    const options = resolveClientOptions({}, io);
    assert.equal(options.host, 'kms.example');
    assert.equal(options.port, 7000);
    assert.equal(options.tls?.caFile, join(dir, 'ca.crt'));
    assert.equal(options.tls?.certFile, join(dir, 'certs/me.crt'));
    assert.equal(options.timeoutMs, 5000);
  });

  it('lets env vars win over the profile and flags over env vars', () => {
    const env = { KEYWARDEN_CLIENT_CONFIG: config, KEYWARDEN_SERVER: 'env.example:1' };
    assert.equal(resolveClientOptions({}, fakeIo({ env })).host, 'env.example');
    assert.equal(
      resolveClientOptions({ server: 'flag.example' }, fakeIo({ env })).host,
      'flag.example',
    );
  });

  it('picks another profile by flag or KEYWARDEN_PROFILE', () => {
    const env = { KEYWARDEN_CLIENT_CONFIG: config, KEYWARDEN_PROFILE: 'lab' };
    const options = resolveClientOptions({}, fakeIo({ env }));
    assert.equal(options.host, '::1');
    assert.equal(options.port, 5696);
    assert.equal(options.tls?.verify, false);
  });

  it('refuses a missing named file or profile with KW_CLI_INPUT, but not a missing default file', () => {
    assert.throws(
      () =>
        resolveClientOptions(
          {},
          fakeIo({ env: { KEYWARDEN_CLIENT_CONFIG: join(dir, 'no.toml') } }),
        ),
      {
        code: 'KW_CLI_INPUT',
      },
    );
    assert.throws(
      () =>
        resolveClientOptions(
          { profile: 'nope' },
          fakeIo({ env: { KEYWARDEN_CLIENT_CONFIG: config } }),
        ),
      {
        code: 'KW_CLI_INPUT',
      },
    );
    const options = resolveClientOptions(
      {},
      fakeIo({ env: { XDG_CONFIG_HOME: join(dir, 'empty') } }),
    );
    assert.equal(options.host, '127.0.0.1');
  });

  it('takes --verify with a path instead of a CA file, and --no-verify', () => {
    const io = fakeIo({ env: { XDG_CONFIG_HOME: join(dir, 'empty') }, cwd: dir });
    assert.equal(resolveClientOptions({ verify: 'cadir' }, io).tls?.verify, join(dir, 'cadir'));
    const off = resolveClientOptions({ verify: false, ca: 'ca.crt' }, io);
    assert.equal(off.tls?.verify, false);
    assert.equal(off.tls?.caFile, undefined);
  });

  it('sends a Username and Password credential: user from flag, env or profile, password from env', async () => {
    const env = { KEYWARDEN_CLIENT_CONFIG: config, KEYWARDEN_CLIENT_PASSWORD: 'pw-from-env' };
    const fromProfile = await resolveClientOptionsWithCredential({}, fakeIo({ env }));
    assert.deepEqual(fromProfile.credential, {
      kind: 'UsernameAndPassword',
      username: 'carol',
      password: 'pw-from-env',
    });
    assert.equal(fromProfile.host, 'kms.example');
    const io = fakeIo({ env: { ...env, KEYWARDEN_CLIENT_USERNAME: 'dave' } });
    const fromFlag = await resolveClientOptionsWithCredential({ username: 'erin' }, io);
    assert.equal(
      fromFlag.credential?.kind === 'UsernameAndPassword' && fromFlag.credential.username,
      'erin',
    );
    const fromEnv = await resolveClientOptionsWithCredential({}, io);
    assert.equal(
      fromEnv.credential?.kind === 'UsernameAndPassword' && fromEnv.credential.username,
      'dave',
    );
    const lab = { KEYWARDEN_CLIENT_CONFIG: config, KEYWARDEN_PROFILE: 'lab' };
    assert.equal(
      (await resolveClientOptionsWithCredential({}, fakeIo({ env: lab }))).credential,
      undefined,
    );
    assert.equal(resolveClientOptions({}, fakeIo({ env })).credential, undefined);
  });

  it('asks a terminal for the password, and refuses a user name without one otherwise (KW_CLI_INPUT)', async () => {
    const env = { XDG_CONFIG_HOME: join(dir, 'empty') };
    const prompts: string[] = [];
    const terminal = {
      ...fakeIo({ env }),
      promptSecret: async (prompt: string) => {
        prompts.push(prompt);
        return 'typed';
      },
    };
    const typed = await resolveClientOptionsWithCredential({ username: 'carol' }, terminal);
    assert.deepEqual(prompts, ['Password for carol: ']);
    assert.equal(
      typed.credential?.kind === 'UsernameAndPassword' && typed.credential.password,
      'typed',
    );
    await assert.rejects(
      resolveClientOptionsWithCredential({ username: 'carol' }, fakeIo({ env })),
      {
        code: 'KW_CLI_INPUT',
      },
    );
  });

  it('parses HOST[:PORT] and refuses anything else', () => {
    assert.deepEqual(parseServer('kms:15696'), { host: 'kms', port: 15696 });
    assert.deepEqual(parseServer('[fe80::1]:5696'), { host: 'fe80::1', port: 5696 });
    assert.throws(() => parseServer('kms:99999'), { code: 'KW_CLI_INPUT' });
    assert.throws(() => parseServer('a:b:c'), { code: 'KW_CLI_INPUT' });
  });
});

describe('exit codes of the kmip client commands', () => {
  const address = { host: 'h', port: 1 };
  it('maps KMIP failures to 1, usage to 2, connection to 3 and auth to 4', () => {
    assert.equal(
      exitCodeFor(new KmipError('Get', { resultStatus: 1, resultReason: 1 })),
      EXIT_CODES.failure,
    );
    assert.equal(exitCodeFor(new ClientUsageError('bad')), EXIT_CODES.usage);
    assert.equal(exitCodeFor(new ConnectionError(address, 'refused', { wasSent: false })), 3);
    assert.equal(exitCodeFor(new TimeoutError('response', 5)), 3);
    assert.equal(exitCodeFor(new ProtocolError('garbled')), 3);
    assert.equal(exitCodeFor(new AuthError('chain', 'untrusted')), 4);
  });

  it('gives 4 when the server answers Authentication Not Successful (a refused credential)', () => {
    const refused = new KmipError('Query', {
      resultStatus: 1,
      resultReason: ResultReason.AuthenticationNotSuccessful,
    });
    assert.equal(exitCodeFor(refused), EXIT_CODES.auth);
    const denied = new KmipError('Get', {
      resultStatus: 1,
      resultReason: ResultReason.PermissionDenied,
    });
    assert.equal(exitCodeFor(denied), EXIT_CODES.failure);
  });
});
