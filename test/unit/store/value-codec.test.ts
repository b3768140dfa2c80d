import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeValue, encodeValue, stringPrefixKey } from '../../../src/store/value-codec.ts';

/** Any value the store promises to round-trip. */
const storable = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.string(),
    fc.double(),
    fc.bigInt(),
    fc.date({ noInvalidDate: true }),
    fc.uint8Array({ maxLength: 40 }),
  ),
  value: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('$t', 'v', '__proto__')), tie('value'), {
      maxKeys: 4,
      noNullPrototype: true,
    }),
  ),
})).value;

describe('encodeValue / decodeValue', () => {
  it('round-trips every storable value exactly (incl. bigint, Date, bytes, NaN, -0, "$t" keys)', () => {
    fc.assert(
      fc.property(storable, (value) => {
        assert.deepStrictEqual(decodeValue(encodeValue(value, 'v').json), value);
      }),
      { numRuns: 500 },
    );
  });

  it('gives equal values the same key whatever the order of object keys', () => {
    const a = encodeValue({ b: 1, a: [1n, { y: 2, x: 3 }] }, 'v');
    const b = encodeValue({ a: [1n, { x: 3, y: 2 }], b: 1 }, 'v');
    assert.equal(a.key, b.key);
    assert.notEqual(a.json, b.json);
  });

  it('keeps kinds apart: 1, 1n, "1", true and a Date each get a different key', () => {
    const keys = [1, 1n, '1', true, new Date(1), new Uint8Array([1])].map(
      (v) => encodeValue(v, 'v').key,
    );
    assert.equal(new Set(keys).size, keys.length);
  });

  it('does not confuse a caller object shaped like a tag with a tag', () => {
    const value = { $t: 'bigint', v: '5' };
    assert.deepStrictEqual(decodeValue(encodeValue(value, 'v').json), value);
    assert.notEqual(encodeValue(value, 'v').key, encodeValue(5n, 'v').key);
  });

  it('returns bytes as a plain Uint8Array, also for a Buffer or a view into a larger buffer', () => {
    const backing = new Uint8Array([9, 1, 2, 3, 9]);
    for (const input of [Buffer.from([1, 2, 3]), backing.subarray(1, 4)]) {
      const out = decodeValue(encodeValue(input, 'v').json);
      assert.equal(Object.getPrototypeOf(out), Uint8Array.prototype);
      assert.deepStrictEqual(out, new Uint8Array([1, 2, 3]));
    }
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const out = decodeValue('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['__proto__']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('records the time of a top-level Date for range queries, and only then', () => {
    assert.equal(encodeValue(new Date(1234), 'v').date, 1234);
    assert.equal(encodeValue([new Date(1234)], 'v').date, null);
    assert.equal(encodeValue('2024-01-01', 'v').date, null);
  });

  it('rejects what cannot round-trip with KW_STORE_VALUE and the path of the bad part', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const cases: [unknown, string][] = [
      [undefined, 'v'],
      [{ a: undefined }, 'v.a'],
      [[1, () => 1], 'v[1]'],
      [Symbol('s'), 'v'],
      [new Map(), 'v'],
      [new Uint16Array(2), 'v'],
      [new Date(Number.NaN), 'v'],
      [circular, 'v.self'],
      // eslint-disable-next-line no-sparse-arrays
      [[1, , 3], 'v[1]'],
    ];
    for (const [value, path] of cases) {
      assert.throws(() => encodeValue(value, 'v'), { code: 'KW_STORE_VALUE', path });
    }
    assert.throws(() => encodeValue(deep, 'v'), { code: 'KW_STORE_VALUE' });
  });

  it('rejects corrupt stored text (unknown tag, bad bigint, bad JSON) with KW_STORE_VALUE', () => {
    for (const text of ['{"$t":"regexp","v":"x"}', '{"$t":"bigint","v":"1.5"}', '{"a":']) {
      assert.throws(() => decodeValue(text), { code: 'KW_STORE_VALUE' }, text);
    }
  });
});

describe('stringPrefixKey', () => {
  it('is a prefix of the key of every string that starts with the prefix', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, rest) => {
        assert.ok(encodeValue(prefix + rest, 'v').key.startsWith(stringPrefixKey(prefix)));
      }),
    );
  });
});
