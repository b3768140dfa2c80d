import assert from 'node:assert/strict';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_POLICY_FILE_BYTES, PolicyDirectory } from '../../../../src/server/policy/index.ts';
import { captureLogger, type LogLine } from './log-capture.ts';

// A one-policy file body whose Symmetric Key Get permission tells the versions apart.
const body = (policies: Record<string, string>) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(policies).map(([name, get]) => [
        name,
        { preset: { SYMMETRIC_KEY: { GET: get } } },
      ]),
    ),
  );

describe('PolicyDirectory (PyKMIP policy directory monitor semantics)', () => {
  let dir: string;
  let policies: PolicyDirectory;
  let lines: LogLine[];
  // Each write changes the size so the stat signature changes even within one clock tick.
  let pad = 0;
  const write = (name: string, text: string) =>
    writeFile(join(dir, name), text + ' '.repeat(++pad));
  const getOf = (name: string) => policies.get(name)?.policy.preset?.['SymmetricKey']?.Get;
  const fileOf = (name: string) => policies.get(name)?.file.slice(dir.length + 1);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-policy-dir-'));
    const captured = captureLogger();
    lines = captured.lines;
    policies = new PolicyDirectory(dir, captured.logger);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('loads every *.json file and ignores other files', async () => {
    await write('a.json', body({ alpha: 'ALLOW_ALL' }));
    await write('b.json', body({ beta: 'ALLOW_OWNER' }));
    await write('notes.txt', 'not a policy');
    const result = await policies.scan();
    assert.equal(result.loaded.length, 2);
    assert.deepEqual(policies.names(), ['alpha', 'beta']);
    assert.equal(getOf('beta'), 'AllowOwner');
  });

  it('throws out policies named default or public, with a warning, and keeps the rest of the file', async () => {
    await write('a.json', body({ default: 'ALLOW_ALL', public: 'ALLOW_ALL', mine: 'ALLOW_ALL' }));
    await policies.scan();
    assert.deepEqual(policies.names(), ['mine']);
    const warnings = lines.filter((l) => /reserved policy/.test(l.msg));
    assert.deepEqual(warnings.map((l) => l.policy).sort(), ['default', 'public']);
  });

  it('logs a broken file as an error and keeps serving the others; fixing it loads it', async () => {
    await write('a.json', body({ alpha: 'ALLOW_ALL' }));
    await write('b.json', '{"broken": ');
    const first = await policies.scan();
    assert.deepEqual(policies.names(), ['alpha']);
    assert.equal(first.failed[0]?.code, 'KW_POLICY_FILE');
    const error = lines.find((l) => l.level === 50);
    assert.match(String(error?.file), /b\.json$/);
    assert.equal(error?.code, 'KW_POLICY_FILE');
    await write('b.json', body({ broken: 'ALLOW_OWNER' }));
    await policies.scan();
    assert.deepEqual(policies.names(), ['alpha', 'broken']);
  });

  it('refuses a file larger than MAX_POLICY_FILE_BYTES without reading it', async () => {
    await write('big.json', `{"big": {}}${' '.repeat(MAX_POLICY_FILE_BYTES)}`);
    const result = await policies.scan();
    assert.equal(result.failed[0]?.code, 'KW_POLICY_FILE');
    assert.match(result.failed[0]?.reason ?? '', /larger than/);
  });

  it('keeps the earlier version of a file that becomes broken', async () => {
    await write('a.json', body({ alpha: 'ALLOW_ALL' }));
    await policies.scan();
    await write('a.json', '{');
    await policies.scan();
    assert.equal(getOf('alpha'), 'AllowAll');
  });

  it('applies a change to a file and drops policies the file no longer defines', async () => {
    await write('a.json', body({ alpha: 'ALLOW_ALL', beta: 'ALLOW_ALL' }));
    await policies.scan();
    await write('a.json', body({ alpha: 'DISALLOW_ALL' }));
    await policies.scan();
    assert.deepEqual(policies.names(), ['alpha']);
    assert.equal(getOf('alpha'), 'DisallowAll');
  });

  it('drops the policies of a removed file', async () => {
    await write('a.json', body({ alpha: 'ALLOW_ALL' }));
    await policies.scan();
    await unlink(join(dir, 'a.json'));
    const result = await policies.scan();
    assert.equal(result.removed.length, 1);
    assert.deepEqual(policies.names(), []);
  });

  it('on a name collision the last loaded wins; removing it restores the cached one', async () => {
    await write('a.json', body({ shared: 'ALLOW_ALL' }));
    await write('b.json', body({ shared: 'DISALLOW_ALL' }));
    await policies.scan();
    assert.equal(fileOf('shared'), 'b.json'); // files load in name order
    assert.ok(lines.some((l) => /collision/.test(l.msg) && l.policy === 'shared'));
    await unlink(join(dir, 'b.json'));
    await policies.scan();
    assert.equal(fileOf('shared'), 'a.json');
    assert.equal(getOf('shared'), 'AllowAll');
  });

  it("a changed file takes a colliding name over; dropping it there restores the other file's", async () => {
    await write('a.json', body({ shared: 'ALLOW_ALL' }));
    await write('b.json', body({ shared: 'DISALLOW_ALL' }));
    await policies.scan();
    await write('a.json', body({ shared: 'ALLOW_OWNER' }));
    await policies.scan();
    assert.equal(fileOf('shared'), 'a.json');
    assert.equal(getOf('shared'), 'AllowOwner');
    await write('a.json', body({ other: 'ALLOW_ALL' }));
    await policies.scan();
    assert.equal(fileOf('shared'), 'b.json');
    assert.equal(getOf('shared'), 'DisallowAll');
    await unlink(join(dir, 'b.json'));
    await policies.scan();
    assert.equal(policies.get('shared'), undefined, 'no stale version of a.json comes back');
  });

  it('logs a missing directory once and serves no file policies until it appears', async () => {
    const missing = new PolicyDirectory(join(dir, 'nope'), captureLogger().logger);
    assert.deepEqual((await missing.scan()).loaded, []);
    assert.deepEqual(missing.names(), []);
  });
});
