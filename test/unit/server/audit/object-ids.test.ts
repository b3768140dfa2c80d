// The ids an audit record names: the payloads' top-level …UniqueIdentifier(s) text fields,
// distinct and in order, capped; the same list the first implementation (a regular expression
// over Object.entries, then a Set) gave for any payloads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_AUDITED_IDS, objectIdsOf } from '../../../../src/server/audit/index.ts';

function referenceIdsOf(...payloads: readonly unknown[]): string[] {
  const found: string[] = [];
  for (const payload of payloads) {
    if (typeof payload !== 'object' || payload === null) continue;
    for (const [key, value] of Object.entries(payload)) {
      if (!/uniqueIdentifiers?$/i.test(key)) continue;
      const values: unknown[] = Array.isArray(value) ? value : [value];
      for (const v of values) if (typeof v === 'string') found.push(v);
    }
  }
  const ids = [...new Set(found)];
  if (ids.length <= MAX_AUDITED_IDS) return ids;
  return [...ids.slice(0, MAX_AUDITED_IDS), `+${ids.length - MAX_AUDITED_IDS} more`];
}

describe('objectIdsOf', () => {
  it('names request and response ids once, in order', () => {
    assert.deepEqual(objectIdsOf({ uniqueIdentifier: 'a' }, { uniqueIdentifier: 'a' }), ['a']);
    assert.deepEqual(objectIdsOf({ uniqueIdentifier: 'a' }, { uniqueIdentifier: 'b' }), ['a', 'b']);
    assert.deepEqual(
      objectIdsOf(
        { privateKeyUniqueIdentifier: 'p', publicKeyUniqueIdentifier: 'q', objectType: 1 },
        { uniqueIdentifiers: ['x', 'p', 7, 'y'] },
      ),
      ['p', 'q', 'x', 'y'],
    );
    assert.deepEqual(objectIdsOf(undefined, { uniqueIdentifier: 3 }, 'text'), []);
  });

  it('caps a long list and says how many more', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const named = objectIdsOf({}, { uniqueIdentifiers: ids });
    assert.equal(named.length, MAX_AUDITED_IDS + 1);
    assert.equal(named.at(-1), `+${100 - MAX_AUDITED_IDS} more`);
  });

  it('gives what the first implementation gave, for any payloads', () => {
    const key = fc.constantFrom(
      'uniqueIdentifier',
      'UniqueIdentifiers',
      'publicKeyUniqueIdentifier',
      'uniqueIdentifierX',
      'objectType',
      'identifier',
    );
    const value = fc.oneof(
      fc.constantFrom('a', 'b', 'c'),
      fc.string(),
      fc.integer(),
      fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.string(), fc.integer()), {
        maxLength: 80,
      }),
    );
    const payload = fc.oneof(fc.dictionary(key, value), fc.constant(undefined), fc.constant(null));
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 3 }), (payloads) => {
        assert.deepEqual(objectIdsOf(...payloads), referenceIdsOf(...payloads));
      }),
      { numRuns: 500 },
    );
  });
});
