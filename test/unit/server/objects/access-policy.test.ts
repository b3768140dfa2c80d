import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultAccessPolicy,
  type AccessRequest,
  type OperationName,
} from '../../../../src/server/objects/access-policy.ts';

function request(
  objectType: string,
  operation: OperationName,
  caller: string,
  operationPolicyName?: string,
): AccessRequest {
  return {
    identity: { name: caller },
    operation,
    object: { id: 'id-1', objectType, owner: 'alice', operationPolicyName },
  };
}

describe('default access policy (PyKMIP default policy)', () => {
  const ownerOnly: readonly OperationName[] = [
    'Get',
    'GetAttributes',
    'GetAttributeList',
    'Locate',
    'Check',
    'Activate',
    'Revoke',
    'Destroy',
    'AddAttribute',
    'ModifyAttribute',
    'DeleteAttribute',
    'SetAttribute',
    'Encrypt',
  ];
  for (const type of [
    'SymmetricKey',
    'PrivateKey',
    'SecretData',
    'OpaqueObject',
    'SplitKey',
    'PGPKey',
  ]) {
    it(`lets only the owner use a ${type}`, () => {
      for (const op of ownerOnly) {
        assert.equal(defaultAccessPolicy(request(type, op, 'alice')), true, `${op} by owner`);
        assert.equal(defaultAccessPolicy(request(type, op, 'bob')), false, `${op} by another`);
      }
    });
  }

  for (const type of ['Certificate', 'PublicKey']) {
    it(`lets anyone read a ${type} and only the owner change it`, () => {
      for (const op of ['Get', 'GetAttributes', 'GetAttributeList', 'Locate', 'Check'] as const) {
        assert.equal(defaultAccessPolicy(request(type, op, 'bob')), true, op);
      }
      for (const op of ['Destroy', 'Activate', 'Revoke', 'AddAttribute'] as const) {
        assert.equal(defaultAccessPolicy(request(type, op, 'bob')), false, op);
        assert.equal(defaultAccessPolicy(request(type, op, 'alice')), true, op);
      }
    });
  }

  it('refuses what the table does not list, even to the owner', () => {
    assert.equal(defaultAccessPolicy(request('Template', 'Activate', 'alice')), false);
    assert.equal(defaultAccessPolicy(request('Certificate', 'ReKey', 'alice')), false);
    assert.equal(defaultAccessPolicy(request('CertificateRequest', 'Get', 'alice')), false);
  });

  it('applies the public policy to Templates: anyone reads, nobody changes', () => {
    assert.equal(defaultAccessPolicy(request('Template', 'Get', 'bob', 'public')), true);
    assert.equal(defaultAccessPolicy(request('Template', 'Destroy', 'alice', 'public')), false);
  });

  it('refuses everything under an unknown policy name', () => {
    assert.equal(
      defaultAccessPolicy(request('SymmetricKey', 'Get', 'alice', 'nonexistent')),
      false,
    );
    assert.equal(defaultAccessPolicy(request('SymmetricKey', 'Get', 'alice', 'toString')), false);
  });
});
