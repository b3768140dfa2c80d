import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadServerConfig, type LoadServerConfigOptions } from '../../../src/config/index.ts';

describe('loadServerConfig', () => {
  let root: string;
  let cwd: string;
  let n = 0;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-config-'));
    cwd = join(root, 'cwd');
    await mkdir(cwd);
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function tomlFile(text: string): Promise<string> {
    const dir = join(root, `f${n++}`);
    await mkdir(dir);
    const path = join(dir, 'keywarden.toml');
    await writeFile(path, text);
    return path;
  }
  const load = (options: LoadServerConfigOptions = {}) =>
    loadServerConfig({ env: {}, cwd, ...options });

  describe('defaults', () => {
    it('puts everything under ./.keywarden with the documented defaults', async () => {
      const { config, file, sources, warnings } = await load();
      const home = join(cwd, '.keywarden');
      assert.deepEqual(config, {
        dataDir: home,
        kmip: {
          host: '127.0.0.1',
          port: 5696,
          certFile: join(home, 'pki', 'server.crt'),
          keyFile: join(home, 'pki', 'server.key'),
          caFile: join(home, 'pki', 'ca.crt'),
          tlsCipherSuites: [],
          tlsMinVersion: 'TLSv1.2',
          enableTlsClientAuth: true,
          maxMessageSize: 1024 * 1024,
          idleTimeoutMs: 300_000,
          maxConnections: 1024,
          attributeListing: 'compatible',
          defaultLeaseTime: 3600,
        },
        store: { backend: 'sqlite', path: join(home, 'keywarden.db') },
        crypto: { allowLegacy: false, minSecurityBits: 112, allowedAlgorithms: [] },
        masterKeyFile: join(home, 'master.key'),
        logLevel: 'info',
        logFormat: 'auto',
        auth: {
          plugins: ['certificate'],
          slugsUrls: [],
          slugsTimeoutMs: 5000,
          slugsCacheTtlMs: 30_000,
        },
      });
      assert.equal(file, undefined);
      assert.deepEqual(sources.get('kmip.port'), { kind: 'default' });
      assert.deepEqual(warnings, []);
    });

    it('derives the data folder paths from KEYWARDEN_HOME', async () => {
      const { config, sources } = await load({ env: { KEYWARDEN_HOME: 'data' } });
      assert.equal(config.dataDir, join(cwd, 'data'));
      assert.equal(config.store.path, join(cwd, 'data', 'keywarden.db'));
      assert.equal(config.kmip.certFile, join(cwd, 'data', 'pki', 'server.crt'));
      assert.deepEqual(sources.get('dataDir'), { kind: 'env', name: 'KEYWARDEN_HOME' });
    });
  });

  describe('TOML file', () => {
    it('reads every setting, resolving relative paths against the file folder', async () => {
      const path = await tomlFile(`
dataDir = "data"
masterKeyFile = "/secure/master.key"
logLevel = "debug"
logFormat = "json"
policyDir = "policies"

[kmip]
host = "0.0.0.0"
port = 15696
certFile = "tls/s.crt"
keyFile = "tls/s.key"
caFile = "tls/ca.crt"
tlsCipherSuites = ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"]
tlsMinVersion = "TLSv1.3"
enableTlsClientAuth = false
maxMessageSize = 65536
idleTimeoutMs = 10000
maxConnections = 10
attributeListing = "complete"
defaultLeaseTime = 0

[store]
backend = "sqlite"
path = "db/kw.db"

[crypto]
allowLegacy = true
minSecurityBits = 128
allowedAlgorithms = ["AES", "RSA"]
[auth]
plugins = ["password", "slugs", "certificate"]
slugsUrls = ["http://127.0.0.1:8080/slugs/"]
slugsTimeoutMs = 2000
slugsCacheTtlMs = 0
slugsCaFile = "tls/slugs-ca.crt"
`);
      const dir = join(path, '..');
      const { config, file, sources } = await load({ file: path });
      assert.deepEqual(file, { path, format: 'toml' });
      assert.deepEqual(config, {
        dataDir: join(dir, 'data'),
        kmip: {
          host: '0.0.0.0',
          port: 15696,
          certFile: join(dir, 'tls', 's.crt'),
          keyFile: join(dir, 'tls', 's.key'),
          caFile: join(dir, 'tls', 'ca.crt'),
          tlsCipherSuites: [
            'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
            'ECDHE-RSA-AES128-GCM-SHA256',
          ],
          tlsMinVersion: 'TLSv1.3',
          enableTlsClientAuth: false,
          maxMessageSize: 65536,
          idleTimeoutMs: 10000,
          maxConnections: 10,
          attributeListing: 'complete',
          defaultLeaseTime: 0,
        },
        store: { backend: 'sqlite', path: join(dir, 'db', 'kw.db') },
        crypto: { allowLegacy: true, minSecurityBits: 128, allowedAlgorithms: ['AES', 'RSA'] },
        masterKeyFile: '/secure/master.key',
        logLevel: 'debug',
        logFormat: 'json',
        policyDir: join(dir, 'policies'),
        auth: {
          plugins: ['password', 'slugs', 'certificate'],
          slugsUrls: ['http://127.0.0.1:8080/slugs/'],
          slugsTimeoutMs: 2000,
          slugsCacheTtlMs: 0,
          slugsCaFile: join(dir, 'tls', 'slugs-ca.crt'),
        },
      });
      assert.deepEqual(sources.get('kmip.port'), { kind: 'file', path });
    });

    it('finds config.toml in the data folder when no file is named', async () => {
      const home = join(root, 'implicit-home');
      await mkdir(home);
      await writeFile(join(home, 'config.toml'), '[kmip]\nport = 7000\n');
      const { config, file } = await load({ env: { KEYWARDEN_HOME: home } });
      assert.equal(config.kmip.port, 7000);
      assert.deepEqual(file, { path: join(home, 'config.toml'), format: 'toml' });
    });

    it('reads the file named in KEYWARDEN_CONFIG', async () => {
      const path = await tomlFile('logLevel = "warn"\n');
      const { config } = await load({ env: { KEYWARDEN_CONFIG: path } });
      assert.equal(config.logLevel, 'warn');
    });

    it('refuses a named file that does not exist with KW_CONFIG_FILE', async () => {
      const path = join(root, 'nope.toml');
      await assert.rejects(load({ file: path }), { code: 'KW_CONFIG_FILE', path });
      await assert.rejects(load({ env: { KEYWARDEN_CONFIG: path } }), {
        code: 'KW_CONFIG_FILE',
        path,
      });
    });

    it('refuses invalid TOML with KW_CONFIG_PARSE and the line', async () => {
      const path = await tomlFile('[kmip]\nport = = 1\n');
      await assert.rejects(load({ file: path }), { code: 'KW_CONFIG_PARSE', path, line: 2 });
    });

    for (const [text, setting, reason] of [
      ['[kmip]\nprot = 1\n', 'kmip.prot', /unknown setting \(did you mean kmip\.port\?\)/],
      ['loglevel = "info"\n', 'loglevel', /did you mean logLevel\?/],
      ['[kmpi]\nport = 1\n', 'kmpi', /did you mean kmip\?/],
      ['[server]\nhostname = "x"\n', 'server', /^unknown setting$/],
      ['[store]\nbackend = "sqlite"\nfoo = 1\n', 'store.foo', /^unknown setting$/],
    ] as const) {
      it(`refuses the unknown key ${setting} with KW_CONFIG_INVALID naming it`, async () => {
        const path = await tomlFile(text);
        await assert.rejects(
          load({ file: path }),
          (error: { code: string; setting: string; reason: string; source: unknown }) => {
            assert.equal(error.code, 'KW_CONFIG_INVALID');
            assert.equal(error.setting, setting);
            assert.deepEqual(error.source, { kind: 'file', path });
            assert.match(error.reason, reason);
            return true;
          },
        );
      });
    }

    for (const [text, setting] of [
      ['kmip = 5\n', 'kmip'],
      ['[kmip]\nport = "5696"\n', 'kmip.port'],
      ['[kmip]\nport = 70000\n', 'kmip.port'],
      ['[kmip]\nport = 1.5\n', 'kmip.port'],
      ['[kmip]\nhost = ""\n', 'kmip.host'],
      ['[kmip]\nhost = "a b"\n', 'kmip.host'],
      ['[kmip]\nenableTlsClientAuth = "yes"\n', 'kmip.enableTlsClientAuth'],
      ['[kmip]\ntlsCipherSuites = "AES128-SHA256"\n', 'kmip.tlsCipherSuites'],
      ['[kmip]\ntlsCipherSuites = ["TLS_NOT_A_SUITE"]\n', 'kmip.tlsCipherSuites'],
      ['[kmip]\ntlsMinVersion = "TLSv1.1"\n', 'kmip.tlsMinVersion'],
      ['[kmip]\nmaxMessageSize = 100\n', 'kmip.maxMessageSize'],
      ['[kmip]\nidleTimeoutMs = 0\n', 'kmip.idleTimeoutMs'],
      ['[kmip]\nmaxConnections = 0\n', 'kmip.maxConnections'],
      ['[kmip]\nattributeListing = "all"\n', 'kmip.attributeListing'],
      ['[kmip]\ndefaultLeaseTime = -1\n', 'kmip.defaultLeaseTime'],
      ['[store]\nbackend = "postgres"\n', 'store.backend'],
      ['[store]\npath = ""\n', 'store.path'],
      ['[auth]\nplugins = ["kerberos"]\n', 'auth.plugins'],
      ['[auth]\nplugins = "password"\n', 'auth.plugins'],
      ['[auth]\nslugsUrls = ["file:///etc/passwd"]\n', 'auth.slugsUrls'],
      ['[auth]\nslugsUrls = ["not a url"]\n', 'auth.slugsUrls'],
      ['[auth]\nslugsTimeoutMs = 0\n', 'auth.slugsTimeoutMs'],
      ['[auth]\nplugins = ["slugs"]\n', 'auth.slugsUrls'],
      ['logLevel = "verbose"\n', 'logLevel'],
      ['logFormat = "pretty"\n', 'logFormat'],
      ['dataDir = 3\n', 'dataDir'],
    ] as const) {
      it(`refuses ${JSON.stringify(text.trim())} with KW_CONFIG_INVALID naming ${setting}`, async () => {
        const path = await tomlFile(text);
        await assert.rejects(load({ file: path }), {
          code: 'KW_CONFIG_INVALID',
          setting,
          source: { kind: 'file', path },
        });
      });
    }

    it('names the cipher suite in the reason and keeps the TLS error as cause', async () => {
      const path = await tomlFile(
        '[kmip]\ntlsCipherSuites = ["AES128-SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"]\n',
      );
      await assert.rejects(load({ file: path }), (error: Error & { reason: string }) => {
        assert.match(error.reason, /TLS_RSA_WITH_3DES_EDE_CBC_SHA/);
        assert.equal((error.cause as { cause?: { code?: string } }).cause?.code, 'KW_TLS_CIPHER');
        return true;
      });
    });
  });

  describe('environment variables', () => {
    it('reads every KEYWARDEN_* setting, resolving relative paths against cwd', async () => {
      const { config } = await load({
        env: {
          KEYWARDEN_HOME: '/srv/kw',
          KEYWARDEN_MASTER_KEY_FILE: 'mk',
          KEYWARDEN_LOG_LEVEL: 'ERROR',
          KEYWARDEN_LOG_FORMAT: 'Readable',
          KEYWARDEN_POLICY_DIR: '/etc/kw/policies',
          KEYWARDEN_KMIP_HOST: '::',
          KEYWARDEN_KMIP_PORT: ' 5697 ',
          KEYWARDEN_KMIP_CERT_FILE: 'c.crt',
          KEYWARDEN_KMIP_KEY_FILE: 'c.key',
          KEYWARDEN_KMIP_CA_FILE: 'ca.crt',
          KEYWARDEN_KMIP_TLS_CIPHER_SUITES:
            'TLS_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256 AES128-SHA256',
          KEYWARDEN_KMIP_TLS_MIN_VERSION: 'tlsv1.3',
          KEYWARDEN_KMIP_ENABLE_TLS_CLIENT_AUTH: 'off',
          KEYWARDEN_KMIP_MAX_MESSAGE_SIZE: '2048',
          KEYWARDEN_KMIP_IDLE_TIMEOUT_MS: '5000',
          KEYWARDEN_KMIP_MAX_CONNECTIONS: '7',
          KEYWARDEN_KMIP_ATTRIBUTE_LISTING: 'Complete',
          KEYWARDEN_KMIP_DEFAULT_LEASE_TIME: '86400',
          KEYWARDEN_STORE_BACKEND: 'sqlite',
          KEYWARDEN_STORE_PATH: 'db.sqlite',
          KEYWARDEN_CRYPTO_ALLOW_LEGACY: 'yes',
          KEYWARDEN_CRYPTO_MIN_SECURITY_BITS: '80',
          KEYWARDEN_CRYPTO_ALLOWED_ALGORITHMS: 'AES, HMAC_SHA256 Blowfish',
          KEYWARDEN_AUTH_PLUGINS: 'Password, certificate',
          KEYWARDEN_AUTH_SLUGS_URLS: 'https://a.example/slugs http://b.example/',
          KEYWARDEN_AUTH_SLUGS_TIMEOUT_MS: '1000',
          KEYWARDEN_AUTH_SLUGS_CACHE_TTL_MS: '500',
          KEYWARDEN_AUTH_SLUGS_CA_FILE: 'slugs.pem',
        },
      });
      assert.deepEqual(config, {
        dataDir: '/srv/kw',
        kmip: {
          host: '::',
          port: 5697,
          certFile: join(cwd, 'c.crt'),
          keyFile: join(cwd, 'c.key'),
          caFile: join(cwd, 'ca.crt'),
          tlsCipherSuites: [
            'TLS_AES_128_GCM_SHA256',
            'ECDHE-RSA-AES128-GCM-SHA256',
            'AES128-SHA256',
          ],
          tlsMinVersion: 'TLSv1.3',
          enableTlsClientAuth: false,
          maxMessageSize: 2048,
          idleTimeoutMs: 5000,
          maxConnections: 7,
          attributeListing: 'complete',
          defaultLeaseTime: 86400,
        },
        store: { backend: 'sqlite', path: join(cwd, 'db.sqlite') },
        crypto: {
          allowLegacy: true,
          minSecurityBits: 80,
          allowedAlgorithms: ['AES', 'HMAC_SHA256', 'Blowfish'],
        },
        masterKeyFile: join(cwd, 'mk'),
        logLevel: 'error',
        logFormat: 'readable',
        policyDir: '/etc/kw/policies',
        auth: {
          plugins: ['password', 'certificate'],
          slugsUrls: ['https://a.example/slugs', 'http://b.example/'],
          slugsTimeoutMs: 1000,
          slugsCacheTtlMs: 500,
          slugsCaFile: join(cwd, 'slugs.pem'),
        },
      });
    });

    it('ignores empty variables and unrelated KEYWARDEN_* variables', async () => {
      const { config } = await load({
        env: { KEYWARDEN_KMIP_PORT: '', KEYWARDEN_CA_BUNDLE: '/x' },
      });
      assert.equal(config.kmip.port, 5696);
    });

    for (const [name, value, setting] of [
      ['KEYWARDEN_KMIP_PORT', 'abc', 'kmip.port'],
      ['KEYWARDEN_KMIP_PORT', '5696x', 'kmip.port'],
      ['KEYWARDEN_KMIP_ENABLE_TLS_CLIENT_AUTH', 'maybe', 'kmip.enableTlsClientAuth'],
      ['KEYWARDEN_KMIP_TLS_CIPHER_SUITES', 'RC4-SHA', 'kmip.tlsCipherSuites'],
      ['KEYWARDEN_LOG_LEVEL', 'loud', 'logLevel'],
    ] as const) {
      it(`refuses ${name}=${value} with KW_CONFIG_INVALID naming the variable`, async () => {
        await assert.rejects(load({ env: { [name]: value } }), {
          code: 'KW_CONFIG_INVALID',
          setting,
          source: { kind: 'env', name },
        });
      });
    }
  });

  describe('flags', () => {
    it('takes typed values and command-line strings', async () => {
      const { config, sources } = await load({
        flags: {
          dataDir: 'home',
          logLevel: 'debug',
          kmip: {
            port: '6001',
            enableTlsClientAuth: 'false',
            tlsCipherSuites: 'TLS_AES_128_GCM_SHA256',
            maxConnections: 3,
            attributeListing: 'complete',
          },
          store: { path: undefined },
        },
      });
      assert.equal(config.dataDir, join(cwd, 'home'));
      assert.equal(config.kmip.port, 6001);
      assert.equal(config.kmip.enableTlsClientAuth, false);
      assert.deepEqual(config.kmip.tlsCipherSuites, ['TLS_AES_128_GCM_SHA256']);
      assert.equal(config.kmip.maxConnections, 3);
      assert.equal(config.kmip.attributeListing, 'complete');
      assert.equal(config.store.path, join(cwd, 'home', 'keywarden.db'));
      assert.deepEqual(sources.get('kmip.port'), { kind: 'flag', name: 'kmip.port' });
    });

    it('refuses unknown flags and bad values with KW_CONFIG_INVALID naming the flag', async () => {
      await assert.rejects(load({ flags: { kmip: { prot: 1 } } as never }), {
        code: 'KW_CONFIG_INVALID',
        setting: 'kmip.prot',
        source: { kind: 'flag', name: 'kmip.prot' },
      });
      await assert.rejects(load({ flags: { kmip: { port: -1 } } }), {
        code: 'KW_CONFIG_INVALID',
        setting: 'kmip.port',
        source: { kind: 'flag', name: 'kmip.port' },
      });
    });
  });

  describe('precedence', () => {
    it('ranks defaults < file < env < flags, setting by setting', async () => {
      const path = await tomlFile(
        'logLevel = "warn"\n[kmip]\nport = 1001\nhost = "10.0.0.1"\nmaxConnections = 5\n',
      );
      const { config, sources } = await load({
        file: path,
        env: { KEYWARDEN_KMIP_PORT: '1002', KEYWARDEN_KMIP_HOST: '10.0.0.2' },
        flags: { kmip: { port: 1003 } },
      });
      assert.equal(config.kmip.port, 1003);
      assert.equal(config.kmip.host, '10.0.0.2');
      assert.equal(config.kmip.maxConnections, 5);
      assert.equal(config.logLevel, 'warn');
      assert.equal(config.kmip.idleTimeoutMs, 300_000);
      assert.deepEqual(sources.get('kmip.port'), { kind: 'flag', name: 'kmip.port' });
      assert.deepEqual(sources.get('kmip.host'), { kind: 'env', name: 'KEYWARDEN_KMIP_HOST' });
      assert.deepEqual(sources.get('kmip.maxConnections'), { kind: 'file', path });
      assert.deepEqual(sources.get('kmip.idleTimeoutMs'), { kind: 'default' });
    });

    it('derives default paths from the winning data folder', async () => {
      const path = await tomlFile('dataDir = "/from/file"\n');
      const { config } = await load({ file: path, env: { KEYWARDEN_HOME: '/from/env' } });
      assert.equal(config.dataDir, '/from/env');
      assert.equal(config.masterKeyFile, '/from/env/master.key');
      const flagged = await load({
        file: path,
        env: { KEYWARDEN_HOME: '/from/env' },
        flags: { dataDir: '/from/flag' },
      });
      assert.equal(flagged.config.kmip.caFile, '/from/flag/pki/ca.crt');
    });

    it('looks for config.toml in the data folder named by a flag', async () => {
      const home = join(root, 'flag-home');
      await mkdir(home);
      await writeFile(join(home, 'config.toml'), 'logLevel = "trace"\n');
      const { config } = await load({
        flags: { dataDir: home },
        env: { KEYWARDEN_HOME: '/elsewhere' },
      });
      assert.equal(config.logLevel, 'trace');
    });
  });
});
