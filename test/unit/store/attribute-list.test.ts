import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  compareBinary,
  decodeAttributeList,
  encodeAttributeList,
} from '../../../src/store/attribute-list.ts';
import { encodeValue } from '../../../src/store/value-codec.ts';
import { storableValue } from './storable-values.ts';

const storable = storableValue({ maxBytes: 8, maxItems: 3 });

// Well-formed text of any plane (SQLite stores TEXT as UTF-8; a lone surrogate is not text).
const name = fc.string({ unit: 'grapheme', maxLength: 6 });

describe('attribute list (objects.attrs)', () => {
  it('round-trips any attribute list, sorted by name as UTF-8 bytes, then index', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ name, index: fc.nat(3), value: storable }, { noNullPrototype: true }),
          {
            selector: (a) => `${a.index}\u0000${a.name}`,
            maxLength: 8,
          },
        ),
        (attributes) => {
          const text = encodeAttributeList(
            attributes.map((a) => ({
              name: a.name,
              idx: a.index,
              json: encodeValue(a.value, 'v').json,
            })),
          );
          const sorted = [...attributes].sort(
            (a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)) || a.index - b.index,
          );
          assert.deepStrictEqual(decodeAttributeList(text), sorted);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders strings exactly as their UTF-8 bytes compare (SQLite BINARY)', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        assert.equal(
          Math.sign(compareBinary(a, b)),
          Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))),
        );
      }),
      { numRuns: 2000 },
    );
    // UTF-16 order would put the emoji (D83D…) before U+FFFF; UTF-8 puts it after.
    assert.ok(compareBinary('x-\uffff', 'x-😀') < 0);
    assert.ok(compareBinary('x-😀', 'x-😁') < 0);
  });

  it('rejects stored text that is not a list of [name, index, value] with KW_STORE_VALUE', () => {
    for (const [text, path] of [
      ['not json', 'attributes'],
      ['{"a":1}', 'attributes'],
      ['[["a",0]]', 'attributes[0]'],
      ['[["a",0,1],[1,0,1]]', 'attributes[1]'],
      ['[["a",0.5,1]]', 'attributes[0]'],
      ['[["a",0,1],["b",0,{"x":{"$t":"nope","v":"1"}}]]', 'attributes[1].value.x'],
      ['[["a",0,{"$t":"bigint","v":"1.5"}]]', 'attributes[0].value'],
    ] as const) {
      assert.throws(() => decodeAttributeList(text), { code: 'KW_STORE_VALUE', path }, text);
    }
  });

  it('decodes tags only where the text has them, keeping "$t"-shaped caller objects', () => {
    const text = encodeAttributeList([
      { name: 'b', idx: 0, json: encodeValue({ $t: 'bigint', v: '5' }, 'v').json },
      { name: 'a', idx: 1, json: encodeValue(new Date(5), 'v').json },
      { name: 'a', idx: 0, json: encodeValue('plain', 'v').json },
    ]);
    assert.deepStrictEqual(decodeAttributeList(text), [
      { name: 'a', index: 0, value: 'plain' },
      { name: 'a', index: 1, value: new Date(5) },
      { name: 'b', index: 0, value: { $t: 'bigint', v: '5' } },
    ]);
    assert.deepStrictEqual(decodeAttributeList('[]'), []);
  });
});
