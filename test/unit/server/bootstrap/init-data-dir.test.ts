import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadServerConfig, type ServerConfig } from '../../../../src/config/index.ts';
import { DEV_PKI_FILES } from '../../../../src/pki/index.ts';
import { initDataDir } from '../../../../src/server/bootstrap/index.ts';

const isPosix = process.platform !== 'win32';

async function configFor(
  dataDir: string,
  flags: Record<string, unknown> = {},
): Promise<ServerConfig> {
  const { config } = await loadServerConfig({ env: {}, flags: { dataDir, ...flags } });
  return config;
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

describe('initDataDir', () => {
  let root: string;
  let count = 0;
  const freshDir = () => join(root, `home-${++count}`, 'data');
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-bootstrap-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates the folder, development PKI, master key, config.toml and database on first call', async () => {
    const dataDir = freshDir();
    const result = await initDataDir(await configFor(dataDir));
    const pki = join(dataDir, 'pki');
    const expected = [
      dataDir,
      ...Object.values(DEV_PKI_FILES).map((name) => join(pki, name)),
      join(dataDir, 'master.key'),
      join(dataDir, 'config.toml'),
      join(dataDir, 'keywarden.db'),
    ];
    assert.deepEqual([...result.created].sort(), expected.sort());
    assert.equal(result.paths.dataDir, dataDir);
    assert.equal(result.paths.configFile, join(dataDir, 'config.toml'));
    assert.equal(result.paths.masterKeyFile, join(dataDir, 'master.key'));
    assert.equal(result.paths.database, join(dataDir, 'keywarden.db'));
    assert.equal(result.paths.pki?.caCert, join(pki, 'ca.crt'));
    assert.equal(result.paths.pki?.adminCert, join(pki, 'client-admin.crt'));
    assert.deepEqual(result.warnings, []);
    assert.equal((await stat(join(dataDir, 'master.key'))).size, 32);
  });

  it('gives the folder mode 0700 and secrets mode 0600', { skip: !isPosix }, async () => {
    const dataDir = freshDir();
    await initDataDir(await configFor(dataDir));
    assert.equal(await modeOf(dataDir), 0o700);
    assert.equal(await modeOf(join(dataDir, 'pki')), 0o700);
    for (const file of [
      'master.key',
      'config.toml',
      'keywarden.db',
      'pki/ca.key',
      'pki/server.key',
      'pki/client-admin.key',
    ]) {
      assert.equal(await modeOf(join(dataDir, file)), 0o600, file);
    }
  });

  it('reuses everything on a second call: nothing created, CA and master key unchanged', async () => {
    const dataDir = freshDir();
    const config = await configFor(dataDir);
    await initDataDir(config);
    const ca = await readFile(join(dataDir, 'pki', 'ca.crt'));
    const key = await readFile(join(dataDir, 'master.key'));
    const toml = await readFile(join(dataDir, 'config.toml'), 'utf8');
    const again = await initDataDir(config);
    assert.deepEqual(again.created, []);
    assert.deepEqual(await readFile(join(dataDir, 'pki', 'ca.crt')), ca);
    assert.deepEqual(await readFile(join(dataDir, 'master.key')), key);
    assert.equal(await readFile(join(dataDir, 'config.toml'), 'utf8'), toml);
  });

  it('writes config.toml with defaults only: per-run flags are not baked in', async () => {
    const dataDir = freshDir();
    await initDataDir(await configFor(dataDir, { kmip: { port: '0' }, logLevel: 'debug' }));
    const reloaded = await configFor(dataDir);
    assert.equal(reloaded.kmip.port, 5696);
    assert.equal(reloaded.logLevel, 'info');
    const text = await readFile(join(dataDir, 'config.toml'), 'utf8');
    assert.match(text, /^# port = 5696$/m);
  });

  it('skips config.toml when writeConfigFile is false', async () => {
    const dataDir = freshDir();
    const result = await initDataDir(await configFor(dataDir), { writeConfigFile: false });
    assert.equal(result.paths.configFile, undefined);
    await assert.rejects(stat(join(dataDir, 'config.toml')), { code: 'ENOENT' });
  });

  it('makes no development PKI when the listener uses certificates from elsewhere', async () => {
    const dataDir = freshDir();
    const elsewhere = join(root, `own-pki-${count}`);
    const config = await configFor(dataDir, {
      kmip: {
        certFile: join(elsewhere, 's.crt'),
        keyFile: join(elsewhere, 's.key'),
        caFile: join(elsewhere, 'ca.crt'),
      },
    });
    const result = await initDataDir(config);
    assert.equal(result.paths.pki, undefined);
    await assert.rejects(stat(join(dataDir, 'pki')), { code: 'ENOENT' });
  });

  it('refuses a data folder path that is a file with KW_BOOTSTRAP_DATA_DIR', async () => {
    const dataDir = freshDir();
    const config = await configFor(dataDir);
    await mkdir(join(dataDir, '..'), { recursive: true });
    await writeFile(dataDir, 'not a folder');
    await assert.rejects(initDataDir(config), {
      code: 'KW_BOOTSTRAP_DATA_DIR',
      problem: 'not-a-directory',
    });
  });

  it('refuses to make a new master key for an existing database (KW_BOOTSTRAP_MASTER_KEY_MISSING)', async () => {
    const dataDir = freshDir();
    const config = await configFor(dataDir);
    await initDataDir(config);
    await unlink(join(dataDir, 'master.key'));
    await assert.rejects(initDataDir(config), { code: 'KW_BOOTSTRAP_MASTER_KEY_MISSING' });
    await assert.rejects(stat(join(dataDir, 'master.key')), { code: 'ENOENT' });
  });

  it(
    'warns about, but keeps, an existing folder that others can read',
    { skip: !isPosix },
    async () => {
      const dataDir = freshDir();
      await mkdir(dataDir, { recursive: true });
      await chmod(dataDir, 0o755);
      const result = await initDataDir(await configFor(dataDir));
      assert.equal(result.created.includes(dataDir), false);
      assert.equal(result.warnings.length, 1);
      assert.match(result.warnings[0] ?? '', /0755/);
      assert.equal(await modeOf(dataDir), 0o755);
    },
  );

  it('creates the folders of a master key and database placed outside the data folder', async () => {
    const dataDir = freshDir();
    const outside = join(root, `outside-${count}`);
    const config = await configFor(dataDir, {
      masterKeyFile: join(outside, 'keys', 'mk'),
      store: { path: join(outside, 'db', 'kw.db') },
    });
    const result = await initDataDir(config);
    assert.ok(result.created.includes(join(outside, 'keys', 'mk')));
    assert.ok(result.created.includes(join(outside, 'db', 'kw.db')));
    if (isPosix) assert.equal(await modeOf(join(outside, 'keys')), 0o700);
  });
});
