// `keywarden user add|passwd|rm|list` on a data folder's database; passwords come from stdin
// (or a terminal prompt) and never appear in any output.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../src/cli/run-cli.ts';
import { verifyPassword } from '../../../../src/crypto/index.ts';
import { loadOrCreateMasterKey, openSqliteSecurityStore } from '../../../../src/store/index.ts';
import { fakeIo, type FakeIo } from '../fake-io.ts';

const PASSWORD = 'first-Secret-123';
const NEW_PASSWORD = 'second-Secret-456';

describe('keywarden user', () => {
  let home: string;
  const ios: FakeIo[] = [];

  async function run(args: string[], stdin?: string) {
    const io = fakeIo(stdin === undefined ? {} : { stdin });
    ios.push(io);
    const code = await runCli([...args, '--home', home], io);
    return { code, out: io.stdoutText(), err: io.stderrText() };
  }

  async function storedUser(name: string) {
    const { key } = await loadOrCreateMasterKey(join(home, 'master.key'));
    const store = await openSqliteSecurityStore({
      path: join(home, 'keywarden.db'),
      masterKey: key,
    });
    try {
      return store.users.get(name);
    } finally {
      await store.close();
    }
  }

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-user-cli-'));
    // A database as `keywarden init` leaves it.
    const { key } = await loadOrCreateMasterKey(join(home, 'master.key'));
    await (
      await openSqliteSecurityStore({ path: join(home, 'keywarden.db'), masterKey: key })
    ).close();
  });
  after(async () => {
    await rm(home, { recursive: true, force: true });
    for (const io of ios) {
      const text = io.stdoutText() + io.stderrText();
      assert.ok(!text.includes(PASSWORD) && !text.includes(NEW_PASSWORD), 'no password in output');
    }
  });

  it('add reads the password from stdin and stores an scrypt hash with the groups', async () => {
    const r = await run(
      ['user', 'add', 'bob', '-g', 'ops', '-g', 'audit', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /user bob added/);
    const user = await storedUser('bob');
    assert.deepEqual(user?.groups, ['ops', 'audit']);
    assert.match(user?.passwordHash ?? '', /^\$scrypt\$/);
    assert.equal(await verifyPassword(PASSWORD, user?.passwordHash ?? ''), true);
  });

  it('add refuses an existing user (exit 1, KW_STORE_USER_EXISTS)', async () => {
    const r = await run(['user', 'add', 'bob', '--password-stdin'], `${PASSWORD}\n`);
    assert.equal(r.code, 1);
    assert.match(r.err, /KW_STORE_USER_EXISTS/);
  });

  it('add refuses a short password and a bad name (exit 2, KW_CLI_INPUT)', async () => {
    const short = await run(['user', 'add', 'carol', '--password-stdin'], 'short\n');
    assert.equal(short.code, 2);
    assert.match(short.err, /KW_CLI_INPUT/);
    const spaced = await run(['user', 'add', 'carol smith', '--password-stdin'], `${PASSWORD}\n`);
    assert.equal(spaced.code, 2);
    assert.equal(await storedUser('carol'), undefined);
  });

  it('add prompts twice on a terminal and refuses different answers', async () => {
    const answers = ['typed-Password-1', 'typed-Password-2'];
    const io = { ...fakeIo(), promptSecret: async () => answers.shift() ?? '' };
    assert.equal(await runCli(['user', 'add', 'dave', '--home', home], io), 2);
    const same = ['typed-Password-1', 'typed-Password-1'];
    const io2 = { ...fakeIo(), promptSecret: async () => same.shift() ?? '' };
    assert.equal(await runCli(['user', 'add', 'dave', '--home', home], io2), 0);
    assert.equal(
      await verifyPassword('typed-Password-1', (await storedUser('dave'))?.passwordHash ?? ''),
      true,
    );
  });

  it('passwd replaces the password', async () => {
    const r = await run(['user', 'passwd', 'bob', '--password-stdin'], `${NEW_PASSWORD}\r\n`);
    assert.equal(r.code, 0, r.err);
    const hash = (await storedUser('bob'))?.passwordHash ?? '';
    assert.equal(await verifyPassword(NEW_PASSWORD, hash), true);
    assert.equal(await verifyPassword(PASSWORD, hash), false);
    const missing = await run(
      ['user', 'passwd', 'nobody', '--password-stdin'],
      `${NEW_PASSWORD}\n`,
    );
    assert.match(missing.err, /KW_STORE_USER_NOT_FOUND/);
  });

  it('list prints names and groups, never hashes', async () => {
    const text = await run(['user', 'list']);
    assert.equal(text.out, 'bob\tgroups=ops,audit\ndave\n');
    const json = await run(['user', 'list', '--json']);
    const [bob] = json.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(Object.keys(bob ?? {}).sort(), ['createdAt', 'groups', 'name', 'updatedAt']);
  });

  it('rm removes a user, and refuses an unknown one', async () => {
    assert.equal((await run(['user', 'rm', 'dave'])).code, 0);
    assert.equal(await storedUser('dave'), undefined);
    const again = await run(['user', 'rm', 'dave']);
    assert.equal(again.code, 1);
    assert.match(again.err, /KW_STORE_USER_NOT_FOUND/);
  });
});
