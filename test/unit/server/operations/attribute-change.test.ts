// The helpers Add/Set/Modify/Delete Attribute share: value equality for Current Attribute,
// the KMIP 1.x index rule, and the client's rights per change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NameType, ResultReason, Tag } from '../../../../src/kmip/generated/registry.ts';
import type { IndexedAttribute } from '../../../../src/server/objects/index.ts';
import {
  isSameValue,
  requestedIndex,
  ruleForChange,
} from '../../../../src/server/operations/attribute-change.ts';

const names = (count: number): IndexedAttribute[] =>
  Array.from({ length: count }, (_, index) => ({
    name: 'Name',
    index,
    value: { value: `n${index}`, type: NameType.UninterpretedTextString },
  }));

describe('isSameValue', () => {
  it('compares bytes by content, whatever their class', () => {
    assert.ok(isSameValue(Buffer.from([1, 2, 3]), new Uint8Array([1, 2, 3])));
    assert.equal(isSameValue(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3])), false);
  });

  it('compares dates by time and bigints by value', () => {
    assert.ok(isSameValue(new Date('2030-01-01T00:00:00Z'), new Date(1893456000000)));
    assert.equal(isSameValue(new Date(0), new Date(1000)), false);
    assert.ok(isSameValue(12n, 12n));
    assert.equal(isSameValue(12n, 12), false);
  });

  it('compares structures by their present fields', () => {
    const link = { linkType: 1, linkedObjectIdentifier: 'k' };
    assert.ok(isSameValue(link, { ...link, extra: undefined }));
    assert.equal(isSameValue(link, { ...link, linkedObjectIdentifier: 'j' }), false);
    assert.equal(isSameValue(link, { linkType: 1 }), false);
    const item = { tag: Tag.AttributeValue, type: 'Structure', value: [{ tag: 1, value: 2 }] };
    assert.ok(isSameValue(item, structuredClone(item)));
    assert.equal(isSameValue([1, 2], [2, 1]), false);
    assert.equal(isSameValue({}, []), false);
  });

  it('finds every value equal to a deep copy of itself (property)', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.bigInt(),
        fc.date({ noInvalidDate: true }),
        fc.uint8Array(),
      ),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(fc.property(value, (v) => isSameValue(v, structuredClone(v))));
  });
});

describe('requestedIndex', () => {
  it('takes the index given, else 0', () => {
    assert.equal(requestedIndex(2, names(3), '1.4'), 2);
    assert.equal(requestedIndex(undefined, names(3), '1.1'), 0);
    assert.equal(requestedIndex(undefined, names(1), '1.0'), 0);
  });

  it('wants the index in KMIP 1.0 for an attribute with several instances', () => {
    assert.throws(() => requestedIndex(undefined, names(2), '1.0'), {
      code: 'KW_KMIP_RESULT',
      reason: ResultReason.InvalidField,
    });
  });
});

describe('ruleForChange', () => {
  it('allows a change the attribute rules give the client', () => {
    assert.equal(ruleForChange('Name', 'delete', '2.1').isMultiValued, true);
    assert.equal(ruleForChange('ActivationDate', 'modify', '1.4').name, 'ActivationDate');
    assert.equal(ruleForChange('x-anything', 'delete', '1.4').isClientDeletable, true);
  });

  it('refuses a change the client may not make with Attribute Read Only', () => {
    for (const [name, change] of [
      ['ActivationDate', 'delete'],
      ['CryptographicAlgorithm', 'add'],
      ['UniqueIdentifier', 'modify'],
      ['Digest', 'set'],
    ] as const) {
      assert.throws(() => ruleForChange(name, change, '2.1'), {
        code: 'KW_KMIP_RESULT',
        reason: ResultReason.AttributeReadOnly,
      });
    }
  });

  it('refuses a name the version does not know with Invalid Field', () => {
    assert.throws(() => ruleForChange('Descripton', 'add', '2.1'), {
      code: 'KW_KMIP_RESULT',
      reason: ResultReason.InvalidField,
    });
  });
});
