import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeAttributes, encodeAttributesWithPaths } from '../../../src/store/object-codec.ts';
import type { StoredAttribute } from '../../../src/store/types.ts';
import { storableValue } from './storable-values.ts';

const storable = storableValue({ maxBytes: 8, maxItems: 3 });
const attribute = fc.record(
  {
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 }),
    index: fc.nat(3),
    value: storable,
  },
  { noNullPrototype: true },
);
// Lists that may hold every kind of mistake the reference walk reports.
const bad = fc.oneof(
  fc.constant(null),
  fc.record({ name: fc.constantFrom('', 7), index: fc.nat(2), value: fc.constant(1) }),
  fc.record({
    name: fc.constant('A'),
    index: fc.constantFrom(-1, 1.5, Number.NaN),
    value: fc.constant(1),
  }),
  fc.record({
    name: fc.constant('A'),
    index: fc.nat(1),
    value: fc.constantFrom(undefined, Symbol('s'), new Date(Number.NaN)),
  }),
  fc.record({ name: fc.constantFrom('A', 'B'), index: fc.nat(1), value: fc.constant('x') }),
);

function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    const { code, path, message } = error as { code: string; path: string; message: string };
    return { code, path, message };
  }
}

describe('encodeAttributes (store object codec)', () => {
  it('encodes any valid list exactly as the reference walk, in the caller order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(attribute, { selector: (a) => `${a.index}\u0000${a.name}`, maxLength: 10 }),
        (attributes) => {
          assert.deepStrictEqual(
            encodeAttributes(attributes, 'attributes'),
            encodeAttributesWithPaths(attributes, 'attributes'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws the same error (code and path) as the reference walk for any list with mistakes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(attribute, bad), { maxLength: 8 }), (attributes) => {
        const list = attributes as StoredAttribute[];
        assert.deepStrictEqual(
          outcome(() => encodeAttributes(list, 'o.attributes')),
          outcome(() => encodeAttributesWithPaths(list, 'o.attributes')),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('names the later of two attributes with the same name and index', () => {
    const list = [
      { name: 'B', index: 0, value: 1 },
      { name: 'A', index: 0, value: 1 },
      { name: 'B', index: 0, value: 2 },
    ];
    assert.throws(() => encodeAttributes(list, 'attributes'), {
      code: 'KW_STORE_VALUE',
      path: 'attributes[2]',
    });
  });

  it('names the value of a bad attribute by its path', () => {
    const list = [{ name: 'A', index: 0, value: { x: [1, () => 0] } }];
    assert.throws(() => encodeAttributes(list as unknown as StoredAttribute[], 'attributes'), {
      code: 'KW_STORE_VALUE',
      path: 'attributes[0].value.x[1]',
    });
  });
});
