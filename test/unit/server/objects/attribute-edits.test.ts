import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultReason } from '../../../../src/kmip/generated/registry.ts';
import { applyAttributeEdit } from '../../../../src/server/objects/attribute-edits.ts';
import type { IndexedAttribute } from '../../../../src/server/objects/object-record.ts';

const base: IndexedAttribute[] = [
  { name: 'Name', index: 0, value: { value: 'a', type: 1 } },
  { name: 'Name', index: 2, value: { value: 'c', type: 1 } },
  { name: 'ContactInformation', index: 0, value: 'ops' },
];

describe('applyAttributeEdit', () => {
  it('set replaces every instance with one at index 0', () => {
    const out = applyAttributeEdit(base, {
      op: 'set',
      name: 'Name',
      value: { value: 'z', type: 1 },
    });
    assert.deepEqual(
      out.filter((a) => a.name === 'Name'),
      [{ name: 'Name', index: 0, value: { value: 'z', type: 1 } }],
    );
  });

  it('add takes the index after the highest in use and leaves others alone', () => {
    const out = applyAttributeEdit(base, {
      op: 'add',
      name: 'Name',
      value: { value: 'd', type: 1 },
    });
    assert.deepEqual(
      out.filter((a) => a.name === 'Name').map((a) => a.index),
      [0, 2, 3],
    );
    assert.equal(applyAttributeEdit(base, { op: 'add', name: 'x-new', value: 1 }).at(-1)?.index, 0);
  });

  it('replace changes one instance and keeps its index', () => {
    const out = applyAttributeEdit(base, { op: 'replace', name: 'Name', index: 2, value: 'C' });
    assert.deepEqual(out[1], { name: 'Name', index: 2, value: 'C' });
  });

  it('delete removes one instance or all of them', () => {
    assert.deepEqual(
      applyAttributeEdit(base, { op: 'delete', name: 'Name', index: 0 }).map((a) => a.index),
      [2, 0],
    );
    assert.deepEqual(
      applyAttributeEdit(base, { op: 'delete', name: 'Name' }).map((a) => a.name),
      ['ContactInformation'],
    );
  });

  it('refuses to replace or delete what is not there', () => {
    assert.throws(
      () => applyAttributeEdit(base, { op: 'replace', name: 'Link', index: 0, value: 1 }),
      {
        code: 'KW_KMIP_RESULT',
        reason: ResultReason.AttributeNotFound,
      },
    );
    assert.throws(() => applyAttributeEdit(base, { op: 'delete', name: 'Name', index: 1 }), {
      reason: ResultReason.AttributeInstanceNotFound,
    });
    assert.throws(() => applyAttributeEdit(base, { op: 'delete', name: 'Description' }), {
      reason: ResultReason.AttributeNotFound,
    });
  });

  it('never edits the column attributes', () => {
    assert.throws(() => applyAttributeEdit(base, { op: 'set', name: 'State', value: 2 }));
  });
});
