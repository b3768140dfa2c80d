import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { PYKMIP_FLAGS, readPykmipFlags } from '../../../src/cli/pykmip-flags.ts';
import { addServerFlags, toLoadOptions } from '../../../src/cli/server-flags.ts';
import { loadServerConfig } from '../../../src/config/index.ts';

function parse(args: string[]) {
  const command = addServerFlags(new Command('serve').exitOverride());
  command.parse(args, { from: 'user' });
  const warnings: string[] = [];
  const options = toLoadOptions(command.opts(), { env: {}, cwd: '/work' }, (w) => warnings.push(w));
  return { options, warnings, opts: command.opts() };
}

describe('PyKMIP server script flags', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-pykmip-flags-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keys every flag as Commander names it', () => {
    for (const flag of PYKMIP_FLAGS) {
      const command = addServerFlags(new Command('serve').exitOverride());
      const takesValue = flag.flags.includes('<');
      command.parse([flag.flags.split(/[ ,]+/)[0] ?? '', ...(takesValue ? ['x'] : [])], {
        from: 'user',
      });
      assert.equal(command.opts()[flag.key], takesValue ? 'x' : true, flag.flags);
    }
  });

  it('maps -n -p -c -k -a -o -v -d -i onto the settings, Keywarden flags winning', () => {
    const { options } = parse([
      '-n',
      '0.0.0.0',
      '-p',
      '5697',
      '-c',
      'server.crt',
      '-k',
      'server.key',
      '-a',
      'ca.crt',
      '-o',
      '/etc/pykmip/policies',
      '-v',
      'WARNING',
      '-d',
      '/tmp/pykmip.db',
      '-i',
      '--db',
      '/var/lib/kw.db',
    ]);
    assert.deepEqual(options.flags, {
      kmip: {
        host: '0.0.0.0',
        port: '5697',
        certFile: 'server.crt',
        keyFile: 'server.key',
        caFile: 'ca.crt',
        enableTlsClientAuth: 'false',
      },
      policyDir: '/etc/pykmip/policies',
      logLevel: 'warn',
      store: { path: '/var/lib/kw.db' },
    });
  });

  it('accepts the long PyKMIP spellings and warns about what has no equivalent', () => {
    const { options, warnings } = parse([
      '--hostname',
      'kms.local',
      '--logging_level',
      'CRITICAL',
      '--auth_suite',
      'Basic',
      '--log_path',
      '/var/log/pykmip/server.log',
    ]);
    assert.deepEqual(options.flags, { kmip: { host: 'kms.local' }, logLevel: 'fatal' });
    assert.equal(warnings.length, 2);
    assert.match(warnings.join('\n'), /auth_suite Basic/);
    assert.match(warnings.join('\n'), /log_path is ignored/);
  });

  it('--pykmip-config and -f read the file as a PyKMIP server.conf', async () => {
    const conf = join(dir, 'pykmip.ini.txt');
    await writeFile(conf, '[server]\n');
    for (const args of [
      ['--pykmip-config', conf],
      ['-f', conf],
    ]) {
      const { options } = parse(args);
      assert.equal(options.file, conf);
      assert.equal(options.format, 'pykmip');
    }
  });

  for (const [name, options, argument] of [
    ['a bad auth suite', { auth_suite: 'TLS1.3' }, '--auth_suite'],
    [
      '--pykmip-config with --config',
      { pykmipConfig: 'a.conf', config: 'b.toml' },
      '--pykmip-config',
    ],
    [
      '--pykmip-config with -f',
      { pykmipConfig: 'a.conf', config_path: 'b.conf' },
      '--pykmip-config',
    ],
  ] as const) {
    it(`refuses ${name} with KW_CLI_USAGE`, () => {
      assert.throws(() => readPykmipFlags(options), { code: 'KW_CLI_USAGE', argument });
    });
  }

  it('auto finds /etc/pykmip/server.conf, and refuses clearly when there is none', async () => {
    const found = join(dir, 'server.conf');
    await writeFile(found, '[server]\n');
    assert.equal(readPykmipFlags({ pykmipConfig: 'auto' }, found).file, found);
    assert.throws(() => readPykmipFlags({ pykmipConfig: 'auto' }, join(dir, 'none.conf')), {
      code: 'KW_CLI_USAGE',
    });
  });

  it('loads the seed example server.conf through --pykmip-config (file format forced)', async () => {
    for (const name of ['server.crt', 'server.key', 'ca.crt'])
      await writeFile(join(dir, name), 'pem');
    const conf = join(dir, 'server-conf.txt');
    await writeFile(
      conf,
      `[server]\nhostname=127.0.0.1\nport=5696\ncertificate_path=${dir}/server.crt\nkey_path=${dir}/server.key\nca_path=${dir}/ca.crt\nauth_suite=TLS1.2\npolicy_path=${dir}/policies\nenable_tls_client_auth=True\ntls_cipher_suites=\n    TLS_RSA_WITH_AES_128_CBC_SHA256\n    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384\nlogging_level=DEBUG\ndatabase_path=/tmp/pykmip.db\n\n[auth:slugs]\nenabled=False\nurl=http://127.0.0.1:8080/slugs/\n`,
    );
    const { options } = parse(['--pykmip-config', conf, '-p', '0']);
    const { config, file } = await loadServerConfig({ ...options, env: {}, cwd: dir });
    assert.deepEqual(file, { path: conf, format: 'pykmip' });
    assert.equal(config.kmip.port, 0);
    assert.equal(config.policyDir, join(dir, 'policies'));
    assert.equal(config.logLevel, 'debug');
    // The seed's [auth:slugs] block is disabled: certificate authentication stays.
    assert.deepEqual(config.auth?.plugins, ['certificate']);
  });
});
