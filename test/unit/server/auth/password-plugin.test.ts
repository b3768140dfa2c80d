// The password plugin's check cache: a verified credential is reused for the TTL, and never
// after the stored hash changes (user passwd, user rm) or for another password.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from '../../../../src/crypto/index.ts';
import type { Credential } from '../../../../src/kmip/messages/header.ts';
import { createPasswordPlugin } from '../../../../src/server/auth/index.ts';
import type { LocalUser, UserStore } from '../../../../src/store/index.ts';

const CHEAP = { logN: 10, r: 8, p: 1 };

function memoryUsers(): UserStore & { map: Map<string, LocalUser> } {
  const map = new Map<string, LocalUser>();
  return {
    map,
    get: (name) => map.get(name),
    add: (u) =>
      void map.set(u.name, {
        ...u,
        groups: u.groups ?? [],
        createdAt: new Date(0),
        updatedAt: new Date(0),
      }),
    setPassword: (name, passwordHash) => {
      const u = map.get(name);
      if (u !== undefined) map.set(name, { ...u, passwordHash });
    },
    remove: (name) => void map.delete(name),
    list: () => [...map.values()],
  };
}

const login = (username: string, password?: string) => ({
  session: { identity: 'cn' },
  credentials: [
    { kind: 'UsernameAndPassword', username, ...(password !== undefined && { password }) },
  ] as Credential[],
});

describe('password plugin', () => {
  it('reuses a successful check for the TTL, then checks again', async () => {
    const users = memoryUsers();
    users.add({
      name: 'bob',
      passwordHash: await hashPassword('secret-one', CHEAP),
      groups: ['g'],
    });
    let checks = 0;
    let now = 0;
    const plugin = createPasswordPlugin(users, {
      cacheTtlMs: 1000,
      now: () => now,
      verify: (p, e) => (checks++, verifyPassword(p, e)),
    });
    assert.deepEqual(await plugin.authenticate(login('bob', 'secret-one')), {
      name: 'bob',
      groups: ['g'],
    });
    await plugin.authenticate(login('bob', 'secret-one'));
    assert.equal(checks, 1);
    now = 1001;
    await plugin.authenticate(login('bob', 'secret-one'));
    assert.equal(checks, 2);
  });

  it('never reuses a check for another password, a changed password or a removed user', async () => {
    const users = memoryUsers();
    users.add({ name: 'bob', passwordHash: await hashPassword('secret-one', CHEAP) });
    const plugin = createPasswordPlugin(users);
    await plugin.authenticate(login('bob', 'secret-one'));
    await assert.rejects(plugin.authenticate(login('bob', 'secret-two')), {
      code: 'KW_AUTH_INVALID_CREDENTIAL',
    });
    users.setPassword('bob', await hashPassword('secret-two', CHEAP));
    await assert.rejects(plugin.authenticate(login('bob', 'secret-one')), {
      code: 'KW_AUTH_INVALID_CREDENTIAL',
    });
    assert.equal((await plugin.authenticate(login('bob', 'secret-two'))).name, 'bob');
    users.remove('bob');
    await assert.rejects(plugin.authenticate(login('bob', 'secret-two')), {
      code: 'KW_AUTH_INVALID_CREDENTIAL',
    });
  });

  it('refuses a credential without a password, and says when there is no credential', async () => {
    const users = memoryUsers();
    users.add({ name: 'bob', passwordHash: await hashPassword('secret-one', CHEAP) });
    const plugin = createPasswordPlugin(users);
    await assert.rejects(plugin.authenticate(login('bob')), { code: 'KW_AUTH_INVALID_CREDENTIAL' });
    await assert.rejects(plugin.authenticate({ session: { identity: 'cn' }, credentials: [] }), {
      code: 'KW_AUTH_NOT_APPLICABLE',
    });
  });
});
