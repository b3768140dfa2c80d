import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadServerConfig, parseAccessConfig } from '../../../src/config/index.ts';

describe('config.toml [access] (roles and grants)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-access-config-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loads roles and grants from config.toml into config.access', async () => {
    const file = join(dir, 'config.toml');
    await writeFile(
      file,
      `[kmip]
port = 5697

[access.roles.backup-reader]
description = "backup agents read every key"
owner = "any"
groups = ["backup"]
allow = { SymmetricKey = ["Get", "GetAttributes", "Locate"], "*" = ["Check"] }
attributes = { "x-app" = "backup" }

[access.grants]
"backup-agent" = ["backup-reader"]
"group:ops" = ["backup-reader"]
`,
    );
    const { config } = await loadServerConfig({ file, env: {}, cwd: dir });
    assert.equal(config.kmip.port, 5697);
    assert.deepEqual(config.access, {
      roles: {
        'backup-reader': {
          description: 'backup agents read every key',
          owner: 'any',
          groups: ['backup'],
          allow: { SymmetricKey: ['Get', 'GetAttributes', 'Locate'], '*': ['Check'] },
          attributes: { 'x-app': 'backup' },
        },
      },
      grants: { 'backup-agent': ['backup-reader'], 'group:ops': ['backup-reader'] },
      groups: {},
      tenants: {},
    });
  });

  it('defaults a role to owner "any" and leaves config.access unset without [access]', async () => {
    const access = parseAccessConfig({ roles: { r: { allow: {} } } }, { kind: 'default' });
    assert.equal(access.roles['r']?.owner, 'any');
    const file = join(dir, 'plain.toml');
    await writeFile(file, '[kmip]\nport = 5698\n');
    assert.equal((await loadServerConfig({ file, env: {}, cwd: dir })).config.access, undefined);
  });

  for (const [name, access, setting] of [
    ['an unknown key', { rules: {} }, 'access.rules'],
    ['a role without allow', { roles: { r: {} } }, 'access.roles.r.allow'],
    [
      'an unknown object type',
      { roles: { r: { allow: { Key: ['Get'] } } } },
      'access.roles.r.allow.Key',
    ],
    [
      'an unknown operation',
      { roles: { r: { allow: { SymmetricKey: ['Fetch'] } } } },
      'access.roles.r.allow.SymmetricKey',
    ],
    ['a bad owner scope', { roles: { r: { owner: 'mine', allow: {} } } }, 'access.roles.r.owner'],
    ['a grant of an unknown role', { roles: {}, grants: { bob: ['admin'] } }, 'access.grants.bob'],
    ['a grant that is not a list', { roles: {}, grants: { bob: 'admin' } }, 'access.grants.bob'],
    [
      'a tenant grant of an unknown role',
      { tenants: { t: { grants: { a: ['x'] } } } },
      'access.tenants.t.grants.a',
    ],
    [
      'a member of two tenants',
      { tenants: { t: { members: ['a'] }, u: { members: ['a'] } } },
      'access.tenants.u.members',
    ],
    ['an unknown tenant key', { tenants: { t: { admins: [] } } }, 'access.tenants.t.admins'],
    ['group members that are not a list', { groups: { ops: 'alice' } }, 'access.groups.ops'],
    [
      'an attribute condition that is a table',
      { roles: { r: { allow: {}, attributes: { a: {} } } } },
      'access.roles.r.attributes.a',
    ],
  ] as const) {
    it(`refuses ${name} with KW_CONFIG_INVALID naming ${setting}`, () => {
      assert.throws(() => parseAccessConfig(access, { kind: 'file', path: 'c.toml' }), {
        code: 'KW_CONFIG_INVALID',
        setting,
      });
    });
  }
});
