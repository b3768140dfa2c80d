import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { SETTINGS, loadServerConfig } from '../../../src/config/index.ts';
import {
  SERVER_FLAGS,
  addServerFlags,
  flagForSetting,
  toLoadOptions,
} from '../../../src/cli/server-flags.ts';

/** Parses `args` as `serve` would and returns the loader options. */
function parse(args: string[], io = { env: {}, cwd: '/work' }) {
  const command = addServerFlags(new Command('serve').exitOverride());
  command.parse(args, { from: 'user' });
  return toLoadOptions(command.opts(), io);
}

describe('server flags', () => {
  it('has exactly one flag for every configuration setting', () => {
    const settings = SETTINGS.map((s) => s.path).sort();
    assert.deepEqual(SERVER_FLAGS.map((f) => f.setting).sort(), settings);
    assert.equal(new Set(SERVER_FLAGS.map((f) => f.key)).size, SERVER_FLAGS.length);
  });

  it('keys each flag as Commander names its option (camelCase of the flag)', () => {
    for (const flag of SERVER_FLAGS) {
      const command = addServerFlags(new Command('serve').exitOverride());
      command.parse([flag.flags.split(' ')[0] ?? '', 'x'], { from: 'user' });
      assert.equal(command.opts()[flag.key], 'x', flag.flags);
    }
  });

  it('maps flags onto nested settings as text, and --config onto the file', () => {
    const options = parse([
      '--home',
      'data',
      '--port',
      '0',
      '--host',
      '::1',
      '--cert',
      'c.pem',
      '--key',
      'k.pem',
      '--ca',
      'ca.pem',
      '--log-level',
      'debug',
      '--max-message-size',
      '4096',
      '--db',
      'x.db',
      '--master-key',
      'mk',
      '--config',
      'kw.toml',
    ]);
    assert.deepEqual(options.flags, {
      dataDir: 'data',
      logLevel: 'debug',
      masterKeyFile: 'mk',
      kmip: {
        host: '::1',
        port: '0',
        certFile: 'c.pem',
        keyFile: 'k.pem',
        caFile: 'ca.pem',
        maxMessageSize: '4096',
      },
      store: { path: 'x.db' },
    });
    assert.equal(options.file, 'kw.toml');
    assert.equal(options.cwd, '/work');
  });

  it('leaves unset flags out, so env vars and the file still apply', () => {
    const options = parse([]);
    assert.deepEqual(options.flags, {});
    assert.equal('file' in options, false);
  });

  it('names the flag of a setting', () => {
    assert.equal(flagForSetting('kmip.port'), '--port');
    assert.equal(flagForSetting('dataDir'), '--home');
    assert.equal(flagForSetting('nope'), undefined);
  });

  describe('with the loader', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kw-flags-'));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it('lets flags win over env vars, and env vars over the file', async () => {
      const file = join(dir, 'kw.toml');
      await writeFile(file, '[kmip]\nport = 7001\nhost = "127.0.0.2"\nmaxConnections = 5\n');
      const env = { KEYWARDEN_KMIP_PORT: '7002', KEYWARDEN_KMIP_HOST: '127.0.0.3' };
      const { config, sources } = await loadServerConfig(
        parse(['--config', file, '--port', '7003', '--home', dir], { env, cwd: dir }),
      );
      assert.equal(config.kmip.port, 7003);
      assert.equal(config.kmip.host, '127.0.0.3');
      assert.equal(config.kmip.maxConnections, 5);
      assert.equal(config.dataDir, dir);
      assert.deepEqual(sources.get('kmip.port'), { kind: 'flag', name: 'kmip.port' });
    });

    it('resolves relative path flags against the working folder', async () => {
      const { config } = await loadServerConfig(
        parse(['--home', 'h', '--cert', 'x.crt'], { env: {}, cwd: dir }),
      );
      assert.equal(config.dataDir, join(dir, 'h'));
      assert.equal(config.kmip.certFile, join(dir, 'x.crt'));
      assert.equal(config.kmip.keyFile, join(dir, 'h', 'pki', 'server.key'));
    });

    it('refuses an invalid flag value with KW_CONFIG_INVALID naming the setting', async () => {
      await assert.rejects(
        loadServerConfig(parse(['--home', dir, '--port', 'abc'], { env: {}, cwd: dir })),
        {
          code: 'KW_CONFIG_INVALID',
          setting: 'kmip.port',
          source: { kind: 'flag', name: 'kmip.port' },
        },
      );
    });
  });
});
