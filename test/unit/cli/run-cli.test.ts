import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run-cli.ts';
import { fakeIo } from './fake-io.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('runCli', () => {
  it('prints the package version with --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const io = fakeIo();
      assert.equal(await runCli([flag], io), 0);
      assert.equal(io.stdoutText(), `${VERSION}\n`);
    }
  });

  it('prints help listing the commands with `help`, exit 0', async () => {
    const io = fakeIo();
    assert.equal(await runCli(['help'], io), 0);
    for (const command of ['serve', 'init', 'kmip'])
      assert.match(io.stdoutText(), new RegExp(`^  ${command}`, 'm'));
  });

  it("prints a command's flags with `help serve`", async () => {
    const io = fakeIo();
    assert.equal(await runCli(['help', 'serve'], io), 0);
    for (const flag of ['--home', '--config', '--port', '--log-level', '--max-message-size']) {
      assert.ok(io.stdoutText().includes(flag), flag);
    }
  });

  it('exits 2 without a command, with an unknown command or an unknown flag', async () => {
    for (const argv of [[], ['frobnicate'], ['init', '--bogus']]) {
      const io = fakeIo();
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.notEqual(io.stderrText(), '', argv.join(' '));
    }
  });
});

describe('keywarden init', () => {
  let root: string;
  let count = 0;
  const home = () => join(root, `home-${++count}`);
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-init-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('sets up the data folder, prints its files and the PyKMIP section, and exits 0', async () => {
    const dir = home();
    const io = fakeIo();
    assert.equal(await runCli(['init', '--home', dir], io), 0);
    const out = io.stdoutText();
    assert.match(out, new RegExp(`^Keywarden data folder ${dir} \\(created\\)$`, 'm'));
    assert.match(out, /^\[client\]$/m);
    assert.match(out, /^port=5696$/m);
    assert.match(out, /data folder ready \(10 created\)\n$/);
    await stat(join(dir, 'config.toml'));
    await stat(join(dir, 'keywarden.db'));
  });

  it('reuses the folder on a second run', async () => {
    const dir = home();
    await runCli(['init', '--home', dir], fakeIo());
    const io = fakeIo();
    assert.equal(await runCli(['init', '--home', dir], io), 0);
    assert.doesNotMatch(io.stdoutText(), /\(created\)/);
    assert.match(io.stdoutText(), /nothing created\n$/);
  });

  it('takes the data folder from KEYWARDEN_HOME, relative to the working folder', async () => {
    const io = fakeIo({ env: { KEYWARDEN_HOME: 'from-env' }, cwd: root });
    assert.equal(await runCli(['init'], io), 0);
    await stat(join(root, 'from-env', 'master.key'));
  });

  it('writes no config.toml into the data folder when --config names another file', async () => {
    const dir = home();
    const file = join(root, `kw-${count}.toml`);
    await writeFile(file, `dataDir = ${JSON.stringify(dir)}\n[kmip]\nport = 5800\n`);
    const io = fakeIo();
    assert.equal(await runCli(['init', '--config', file], io), 0);
    await assert.rejects(stat(join(dir, 'config.toml')), { code: 'ENOENT' });
    assert.match(io.stdoutText(), new RegExp(`config {6}${file}$`, 'm'));
    assert.match(io.stdoutText(), /^port=5800$/m);
  });

  it('exits 2 naming the flag for an invalid value', async () => {
    const io = fakeIo();
    assert.equal(await runCli(['init', '--home', home(), '--log-level', 'loud'], io), 2);
    assert.match(
      io.stderrText(),
      /^keywarden: KW_CONFIG_INVALID: invalid setting logLevel \(flag --log-level\): must be one of/,
    );
  });

  it('exits 2 for an unreadable --config file', async () => {
    const io = fakeIo();
    assert.equal(await runCli(['init', '--config', join(root, 'missing.toml')], io), 2);
    assert.match(io.stderrText(), /^keywarden: KW_CONFIG_FILE: /);
  });

  it(
    'exits 1 with the error code for a run-time failure (a master key others can read)',
    { skip: process.platform === 'win32' },
    async () => {
      const dir = home();
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'master.key'), new Uint8Array(32), { mode: 0o644 });
      await chmod(join(dir, 'master.key'), 0o644);
      const io = fakeIo();
      assert.equal(await runCli(['init', '--home', dir], io), 1);
      assert.match(io.stderrText(), /^keywarden: KW_STORE_MASTER_KEY: [^\n]+chmod 600[^\n]*\n$/);
    },
  );
});
