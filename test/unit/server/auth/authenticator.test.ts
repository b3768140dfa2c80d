// Authentication plugins in sequence through the request pipeline: local users with
// passwords (Username and Password credential), SLUGS, the certificate CN; first success wins.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AuthConfig } from '../../../../src/config/index.ts';
import { createAeadKey, hashPassword, randomBytes } from '../../../../src/crypto/index.ts';
import { ResultReason, ResultStatus } from '../../../../src/kmip/generated/registry.ts';
import type { Credential } from '../../../../src/kmip/messages/header.ts';
import { createAuditSink } from '../../../../src/server/audit/index.ts';
import { buildAuthenticator, buildAuthPlugins } from '../../../../src/server/auth/index.ts';
import { createLogger } from '../../../../src/server/logger.ts';
import { openSqliteSecurityStore, type SecurityStore } from '../../../../src/store/index.ts';
import {
  createAesKey,
  createServerHarness,
  message,
  type ServerHarness,
} from '../../../support/server-harness.ts';
import { startFakeSlugs, type FakeSlugs } from './slugs-server.ts';

const PASSWORD = 'Pa55word-For-Bob!';

function config(plugins: AuthConfig['plugins'], slugsUrls: string[] = []): AuthConfig {
  return { plugins, slugsUrls, slugsTimeoutMs: 1000, slugsCacheTtlMs: 0 };
}

function password(username: string, pw?: string): Credential {
  return { kind: 'UsernameAndPassword', username, ...(pw !== undefined && { password: pw }) };
}

describe('authentication plugins in the pipeline', () => {
  let dir: string;
  let security: SecurityStore;
  let slugs: FakeSlugs;
  let logText = '';
  const logger = createLogger({
    level: 'debug',
    destination: { write: (l: string) => void (logText += l) },
  });
  const harnesses: ServerHarness[] = [];

  async function harnessFor(auth: AuthConfig): Promise<ServerHarness> {
    const h = await createServerHarness({
      authenticate: await buildAuthenticator(auth, security.users, logger),
      audit: createAuditSink(security.audit),
    });
    harnesses.push(h);
    return h;
  }

  /** Status, reason and the identity the audit log recorded for a Create sent with `credentials`. */
  async function createAs(h: ServerHarness, identity: string, credentials: Credential[]) {
    const response = await h.send(
      message(
        '1.4',
        [createAesKey()],
        credentials.length === 0 ? {} : { authentication: { credentials } },
      ),
      identity,
    );
    const [item] = response.batchItems;
    const [record] = security.audit.tail(1);
    return {
      status: item?.kind === 'invalid' ? undefined : item?.resultStatus,
      reason: item?.kind === 'invalid' ? undefined : item?.resultReason,
      identity: record?.identity,
      groups: record?.groups,
      method: record?.authMethod,
    };
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-auth-'));
    security = await openSqliteSecurityStore({
      path: join(dir, 'kw.db'),
      masterKey: createAeadKey(randomBytes(32)),
    });
    security.users.add({
      name: 'bob',
      passwordHash: await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 }),
      groups: ['ops'],
    });
    slugs = await startFakeSlugs({ alice: ['group_A'] });
  });
  after(async () => {
    for (const h of harnesses) await h.close();
    await security.close();
    await slugs.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('password: the right password identifies the user, with the groups of the user table', async () => {
    const h = await harnessFor(config(['password']));
    assert.deepEqual(await createAs(h, 'client-cn', [password('bob', PASSWORD)]), {
      status: ResultStatus.Success,
      reason: undefined,
      identity: 'bob',
      groups: ['ops'],
      method: 'password',
    });
  });

  it('password: a wrong password, an unknown user or no password is Authentication Not Successful', async () => {
    const h = await harnessFor(config(['password']));
    for (const credentials of [
      [password('bob', 'wrong-password')],
      [password('nobody', PASSWORD)],
      [password('bob')],
      [],
    ]) {
      const outcome = await createAs(h, 'client-cn', credentials);
      assert.equal(outcome.status, ResultStatus.OperationFailed);
      assert.equal(outcome.reason, ResultReason.AuthenticationNotSuccessful);
      assert.equal(outcome.identity, undefined);
    }
    assert.match(logText, /KW_AUTH_INVALID_CREDENTIAL/);
    assert.match(logText, /KW_AUTH_NOT_APPLICABLE/);
    assert.ok(
      !logText.includes('wrong-password') && !logText.includes(PASSWORD),
      'no password logged',
    );
  });

  it('sequence: without a credential, the next plugin (certificate) identifies the client', async () => {
    const h = await harnessFor(config(['password', 'certificate']));
    const outcome = await createAs(h, 'client-cn', []);
    assert.equal(outcome.status, ResultStatus.Success);
    assert.equal(outcome.identity, 'client-cn');
    assert.equal(outcome.method, 'certificate');
    const withPassword = await createAs(h, 'client-cn', [password('bob', PASSWORD)]);
    assert.equal(withPassword.identity, 'bob', 'the first plugin that succeeds wins');
  });

  it('SLUGS: the CN is looked up and its groups used; an unknown CN is refused', async () => {
    const h = await harnessFor(config(['slugs'], [slugs.url]));
    const ok = await createAs(h, 'alice', []);
    assert.deepEqual([ok.identity, ok.groups, ok.method], ['alice', ['group_A'], 'slugs']);
    const refused = await createAs(h, 'mallory', []);
    assert.equal(refused.reason, ResultReason.AuthenticationNotSuccessful);
  });

  it('SLUGS: several URLs are tried in order; a service that is down is skipped', async () => {
    const h = await harnessFor(config(['slugs'], ['http://127.0.0.1:1/slugs/', slugs.url]));
    const ok = await createAs(h, 'alice', []);
    assert.deepEqual([ok.identity, ok.method], ['alice', 'slugs[1]']);
    assert.match(logText, /KW_AUTH_SERVICE/);
  });

  it('refuses a configuration naming slugs without any URL (KW_AUTH_CONFIG)', async () => {
    await assert.rejects(buildAuthPlugins(config(['slugs']), security.users), {
      code: 'KW_AUTH_CONFIG',
    });
    await assert.rejects(
      buildAuthPlugins(
        { ...config(['slugs'], [slugs.url]), slugsCaFile: join(dir, 'nope.pem') },
        security.users,
      ),
      { code: 'KW_AUTH_CONFIG' },
    );
  });

  it('defaults to the certificate plugin alone', async () => {
    const plugins = await buildAuthPlugins(undefined, security.users);
    assert.deepEqual(
      plugins.map((p) => p.name),
      ['certificate'],
    );
  });
});
