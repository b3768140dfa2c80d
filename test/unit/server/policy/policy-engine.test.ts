import assert from 'node:assert/strict';
import { mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAccessConfig } from '../../../../src/config/index.ts';
import type { AccessRequest, OperationName } from '../../../../src/server/objects/index.ts';
import {
  startPolicyEngine,
  type PolicyEngine,
  type ScanResult,
} from '../../../../src/server/policy/index.ts';
import { captureLogger } from './log-capture.ts';

function request(
  operation: OperationName,
  caller: string,
  options: { objectType?: string; policy?: string; groups?: string[] } = {},
): AccessRequest {
  return {
    identity: { name: caller, ...(options.groups && { groups: options.groups }) },
    operation,
    object: {
      id: 'id-1',
      objectType: options.objectType ?? 'SymmetricKey',
      owner: 'alice',
      operationPolicyName: options.policy,
      attributes: [{ name: 'x-app', value: 'backup' }],
    },
  };
}

describe('startPolicyEngine: reserved policies and unknown names', () => {
  let engine: PolicyEngine;
  before(async () => {
    engine = await startPolicyEngine({ logger: captureLogger().logger });
  });
  after(() => engine.close());

  it('applies the reserved default policy when the object names none', () => {
    assert.equal(engine.authorize(request('Get', 'alice')), true);
    assert.equal(engine.authorize(request('Get', 'bob')), false);
    assert.equal(engine.authorize(request('Get', 'bob', { objectType: 'PublicKey' })), true);
    const decision = engine.explain(request('Get', 'bob'));
    assert.equal(decision.origin, 'reserved');
    assert.equal(decision.policy, 'default');
    assert.equal(decision.permission, 'AllowOwner');
  });

  it('applies the reserved public policy to templates', () => {
    const read = request('Get', 'bob', { objectType: 'Template', policy: 'public' });
    assert.equal(engine.authorize(read), true);
    assert.equal(engine.authorize({ ...read, operation: 'Destroy' }), false);
  });

  it('refuses everything under an unknown policy name, explaining why', () => {
    const decision = engine.explain(request('Get', 'alice', { policy: 'nope' }));
    assert.equal(decision.allowed, false);
    assert.equal(decision.origin, 'unknown');
    assert.match(decision.reason, /no operation policy is named "nope"/);
    assert.equal(engine.authorize(request('Get', 'alice', { policy: '__proto__' })), false);
  });
});

describe('startPolicyEngine: hot reload of the policy directory', () => {
  let dir: string;
  let engine: PolicyEngine;
  let waiters: ((result: ScanResult) => void)[] = [];
  // Resolves at the next scan that changed something (fs.watch or the periodic rescan).
  const nextChange = () => new Promise<ScanResult>((resolve) => waiters.push(resolve));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-policy-engine-'));
    await writeFile(
      join(dir, 'team.json'),
      JSON.stringify({ team: { preset: { SYMMETRIC_KEY: { GET: 'ALLOW_ALL' } } } }),
    );
    engine = await startPolicyEngine({
      logger: captureLogger().logger,
      policyDir: dir,
      rescanIntervalMs: 200,
      onChange: (result) => {
        const current = waiters;
        waiters = [];
        for (const resolve of current) resolve(result);
      },
    });
  });
  after(async () => {
    engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bobGets = () => engine.authorize(request('Get', 'bob', { policy: 'team' }));

  it('serves a policy file present at start', () => {
    assert.equal(bobGets(), true);
    assert.deepEqual(engine.policyNames(), ['default', 'public', 'team']);
  });

  it('applies a changed file without a restart', async () => {
    const changed = nextChange();
    await writeFile(
      join(dir, 'team.json'),
      JSON.stringify({ team: { preset: { SYMMETRIC_KEY: { GET: 'ALLOW_OWNER' } } } }),
    );
    await changed;
    assert.equal(bobGets(), false);
  });

  it('picks up a new file written by rename (as editors and config tools do)', async () => {
    const changed = nextChange();
    const temp = join(dir, 'ops.json.tmp');
    await writeFile(
      temp,
      JSON.stringify({ ops: { groups: { ops: { SYMMETRIC_KEY: { DESTROY: 'ALLOW_ALL' } } } } }),
    );
    await rename(temp, join(dir, 'ops.json'));
    while (!(await changed).loaded.some((f) => f.endsWith('ops.json'))) {
      await nextChange();
    }
    const destroy = request('Destroy', 'carol', { policy: 'ops', groups: ['ops'] });
    assert.equal(engine.authorize(destroy), true);
  });

  it('forgets the policies of a removed file', async () => {
    const changed = nextChange();
    await unlink(join(dir, 'team.json'));
    await changed;
    assert.equal(engine.explain(request('Get', 'alice', { policy: 'team' })).origin, 'unknown');
  });
});

