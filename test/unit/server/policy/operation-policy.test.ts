import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AccessRequest, OperationName } from '../../../../src/server/objects/index.ts';
import {
  evaluateOperationPolicy,
  parsePolicyFile,
  type OperationPolicy,
} from '../../../../src/server/policy/index.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/policy/', import.meta.url));
async function seedPolicy(file: string, name = 'example'): Promise<OperationPolicy> {
  const policy = parsePolicyFile(await readFile(FIXTURES + file, 'utf8'), file).get(name);
  assert.ok(policy !== undefined);
  return policy;
}

function request(
  operation: OperationName,
  caller: { name: string; groups?: string[] },
  objectType = 'Certificate',
): AccessRequest {
  return {
    identity: caller,
    operation,
    object: { id: 'id-1', objectType, owner: 'alice', operationPolicyName: 'example' },
  };
}
const allowed = (policy: OperationPolicy, r: AccessRequest) =>
  evaluateOperationPolicy(policy, r).allowed;

describe('evaluateOperationPolicy (seed 004 examples)', () => {
  it('preset: everyone may Locate and Check certificates; what is not listed is refused', async () => {
    const policy = await seedPolicy('seed-preset.json');
    assert.equal(allowed(policy, request('Locate', { name: 'bob' })), true);
    assert.equal(allowed(policy, request('Check', { name: 'bob' })), true);
    assert.equal(allowed(policy, request('Get', { name: 'alice' })), false);
    assert.equal(allowed(policy, request('Locate', { name: 'bob' }, 'SymmetricKey')), false);
  });

  it('groups: group_A may destroy, group_B may not, a member of both gets the most permissive', async () => {
    const policy = await seedPolicy('seed-groups.json');
    assert.equal(allowed(policy, request('Destroy', { name: 'a', groups: ['group_A'] })), true);
    assert.equal(allowed(policy, request('Destroy', { name: 'b', groups: ['group_B'] })), false);
    assert.equal(allowed(policy, request('Get', { name: 'b', groups: ['group_B'] })), true);
    for (const groups of [
      ['group_A', 'group_B'],
      ['group_B', 'group_A'],
    ]) {
      const decision = evaluateOperationPolicy(policy, request('Destroy', { name: 'c', groups }));
      assert.equal(decision.allowed, true, groups.join());
      assert.equal(decision.section, 'groups.group_A');
    }
  });

  it('groups only: a caller without group information is refused everything', async () => {
    const policy = await seedPolicy('seed-groups.json');
    const decision = evaluateOperationPolicy(policy, request('Get', { name: 'alice' }));
    assert.equal(decision.allowed, false);
    assert.match(decision.reason, /only group rules/);
    assert.equal(allowed(policy, request('Get', { name: 'x', groups: ['group_C'] })), false);
    assert.equal(allowed(policy, request('Get', { name: 'x', groups: [] })), false);
  });

  it('preset and groups: groups apply to callers with groups, the preset to callers without', async () => {
    const policy = await seedPolicy('seed-preset-and-groups.json');
    assert.equal(allowed(policy, request('Destroy', { name: 'alice' })), false);
    assert.equal(allowed(policy, request('Destroy', { name: 'a', groups: ['group_A'] })), true);
    assert.equal(allowed(policy, request('Destroy', { name: 'b', groups: ['group_B'] })), false);
  });

  it('preset only: callers with groups get the preset (seed: "only preset controls are defined")', async () => {
    const policy = await seedPolicy('seed-two-policies.json', 'example_1');
    const withGroups = request('Destroy', { name: 'alice', groups: ['group_A'] });
    assert.equal(evaluateOperationPolicy(policy, withGroups).section, 'preset');
    const policy2 = parsePolicyFile(
      '{"p": {"preset": {"SYMMETRIC_KEY": {"GET": "ALLOW_OWNER"}}}}',
      'p.json',
    ).get('p');
    assert.ok(policy2 !== undefined);
    const owner = request('Get', { name: 'alice', groups: ['g'] }, 'SymmetricKey');
    assert.equal(allowed(policy2, owner), true);
    assert.equal(allowed(policy2, { ...owner, identity: { name: 'bob', groups: ['g'] } }), false);
  });

  it("answers Encrypt, Sign and MAC with the table's Get entry unless listed (PyKMIP authorizes them as Get)", () => {
    const policy = parsePolicyFile(
      '{"p": {"preset": {"SYMMETRIC_KEY": {"GET": "ALLOW_ALL", "DECRYPT": "DISALLOW_ALL"}}}}',
      'p.json',
    ).get('p');
    assert.ok(policy !== undefined);
    const bob = { name: 'bob' };
    for (const op of ['Encrypt', 'Sign', 'MAC', 'SignatureVerify'] as const) {
      const decision = evaluateOperationPolicy(policy, request(op, bob, 'SymmetricKey'));
      assert.equal(decision.allowed, true, op);
      assert.match(decision.reason, /as Get/);
    }
    assert.equal(allowed(policy, request('Decrypt', bob, 'SymmetricKey')), false);
    assert.equal(allowed(policy, request('Destroy', bob, 'SymmetricKey')), false);
  });
});
