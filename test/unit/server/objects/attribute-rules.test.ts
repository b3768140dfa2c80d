import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason } from '../../../../src/kmip/generated/registry.ts';
import { tagEntryByName } from '../../../../src/kmip/registry.ts';
import {
  ATTRIBUTE_RULES,
  attributeRule,
  isCustomAttributeName,
  resolveAttributeName,
} from '../../../../src/server/objects/attribute-rules.ts';

describe('attribute rules', () => {
  it('names only attributes the registry knows', () => {
    const unknown = ATTRIBUTE_RULES.filter((r) => tagEntryByName(r.name) === undefined);
    assert.deepEqual(unknown, []);
  });

  it('keeps Unique Identifier, Object Type and State in columns, out of client reach', () => {
    for (const name of ['UniqueIdentifier', 'ObjectType', 'State']) {
      const rule = attributeRule(name);
      assert.equal(rule?.isColumn, true);
      assert.equal(rule?.isClientSettable, false);
    }
  });

  it('lets the client set Name (several) and only one Cryptographic Algorithm', () => {
    assert.equal(attributeRule('Name')?.isMultiValued, true);
    assert.equal(attributeRule('Name')?.isClientDeletable, true);
    assert.equal(attributeRule('CryptographicAlgorithm')?.isMultiValued, false);
    assert.equal(attributeRule('CryptographicAlgorithm')?.isClientModifiable, false);
    assert.equal(attributeRule('Digest')?.isClientSettable, false);
  });
});

describe('resolveAttributeName', () => {
  it('recognises a standard attribute the version defines', () => {
    assert.equal(resolveAttributeName('CryptographicAlgorithm', '1.0').kind, 'standard');
    assert.equal(resolveAttributeName('Fresh', '1.1').kind, 'standard');
  });

  it('refuses an attribute the version does not define, naming it', () => {
    assert.throws(
      () => resolveAttributeName('Fresh', '1.0'),
      (e: Error & { code?: string; reason?: number }) =>
        e.code === 'KW_KMIP_RESULT' &&
        e.reason === ResultReason.InvalidField &&
        e.message.includes('"Fresh"'),
    );
    assert.throws(() => resolveAttributeName('OperationPolicyName', '2.0'), {
      reason: ResultReason.InvalidField,
    });
  });

  it('refuses a misspelled name and a tag that is no attribute', () => {
    for (const name of [
      'Cryptographic Algorthm',
      'KeyBlock',
      'Cryptographicalgorithm',
      '0x42ABCD',
    ]) {
      assert.throws(() => resolveAttributeName(name, '1.4'), {
        code: 'KW_KMIP_RESULT',
        reason: ResultReason.InvalidField,
      });
    }
  });

  it('accepts custom attributes: x-/y- in 1.x, any vendor in 2.x, extension tags', () => {
    assert.equal(resolveAttributeName('x-ID', '1.0').kind, 'custom');
    assert.equal(resolveAttributeName('y-server', '1.4').kind, 'custom');
    assert.equal(resolveAttributeName('acme-color', '2.1').kind, 'custom');
    assert.equal(resolveAttributeName('0x540001', '2.0').kind, 'custom');
    assert.throws(() => resolveAttributeName('acme-color', '1.4'), {
      reason: ResultReason.InvalidField,
    });
  });

  it('does not take registry names for custom ones', () => {
    assert.equal(isCustomAttributeName('Name', '2.1'), false);
    assert.equal(isCustomAttributeName('0x420094', '2.1'), false);
    assert.equal(isCustomAttributeName('x-', '1.4'), false);
  });
});
