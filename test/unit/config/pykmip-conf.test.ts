import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadServerConfig } from '../../../src/config/index.ts';

describe('PyKMIP server.conf', () => {
  // Created now: the case tables below build file bodies that name these paths.
  const root = mkdtempSync(join(tmpdir(), 'kw-pykmip-conf-'));
  const certs = join(root, 'certs');
  let n = 0;

  before(async () => {
    await mkdir(certs);
    for (const name of ['server.crt', 'server.key', 'ca.crt'])
      await writeFile(join(certs, name), 'pem');
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function conf(body: string): Promise<string> {
    const path = join(root, `server${n++}.conf`);
    await writeFile(path, body);
    return path;
  }
  const required = (overrides: Record<string, string> = {}) =>
    Object.entries({
      hostname: '127.0.0.1',
      port: '5696',
      certificate_path: join(certs, 'server.crt'),
      key_path: join(certs, 'server.key'),
      ca_path: join(certs, 'ca.crt'),
      auth_suite: 'TLS1.2',
      ...overrides,
    })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  const load = (file: string) => loadServerConfig({ file, env: {}, cwd: root });

  it('maps the seed example (docs Configuration block) onto the server configuration', async () => {
    const path = await conf(`[server]
hostname=127.0.0.1
port=5696
certificate_path=${join(certs, 'server.crt')}
key_path=${join(certs, 'server.key')}
ca_path=${join(certs, 'ca.crt')}
auth_suite=Basic
policy_path=/path/to/policy/file
enable_tls_client_auth=True
tls_cipher_suites=
    TLS_RSA_WITH_AES_128_CBC_SHA256
    TLS_RSA_WITH_AES_256_CBC_SHA256
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
logging_level=DEBUG
database_path=/tmp/pykmip.db
`);
    const { config, file, warnings, sources } = await load(path);
    assert.deepEqual(file, { path, format: 'pykmip' });
    assert.equal(config.kmip.host, '127.0.0.1');
    assert.equal(config.kmip.port, 5696);
    assert.equal(config.kmip.certFile, join(certs, 'server.crt'));
    assert.equal(config.kmip.keyFile, join(certs, 'server.key'));
    assert.equal(config.kmip.caFile, join(certs, 'ca.crt'));
    assert.equal(config.kmip.enableTlsClientAuth, true);
    assert.deepEqual(config.kmip.tlsCipherSuites, [
      'TLS_RSA_WITH_AES_128_CBC_SHA256',
      'TLS_RSA_WITH_AES_256_CBC_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
    ]);
    assert.equal(config.kmip.tlsMinVersion, 'TLSv1.2');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.policyDir, '/path/to/policy/file');
    assert.equal(config.store.path, '/tmp/pykmip.db');
    assert.deepEqual(sources.get('kmip.port'), { kind: 'file', path });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /server\.auth_suite: Basic/);
  });

  it('reads the PyKMIP examples/server.conf shape (no optional settings) with defaults for the rest', async () => {
    const { config, warnings } = await load(await conf(`[server]\n${required()}\n`));
    assert.equal(config.kmip.enableTlsClientAuth, true);
    assert.deepEqual(config.kmip.tlsCipherSuites, []);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.policyDir, undefined);
    assert.equal(config.store.path, join(root, '.keywarden', 'keywarden.db'));
    assert.deepEqual(warnings, []);
  });

  it('picks the format from the extension, or from the format option', async () => {
    const path = join(root, 'pykmip-settings.txt');
    await writeFile(path, `[server]\n${required({ port: '7000' })}\n`);
    const { config, file } = await loadServerConfig({
      file: path,
      format: 'pykmip',
      env: {},
      cwd: root,
    });
    assert.equal(config.kmip.port, 7000);
    assert.equal(file?.format, 'pykmip');
  });

  for (const [level, expected] of [
    ['DEBUG', 'debug'],
    ['info', 'info'],
    ['WARNING', 'warn'],
    ['ERROR', 'error'],
    ['CRITICAL', 'fatal'],
  ] as const) {
    it(`maps logging_level ${level} to ${expected}`, async () => {
      const { config } = await load(
        await conf(`[server]\n${required()}\nlogging_level=${level}\n`),
      );
      assert.equal(config.logLevel, expected);
    });
  }

  for (const [value, expected] of [
    ['False', false],
    ['no', false],
    ['0', false],
    ['off', false],
    ['TRUE', true],
    ['yes', true],
    ['on', true],
  ] as const) {
    it(`reads enable_tls_client_auth=${value} as ${expected} (configparser booleans)`, async () => {
      const { config } = await load(
        await conf(`[server]\n${required()}\nenable_tls_client_auth=${value}\n`),
      );
      assert.equal(config.kmip.enableTlsClientAuth, expected);
    });
  }

  it('treats empty policy_path, database_path and tls_cipher_suites as unset', async () => {
    const { config } = await load(
      await conf(`[server]\n${required()}\npolicy_path=\ndatabase_path=\ntls_cipher_suites=\n`),
    );
    assert.equal(config.policyDir, undefined);
    assert.deepEqual(config.kmip.tlsCipherSuites, []);
  });

  it('resolves relative paths against the working folder, as PyKMIP does', async () => {
    const path = await conf(
      `[server]\n${required({ certificate_path: 'certs/server.crt', key_path: 'certs/server.key', ca_path: 'certs/ca.crt' })}\n`,
    );
    const { config } = await load(path);
    assert.equal(config.kmip.certFile, join(certs, 'server.crt'));
  });

  it('lets env vars and flags override the PyKMIP file', async () => {
    const path = await conf(`[server]\n${required()}\n`);
    const { config } = await loadServerConfig({
      file: path,
      cwd: root,
      env: { KEYWARDEN_KMIP_PORT: '6000' },
      flags: { kmip: { host: '0.0.0.0' } },
    });
    assert.equal(config.kmip.port, 6000);
    assert.equal(config.kmip.host, '0.0.0.0');
  });

  it('uses DEFAULT section values and interpolation', async () => {
    const path = await conf(
      `[DEFAULT]\ncerts=${certs}\n[server]\n${required({ ca_path: '%(certs)s/ca.crt' })}\n`,
    );
    // A DEFAULT option that only serves interpolation ("certs") is neither used nor warned about.
    const first = await load(path);
    assert.equal(first.config.kmip.caFile, join(certs, 'ca.crt'));
    assert.deepEqual(first.warnings, []);
    const ok = await conf(
      `[DEFAULT]\nport=5697\n[server]\n${required({ ca_path: '%(key_path)s' }).replace('port=5696\n', '')}\n`,
    );
    const { config } = await load(ok);
    assert.equal(config.kmip.port, 5697);
    assert.equal(config.kmip.caFile, join(certs, 'server.key'));
  });

  for (const [name, body, setting] of [
    ['no [server] section', '[client]\nhost=x\n', 'server'],
    [
      'a missing expected setting',
      `[server]\n${required().replace(/^auth_suite=.*$/m, '')}\n`,
      'server.auth_suite',
    ],
    ['a bad port', `[server]\n${required({ port: 'http' })}\n`, 'server.port'],
    ['a port out of range', `[server]\n${required({ port: '70000' })}\n`, 'server.port'],
    [
      'a certificate that does not exist',
      `[server]\n${required({ certificate_path: '/nope/c.pem' })}\n`,
      'server.certificate_path',
    ],
    [
      'a CA path that does not exist',
      `[server]\n${required({ ca_path: 'missing.pem' })}\n`,
      'server.ca_path',
    ],
    [
      'an unknown auth_suite',
      `[server]\n${required({ auth_suite: 'TLS1.3' })}\n`,
      'server.auth_suite',
    ],
    [
      'a bad boolean',
      `[server]\n${required()}\nenable_tls_client_auth=sure\n`,
      'server.enable_tls_client_auth',
    ],
    [
      'an unknown logging level',
      `[server]\n${required()}\nlogging_level=LOUD\n`,
      'server.logging_level',
    ],
    ['an empty logging level', `[server]\n${required()}\nlogging_level=\n`, 'server.logging_level'],
    [
      'an unknown cipher suite',
      `[server]\n${required()}\ntls_cipher_suites=TLS_FOO\n`,
      'server.tls_cipher_suites',
    ],
    [
      'an enabled SLUGS plugin without a URL',
      `[server]\n${required()}\n[auth:slugs]\nenabled=True\n`,
      'auth:slugs.url',
    ],
    [
      'a SLUGS URL that is not http(s)',
      `[server]\n${required()}\n[auth:slugs]\nenabled=True\nurl=ftp://x/\n`,
      'auth.slugsUrls',
    ],
  ] as const) {
    it(`refuses ${name} with KW_CONFIG_INVALID naming ${setting}`, async () => {
      const path = await conf(body);
      await assert.rejects(load(path), {
        code: 'KW_CONFIG_INVALID',
        setting,
        source: { kind: 'file', path },
      });
    });
  }

  it('warns about an unknown [server] setting, naming it, and starts anyway', async () => {
    const path = await conf(`[server]\n${required()}\nhost_name=x\nmax_threads=4\n`);
    const { warnings, config } = await load(path);
    assert.deepEqual(warnings, [
      'server.host_name: unknown setting, ignored',
      'server.max_threads: unknown setting, ignored',
    ]);
    assert.equal(config.kmip.port, 5696);
  });

  it('issue #7: reads enabled [auth:slugs...] blocks in file order as the SLUGS plugins', async () => {
    const path = await conf(
      `[server]\n${required()}\n` +
        '[auth:slugs:primary]\nenabled=True\nurl=http://127.0.0.1:8080/slugs/\n' +
        '[auth:slugs:off]\nenabled=true\nurl=http://off/\n' +
        '[auth:ldap]\nenabled=True\nurl=ldap://x\n' +
        '[auth:slugs:secondary]\nenabled=True\nurl=https://slugs.example/api\n',
    );
    const { config, warnings } = await load(path);
    assert.deepEqual(config.auth?.plugins, ['slugs']);
    assert.deepEqual(config.auth?.slugsUrls, [
      'http://127.0.0.1:8080/slugs/',
      'https://slugs.example/api',
    ]);
    // PyKMIP enables a block only for exactly "True".
    assert.match(warnings.join('\n'), /\[auth:slugs:off\] ignored: the plugin is not enabled/);
    assert.match(warnings.join('\n'), /\[auth:ldap\] ignored: only SLUGS/);
  });

  it('keeps certificate authentication when no plugin is enabled', async () => {
    const path = await conf(`[server]\n${required()}\n[auth:slugs]\nenabled=False\n`);
    const { config } = await load(path);
    assert.deepEqual(config.auth?.plugins, ['certificate']);
    assert.deepEqual(config.auth?.slugsUrls, []);
  });

  it('ignores a disabled auth plugin and other sections, with warnings', async () => {
    const path = await conf(
      `[server]\n${required()}\n[auth:slugs]\nenabled=False\n[client]\nhost=x\n`,
    );
    const { warnings } = await load(path);
    assert.equal(warnings.length, 2);
    assert.match(warnings.join('\n'), /\[auth:slugs\] ignored/);
    assert.match(warnings.join('\n'), /\[client\] ignored/);
  });

  it('refuses INI syntax errors with KW_CONFIG_PARSE', async () => {
    const path = await conf('port=5696\n');
    await assert.rejects(load(path), { code: 'KW_CONFIG_PARSE', path, line: 1 });
  });
});
