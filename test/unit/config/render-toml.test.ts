import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'smol-toml';
import {
  SETTINGS,
  loadServerConfig,
  renderConfigToml,
  writeDefaultConfigToml,
  type ServerConfig,
} from '../../../src/config/index.ts';

describe('renderConfigToml and writeDefaultConfigToml', () => {
  let root: string;
  let n = 0;
  const fresh = async () => {
    const dir = join(root, `home${n++}`);
    await mkdir(dir);
    return dir;
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-render-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('documents every setting with its env var, defaults commented out', async () => {
    const home = await fresh();
    const { config } = await loadServerConfig({ env: { KEYWARDEN_HOME: home } });
    const text = renderConfigToml(config);
    for (const def of SETTINGS) {
      const key = def.path.split('.').at(-1) ?? '';
      assert.match(text, new RegExp(`Env: ${def.env}\\.\\n# ${key} = `), def.path);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(parse(text))), {
      kmip: {},
      crypto: {},
      pki: {},
      store: {},
      auth: {},
    });
    assert.match(text, /# certFile = "pki\/server\.crt"/);
  });

  it('sets values that differ from their defaults, and reads back to the same configuration', async () => {
    const home = await fresh();
    const { config } = await loadServerConfig({
      env: { KEYWARDEN_HOME: home },
      flags: {
        logLevel: 'debug',
        policyDir: join(home, 'policies'),
        masterKeyFile: '/elsewhere/master.key',
        kmip: {
          port: 15696,
          tlsCipherSuites: ['TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'],
          enableTlsClientAuth: false,
          certFile: join(home, 'tls', 'server.pem'),
        },
      },
    });
    const { path, written, text } = await writeDefaultConfigToml(config);
    assert.equal(path, join(home, 'config.toml'));
    assert.equal(written, true);
    assert.equal(await readFile(path, 'utf8'), text);
    assert.match(text, /^port = 15696$/m);
    assert.match(
      text,
      /^tlsCipherSuites = \["TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"\]$/m,
    );
    assert.match(text, /^certFile = "tls\/server\.pem"$/m);
    assert.match(text, /^masterKeyFile = "\/elsewhere\/master\.key"$/m);
    assert.match(text, /^policyDir = "policies"$/m);
    const reloaded = await loadServerConfig({ env: { KEYWARDEN_HOME: home } });
    assert.deepEqual(reloaded.config, config);
    assert.deepEqual(reloaded.sources.get('kmip.port'), { kind: 'file', path });
  });

  it('writes dataDir when the file lives outside the data folder, and reads back the same', async () => {
    const home = await fresh();
    const { config } = await loadServerConfig({ env: { KEYWARDEN_HOME: home } });
    const elsewhere = await fresh();
    const { path, text } = await writeDefaultConfigToml(config, {
      path: join(elsewhere, 'kw.toml'),
    });
    assert.match(text, /^dataDir = "\/.*home\d+"$/m);
    const reloaded = await loadServerConfig({ file: path, env: {} });
    assert.deepEqual(reloaded.config, config);
  });

  it('escapes strings so that quotes, backslashes and control characters survive', () => {
    const config = {
      dataDir: '/data',
      kmip: {},
      store: { backend: 'sqlite', path: '/d/we"ird\\name\u0001\u007f.db' },
    } as unknown as ServerConfig;
    const text = renderConfigToml(config, '/data');
    const doc = parse(text) as { store: { path: string } };
    assert.equal(doc.store.path, '/d/we"ird\\name\u0001\u007f.db');
  });

  it('never replaces an existing file', async () => {
    const home = await fresh();
    await writeFile(join(home, 'config.toml'), 'logLevel = "warn"\n');
    const { config } = await loadServerConfig({ env: { KEYWARDEN_HOME: home } });
    const result = await writeDefaultConfigToml(config);
    assert.equal(result.written, false);
    assert.equal(await readFile(result.path, 'utf8'), 'logLevel = "warn"\n');
  });

  it('creates the file with mode 0600', async () => {
    const home = await fresh();
    const { config } = await loadServerConfig({ env: { KEYWARDEN_HOME: home } });
    const { path } = await writeDefaultConfigToml(config);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  });

  it('refuses an unwritable location with KW_CONFIG_FILE', async () => {
    const home = await fresh();
    const { config } = await loadServerConfig({ env: { KEYWARDEN_HOME: home } });
    const path = join(home, 'missing-folder', 'config.toml');
    await assert.rejects(writeDefaultConfigToml(config, { path }), {
      code: 'KW_CONFIG_FILE',
      path,
    });
  });
});
