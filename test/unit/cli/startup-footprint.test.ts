import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const COMMAND_TABLE = fileURLToPath(new URL('../../../src/cli/command-table.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/keywarden.js', import.meta.url));

// Lists every module a fresh process loads while importing `url`.
const LIST_LOADED = `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
await import(process.argv[1]);
console.log(JSON.stringify(loaded));
`;

describe('keywarden startup footprint (issue #9)', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('does not load the WBEM client or its HTTP stack with the command table', () => {
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', LIST_LOADED, COMMAND_TABLE],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
      },
    );
    assert.equal(run.status, 0, run.stderr);
    const loaded = JSON.parse(run.stdout) as string[];
    assert.ok(loaded.some((url) => url.endsWith('/src/cli/commands/wbem-commands.ts')));
    assert.deepEqual(
      loaded.filter((url) => url.includes('/undici/') || url.endsWith('/src/wbem/index.ts')),
      [],
    );
  });

  it('keeps its compile cache in a private folder of the user cache', () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'kw-cache-'));
    folders.push(cacheHome);
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome };
    delete env['NODE_COMPILE_CACHE'];
    delete env['NODE_DISABLE_COMPILE_CACHE'];
    const run = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env });
    assert.equal(run.status, 0, run.stderr);
    const folder = join(cacheHome, 'keywarden', 'node-compile-cache');
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    assert.ok(readdirSync(folder).length > 0);
  });
});
