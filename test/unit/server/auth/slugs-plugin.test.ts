// The SLUGS plugin against a real HTTP server answering as SLUGS does.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaCertificate, issueCertificate } from '../../../../src/pki/index.ts';
import { buildAuthPlugins, createSlugsPlugin } from '../../../../src/server/auth/index.ts';
import type { UserStore } from '../../../../src/store/index.ts';
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

  it('speaks HTTPS, trusting the CA of auth.slugsCaFile (and refusing an unknown CA)', async () => {
    const ca = await createCaCertificate({
      commonName: 'SLUGS test CA',
      keyAlgorithm: 'ecdsa-p256',
    });
    const leaf = await issueCertificate({
      caCert: ca.cert,
      caKey: ca.key,
      commonName: 'slugs',
      sans: [{ type: 'ip', value: '127.0.0.1' }],
      eku: ['serverAuth'],
      keyAlgorithm: 'ecdsa-p256',
    });
    const secure = await startFakeSlugs({ alice: ['g'] }, { tls: leaf });
    const dir = await mkdtemp(join(tmpdir(), 'kw-slugs-tls-'));
    try {
      const caFile = join(dir, 'ca.pem');
      await writeFile(caFile, ca.cert);
      const base = {
        plugins: ['slugs'] as const,
        slugsUrls: [secure.url],
        slugsTimeoutMs: 2000,
        slugsCacheTtlMs: 0,
      };
      const noUsers = {} as UserStore;
      const [trusting] = await buildAuthPlugins({ ...base, slugsCaFile: caFile }, noUsers);
      assert.deepEqual(await trusting?.authenticate(as('alice')), { name: 'alice', groups: ['g'] });
      const [systemCas] = await buildAuthPlugins(base, noUsers);
      await assert.rejects(systemCas?.authenticate(as('alice')) ?? Promise.resolve(), {
        code: 'KW_AUTH_SERVICE',
      });
    } finally {
      await secure.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
