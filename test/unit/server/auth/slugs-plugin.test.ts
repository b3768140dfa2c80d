// The SLUGS plugin against a real HTTP server answering as SLUGS does.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createSlugsPlugin } from '../../../../src/server/auth/index.ts';
import { startFakeSlugs, type FakeSlugs } from './slugs-server.ts';

const as = (identity: string) => ({ session: { identity }, credentials: [] });

describe('SLUGS plugin', () => {
  let slugs: FakeSlugs;
  before(async () => {
    slugs = await startFakeSlugs({ alice: ['group_A', 'group_B'], bob: [], 'a/b': ['x'] });
  });
  beforeEach(() => {
    slugs.requests.length = 0;
  });
  after(() => slugs.close());

  it('identifies a known user by the certificate CN, with its groups (two lookups)', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url, cacheTtlMs: 0 });
    assert.deepEqual(await plugin.authenticate(as('alice')), {
      name: 'alice',
      groups: ['group_A', 'group_B'],
    });
    assert.deepEqual(slugs.requests, ['/slugs/users/alice', '/slugs/users/alice/groups']);
    assert.deepEqual(await plugin.authenticate(as('bob')), { name: 'bob', groups: [] });
  });

  it('accepts a base URL without the trailing slash', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url.slice(0, -1), cacheTtlMs: 0 });
    assert.equal((await plugin.authenticate(as('bob'))).name, 'bob');
  });

  it('refuses an unknown user with KW_AUTH_UNKNOWN_USER', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url, cacheTtlMs: 0 });
    await assert.rejects(plugin.authenticate(as('mallory')), {
      code: 'KW_AUTH_UNKNOWN_USER',
      userName: 'mallory',
    });
  });

  it('URL-encodes the CN, so it cannot walk the URL path', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url, cacheTtlMs: 0 });
    assert.deepEqual(await plugin.authenticate(as('a/b')), { name: 'a/b', groups: ['x'] });
    await assert.rejects(plugin.authenticate(as('../../admin')), { code: 'KW_AUTH_UNKNOWN_USER' });
    assert.ok(
      slugs.requests.every((p) => p.startsWith('/slugs/users/')),
      slugs.requests.join(),
    );
    assert.ok(slugs.requests.includes('/slugs/users/a%2Fb'));
  });

  it('reports a server error with KW_AUTH_SERVICE and the status code', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url, cacheTtlMs: 0 });
    await assert.rejects(plugin.authenticate(as('broken')), {
      code: 'KW_AUTH_SERVICE',
      statusCode: 500,
    });
  });

  it('reports a groups answer without a list of strings with KW_AUTH_SERVICE', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url, cacheTtlMs: 0 });
    await assert.rejects(plugin.authenticate(as('badgroups')), { code: 'KW_AUTH_SERVICE' });
  });

  it('gives up after the timeout with KW_AUTH_SERVICE', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url, timeoutMs: 150, cacheTtlMs: 0 });
    const started = Date.now();
    await assert.rejects(plugin.authenticate(as('slow')), { code: 'KW_AUTH_SERVICE' });
    assert.ok(Date.now() - started < 5000);
  });

  it('reports an unreachable service with KW_AUTH_SERVICE', async () => {
    const plugin = createSlugsPlugin({ url: 'http://127.0.0.1:1/slugs/', cacheTtlMs: 0 });
    await assert.rejects(plugin.authenticate(as('alice')), { code: 'KW_AUTH_SERVICE' });
  });

  it('caches answers (found and unknown) for the TTL, then asks again', async () => {
    let now = 1_000;
    const plugin = createSlugsPlugin({ url: slugs.url, cacheTtlMs: 30_000, now: () => now });
    await plugin.authenticate(as('alice'));
    await assert.rejects(plugin.authenticate(as('mallory')));
    const asked = slugs.requests.length;
    await plugin.authenticate(as('alice'));
    await assert.rejects(plugin.authenticate(as('mallory')), { code: 'KW_AUTH_UNKNOWN_USER' });
    assert.equal(slugs.requests.length, asked, 'served from the cache');
    now += 30_001;
    await plugin.authenticate(as('alice'));
    assert.equal(slugs.requests.length, asked + 2, 'asked again after the TTL');
  });

  it('shares one lookup between concurrent logins of one user', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url });
    await Promise.all(Array.from({ length: 5 }, () => plugin.authenticate(as('bob'))));
    assert.equal(slugs.requests.length, 2);
  });

  it('does not cache a service failure', async () => {
    const plugin = createSlugsPlugin({ url: slugs.url });
    await assert.rejects(plugin.authenticate(as('broken')));
    await assert.rejects(plugin.authenticate(as('broken')));
    assert.equal(slugs.requests.length, 2);
  });
});