describe('startPolicyEngine: roles from config.toml', () => {
  it('lets a granted role allow what the operation policy refuses, under its conditions', async () => {
    const roles = parseAccessConfig(
      {
        roles: {
          backup: {
            owner: 'any',
            allow: { SymmetricKey: ['Get'] },
            attributes: { 'x-app': 'backup' },
          },
          ops: { owner: 'other', groups: ['ops'], allow: { '*': ['Destroy'] } },
        },
        grants: { bob: ['backup'], 'group:ops': ['ops'] },
      },
      { kind: 'default' },
    );
    const engine = await startPolicyEngine({ logger: captureLogger().logger, roles });
    try {
      const byRole = engine.explain(request('Get', 'bob'));
      assert.equal(byRole.allowed, true);
      assert.equal(byRole.origin, 'role');
      assert.equal(byRole.section, 'roles.backup');
      assert.equal(engine.authorize(request('Destroy', 'bob')), false);
      assert.equal(engine.authorize(request('Get', 'carol')), false, 'carol has no role');
      assert.equal(engine.authorize(request('Destroy', 'dave', { groups: ['ops'] })), true);
      const unknown = engine.explain(request('Get', 'bob', { policy: 'gone' }));
      assert.equal(unknown.allowed, false, 'an unknown policy name refuses, roles included');
      assert.equal(unknown.origin, 'unknown');
      const notOther = engine.explain(request('Destroy', 'alice', { groups: ['ops'] }));
      assert.equal(notOther.allowed, true, 'the owner still has the default policy');
      assert.equal(notOther.origin, 'reserved');
    } finally {
      engine.close();
    }
  });
});

describe('startPolicyEngine: config groups and tenants', () => {
  const access = parseAccessConfig(
    {
      roles: { reader: { allow: { SymmetricKey: ['Get', 'GetAttributes'] } } },
      groups: { ops: ['carol'] },
      tenants: {
        acme: { members: ['alice'], grants: { auditor: ['reader'] } },
        globex: { members: ['gina'], grants: {} },
      },
    },
    { kind: 'default' },
  );
  let engine: PolicyEngine;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-policy-tenants-'));
    await writeFile(
      join(dir, 'ops.json'),
      JSON.stringify({
        ops: {
          preset: { SYMMETRIC_KEY: { GET: 'ALLOW_OWNER' } },
          groups: { ops: { SYMMETRIC_KEY: { GET: 'ALLOW_ALL' } } },
        },
      }),
    );
    engine = await startPolicyEngine({
      logger: captureLogger().logger,
      roles: access,
      policyDir: dir,
      watch: false,
      rescanIntervalMs: 0,
    });
  });
  after(async () => {
    engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives [access.groups] members group information, so group rules apply to them', () => {
    const decision = engine.explain(request('Get', 'carol', { policy: 'ops' }));
    assert.equal(decision.allowed, true);
    assert.equal(decision.section, 'groups.ops');
    assert.equal(engine.authorize(request('Get', 'dave', { policy: 'ops' })), false);
  });

  it("applies a tenant's grants to its members' objects only", () => {
    // alice (owner in request()) is a member of acme.
    const decision = engine.explain(request('Get', 'auditor'));
    assert.equal(decision.allowed, true);
    assert.equal(decision.section, 'tenants.acme.roles.reader');
    assert.match(decision.reason, /tenant acme/);
    const globexObject = request('Get', 'auditor');
    const foreign = { ...globexObject, object: { ...globexObject.object, owner: 'gina' } };
    assert.equal(engine.authorize(foreign), false);
  });

  it('scopes a tenant role certificate (role:<ROLE>@<TENANT>:<name>) to that tenant', () => {
    assert.equal(engine.authorize(request('Get', 'role:reader@acme:app1')), true);
    assert.equal(engine.authorize(request('Destroy', 'role:reader@acme:app1')), false);
    assert.equal(engine.authorize(request('Get', 'role:reader@globex:app2')), false);
    assert.equal(engine.authorize(request('Get', 'role:reader:anywhere')), true);
    assert.equal(engine.authorize(request('Get', 'role:nosuchrole:x')), false);
  });
});
