// The real `keywarden` process: exit codes and what reaches stderr (no stack without --debug).
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runKeywarden } from '../../support/keywarden-process.ts';

const STACK_LINE = /^\s+at /m;

describe('keywarden (process)', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-main-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('exits 0 and prints the version', async () => {
    const run = await runKeywarden(['--version']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^\d+\.\d+\.\d+/);
  });

  it('exits 2 with one line naming the setting for an invalid setting, no stack', async () => {
    const run = await runKeywarden(['serve', '--home', join(root, 'a'), '--port', '70000']);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'keywarden: KW_CONFIG_INVALID: invalid setting kmip.port (flag --port): must be an integer from 0 to 65535, got "70000"\n',
    );
  });

  it('exits 2 for an invalid config file setting', async () => {
    const file = join(root, 'bad.toml');
    await writeFile(file, '[kmip]\nport = "high"\n');
    const run = await runKeywarden(['serve', '--config', file]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^keywarden: KW_CONFIG_INVALID: invalid setting kmip\.port \(file [^)]+bad\.toml\): /,
    );
    assert.doesNotMatch(run.stderr, STACK_LINE);
  });

  it(
    'exits 1 with one line for a run-time failure; --debug and KEYWARDEN_DEBUG=1 add the stack',
    { skip: process.platform === 'win32' },
    async () => {
      const home = join(root, 'open-key');
      await mkdir(home);
      await writeFile(join(home, 'master.key'), new Uint8Array(32));
      await chmod(join(home, 'master.key'), 0o644);
      const args = ['init', '--home', home];
      const plain = await runKeywarden(args);
      assert.equal(plain.code, 1);
      assert.match(plain.stderr, /^keywarden: KW_STORE_MASTER_KEY: [^\n]+\n$/);
      const flagged = await runKeywarden(['--debug', ...args]);
      assert.equal(flagged.code, 1);
      assert.match(flagged.stderr, STACK_LINE);
      const fromEnv = await runKeywarden(args, { env: { KEYWARDEN_DEBUG: '1' } });
      assert.equal(fromEnv.code, 1);
      assert.match(fromEnv.stderr, STACK_LINE);
    },
  );
});
