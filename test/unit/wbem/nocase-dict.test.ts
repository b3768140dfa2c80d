import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NocaseDict } from '../../../src/wbem/index.ts';

describe('NocaseDict', () => {
  it('finds keys in any lexical case and keeps the original case', () => {
    const d = new NocaseDict<number>([['InstanceID', 1]]);
    assert.equal(d.get('instanceid'), 1);
    assert.equal(d.get('INSTANCEID'), 1);
    assert.ok(d.has('InstanceId'));
    assert.deepEqual([...d.keys()], ['InstanceID']);
  });

  it('keeps insertion order; setting an existing key keeps its place and takes the new case', () => {
    const d = new NocaseDict<number>();
    d.set('b', 1).set('A', 2).set('c', 3).set('B', 4);
    assert.deepEqual(
      [...d.entries()],
      [
        ['B', 4],
        ['A', 2],
        ['c', 3],
      ],
    );
    assert.ok(d.delete('a'));
    assert.ok(!d.delete('a'));
    assert.deepEqual(
      [...d],
      [
        ['B', 4],
        ['c', 3],
      ],
    );
    assert.equal(d.size, 2);
  });

  it('compares case-insensitively and in any order', () => {
    const a = new NocaseDict([
      ['X', 1],
      ['y', 2],
    ]);
    const b = new NocaseDict([
      ['Y', 2],
      ['x', 1],
    ]);
    assert.ok(a.equals(b, (p, q) => p === q));
    b.set('x', 3);
    assert.ok(!a.equals(b, (p, q) => p === q));
    assert.ok(!a.equals(new NocaseDict([['X', 1]]), (p, q) => p === q));
  });

  it('copies into an independent dictionary', () => {
    const a = new NocaseDict([['k', 1]]);
    const b = a.copy();
    b.set('K', 2);
    assert.equal(a.get('k'), 1);
    a.clear();
    assert.equal(b.get('k'), 2);
  });
});
