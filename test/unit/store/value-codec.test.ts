import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bytesOfBase64,
  decodeValue,
  decodeValueWithPaths,
  encodeValue,
  stringPrefixKey,
} from '../../../src/store/value-codec.ts';
import { storableValue } from './storable-values.ts';

const storable = storableValue({ maxBytes: 40, maxItems: 4 });

describe('encodeValue / decodeValue', () => {
  it('round-trips every storable value exactly (incl. bigint, Date, bytes, NaN, -0, "$t" keys)', () => {
    fc.assert(
      fc.property(storable, (value) => {
        assert.deepStrictEqual(decodeValue(encodeValue(value, 'v').json), value);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes a top-level string, boolean or number as it does inside an array (fast path)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.boolean(), fc.double(), fc.integer()), (value) => {
        const alone = encodeValue(value, 'v');
        const nested = encodeValue([value], 'v');
        assert.equal(`[${alone.json}]`, nested.json);
        assert.equal(`[${alone.key}]`, nested.key);
        assert.equal(alone.date, null);
      }),
      { numRuns: 1000 },
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

/** What decoding did: its value, or the code and path of its error. */
function outcome(decode: (json: string) => unknown, json: string): unknown {
  try {
    return { value: decode(json) };
  } catch (error) {
    const { code, path } = error as { code?: unknown; path?: unknown };
    return { code, path };
  }
}

const TAGS = ['bigint', 'date', 'bytes', 'number', 'object', 'regexp'];
const TAG_KEYS = ['"$t"', '"\\u0024t"'];
const TAGGED_VS = ['1.5', '-0', 'NaN', '-Infinity', '12', 'AAEC', '2024-01-01T00:00:00Z', 'x'];

/** A tagged value nested in an object and an array, as stored text. */
function nestedTag(tag: string, v: unknown, key: string): string {
  return `{"a":[1,{${key}:${JSON.stringify(tag)},"v":${JSON.stringify(v)}}]}`;
}

/** Stored-looking text, tagged or not, valid or not (unknown tags, bad bigints, escaped keys). */
const storedText = fc.oneof(
  storable.map((value) => encodeValue(value, 'v').json),
  fc.json(),
  fc
    .tuple(
      fc.constantFrom(...TAGS),
      fc.oneof(fc.string(), fc.constantFrom(...TAGGED_VS), fc.object()),
      fc.constantFrom(...TAG_KEYS),
    )
    .map(([tag, v, key]) => nestedTag(tag, v, key)),
);

describe('decodeValue fast path (issue #9)', () => {
  it('gives what the path-tracking decode gives, values and errors alike', () => {
    fc.assert(
      fc.property(storedText, (json) => {
        const fast = outcome(decodeValue, json);
        assert.deepStrictEqual(fast, outcome(decodeValueWithPaths, json), json);
        assert.deepStrictEqual(fast, outcome(decodeValue, json), 'decoding twice differs');
      }),
      { numRuns: 500 },
    );
  });

  it('gives what the path-tracking decode gives for every tag, top-level and nested', () => {
    for (const tag of TAGS) {
      for (const v of [...TAGGED_VS, { b: 1 }, 5]) {
        for (const key of TAG_KEYS) {
          for (const json of [
            `{${key}:${JSON.stringify(tag)},"v":${JSON.stringify(v)}}`,
            nestedTag(tag, v, key),
          ]) {
            assert.deepStrictEqual(
              outcome(decodeValue, json),
              outcome(decodeValueWithPaths, json),
              json,
            );
          }
        }
      }
    }
  });

  it('still names the path of a bad nested tag', () => {
    assert.throws(() => decodeValue('{"a":[1,{"$t":"regexp","v":"x"}]}'), {
      code: 'KW_STORE_VALUE',
      path: 'value.a[1]',
    });
  });

  it('keeps a stored "__proto__" key an own property (no prototype change)', () => {
    const out = decodeValue('{"__proto__":{"d":{"$t":"date","v":"2024-01-01T00:00:00.000Z"}}}');
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(Object.hasOwn(out as object, '__proto__'));
    assert.deepStrictEqual(
      (out as Record<string, { d: Date }>)['__proto__']?.d,
      new Date('2024-01-01T00:00:00.000Z'),
    );
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

// The encoder as it was before the Date/bytes fast paths and the array-free canonical form
// (issue #9): the text on disk must not change, so the new one is checked against it.
function referenceTree(value: unknown): unknown {
  if (typeof value === 'number' && !(Number.isFinite(value) && !Object.is(value, -0))) {
    return { $t: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
  }
  if (typeof value === 'bigint') return { $t: 'bigint', v: value.toString() };
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return { $t: 'date', v: value.toISOString() };
  if (value instanceof Uint8Array) return { $t: 'bytes', v: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(referenceTree);
  const obj = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, referenceTree(v)]));
  return Object.hasOwn(obj, '$t') ? { $t: 'object', v: obj } : obj;
}
function referenceCanonical(json: unknown): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json);
  if (Array.isArray(json)) return `[${json.map(referenceCanonical).join(',')}]`;
  const record = json as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonical(record[k])}`).join(',')}}`;
}

describe('encodeValue output is unchanged (stored text)', () => {
  it('gives the same json, key and date as the reference encoder for any storable value', () => {
    fc.assert(
      fc.property(storable, (value) => {
        const tree = referenceTree(value);
        assert.deepStrictEqual(encodeValue(value, 'v'), {
          json: JSON.stringify(tree),
          key: referenceCanonical(tree),
          date: value instanceof Date ? value.getTime() : null,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('sorts the keys of objects of any size as the reference does (small ones sorted in place)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.string()), {
          maxKeys: 24,
          noNullPrototype: true,
        }),
        (value) => {
          const tree = referenceTree(value);
          assert.equal(encodeValue(value, 'v').key, referenceCanonical(tree));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encodes Dates (also at the ends of the range) and bytes (also a Buffer view) as their tag', () => {
    const values = [
      new Date(8.64e15),
      new Date(-8.64e15),
      new Date(0),
      Buffer.from('abc'),
      new Uint8Array([0, 1, 2, 3, 4, 5]).subarray(1, 4),
      new Uint8Array(0),
    ];
    for (const value of values) {
      const tree = referenceTree(value);
      const encoded = encodeValue(value, 'v');
      assert.equal(encoded.json, JSON.stringify(tree));
      assert.equal(encoded.key, encoded.json);
    }
  });

  it('still refuses an invalid Date, naming the path', () => {
    assert.throws(() => encodeValue(new Date(Number.NaN), 'at.value'), {
      code: 'KW_STORE_VALUE',
      path: 'at.value',
    });
  });
});

describe('bytesOfBase64', () => {
  it('gives the bytes Buffer.from(text, "base64") gives, as a plain Uint8Array, for any text', () => {
    const base64ish = fc.string({
      unit: fc.constantFrom(
        ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n!',
      ),
      maxLength: 40,
    });
    const canonical = fc
      .uint8Array({ maxLength: 40 })
      .map((b) => Buffer.from(b).toString('base64'));
    fc.assert(
      fc.property(fc.oneof(base64ish, canonical), (text) => {
        const bytes = bytesOfBase64(text);
        assert.equal(Object.getPrototypeOf(bytes), Uint8Array.prototype);
        assert.deepStrictEqual(bytes, new Uint8Array(Buffer.from(text, 'base64')));
      }),
      { numRuns: 2000 },
    );
  });
});
