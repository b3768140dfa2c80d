import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  bytesToHex,
  decodeTtlv,
  encodedLength,
  encodeTtlv,
  MAX_ENCODE_DEPTH,
  TtlvEncodeError,
} from '../../../../src/kmip/ttlv/index.ts';

const TAG = 0x420020;
const hexOf = (item: KmipItem): string => bytesToHex(encodeTtlv(item));
const spaced = (s: string): string => s.replace(/[\s|]/g, '');

function assertEncodeError(item: unknown, tag?: number): void {
  assert.throws(
    () => encodeTtlv(item as KmipItem),
    (error: unknown) => {
      assert.ok(error instanceof TtlvEncodeError);
      assert.equal(error.code, 'KW_TTLV_ENCODE');
      if (tag !== undefined) assert.equal(error.tag, tag);
      return true;
    },
  );
}

describe('encodeTtlv', () => {
  it('writes a Structure with its length back-patched and children padded to 8 bytes', () => {
    const item: KmipItem = {
      tag: TAG,
      type: 'Structure',
      value: [
        { tag: 0x420004, type: 'TextString', value: 'ab' },
        {
          tag: 0x540001,
          type: 'Structure',
          value: [{ tag: 0x420005, type: 'Boolean', value: false }],
        },
      ],
    };
    assert.equal(
      hexOf(item),
      spaced(
        '420020 01 00000028 | 420004 07 00000002 6162000000000000 | 540001 01 00000010 | 420005 06 00000008 0000000000000000',
      ),
    );
    assert.equal(encodedLength(item), 48);
  });

  it('writes each Big Integer in its minimal sign-extended multiple of 8 bytes (KMIP 1.0 §9.1.1.4)', () => {
    const cases: [bigint, string][] = [
      [0n, '0000000000000000'],
      [1n, '0000000000000001'],
      [-1n, 'FFFFFFFFFFFFFFFF'],
      [255n, '00000000000000FF'],
      [2n ** 63n - 1n, '7FFFFFFFFFFFFFFF'],
      [2n ** 63n, '0000000000000000 8000000000000000'],
      [-(2n ** 63n), '8000000000000000'],
      [-(2n ** 63n) - 1n, 'FFFFFFFFFFFFFFFF 7FFFFFFFFFFFFFFF'],
      [2n ** 64n - 1n, '0000000000000000 FFFFFFFFFFFFFFFF'],
      [-(2n ** 127n), '8000000000000000 0000000000000000'],
    ];
    for (const [value, bytes] of cases) {
      const item: KmipItem = { tag: TAG, type: 'BigInteger', value };
      const length = spaced(bytes).length / 2;
      assert.equal(
        hexOf(item),
        `42002004${length.toString(16).toUpperCase().padStart(8, '0')}${spaced(bytes)}`,
      );
      assert.equal(decodeTtlv(encodeTtlv(item)).value, value);
    }
  });

  it('writes a 4096-bit Big Integer', () => {
    const value = 2n ** 4095n + 12345n;
    const bytes = encodeTtlv({ tag: TAG, type: 'BigInteger', value });
    assert.equal(bytes.length, 8 + 520); // 4096 bits and a sign bit: 513 bytes, padded to 520
    assert.equal(decodeTtlv(bytes).value, value);
  });

  it('writes Text Strings as UTF-8 with the byte length, on both the short and long paths', () => {
    assert.equal(
      hexOf({ tag: TAG, type: 'TextString', value: 'é€😀' }),
      spaced('420020 07 00000009 C3A9E282ACF09F98 8000000000000000'),
    );
    for (const value of [
      'a'.repeat(65),
      'é'.repeat(40),
      'x'.repeat(63) + '€',
      '😀'.repeat(20),
      '\uFEFF',
    ]) {
      const item: KmipItem = { tag: TAG, type: 'TextString', value };
      const length = new TextEncoder().encode(value).length;
      const bytes = encodeTtlv(item);
      assert.equal(new DataView(bytes.buffer).getUint32(4), length);
      assert.equal(bytes.length, encodedLength(item));
      assert.deepEqual(decodeTtlv(bytes), item);
    }
  });

  it('writes a DateTime as whole seconds, rounding down', () => {
    assert.equal(
      hexOf({ tag: TAG, type: 'DateTime', value: new Date(1999) }),
      spaced('420020 09 00000008 0000000000000001'),
    );
    assert.equal(
      hexOf({ tag: TAG, type: 'DateTime', value: new Date(-1) }),
      spaced('420020 09 00000008 FFFFFFFFFFFFFFFF'),
    );
    assert.equal(
      hexOf({ tag: TAG, type: 'DateTime', value: new Date(8.64e15) }),
      spaced('420020 09 00000008 000007DBA8218000'),
    );
  });

  it('writes the range edges of the fixed-size types', () => {
    assert.equal(
      hexOf({ tag: TAG, type: 'Integer', value: -(2 ** 31) }),
      spaced('420020 02 00000004 80000000 00000000'),
    );
    assert.equal(
      hexOf({ tag: TAG, type: 'Enumeration', value: 2 ** 32 - 1 }),
      spaced('420020 05 00000004 FFFFFFFF 00000000'),
    );
    assert.equal(
      hexOf({ tag: TAG, type: 'Interval', value: 0 }),
      spaced('420020 0A 00000004 00000000 00000000'),
    );
    assert.equal(
      hexOf({ tag: TAG, type: 'LongInteger', value: -1n }),
      spaced('420020 03 00000008 FFFFFFFFFFFFFFFF'),
    );
    assert.equal(
      hexOf({ tag: 0x54ffff, type: 'DateTimeExtended', value: 2n ** 63n - 1n }),
      spaced('54FFFF 0B 00000008 7FFFFFFFFFFFFFFF'),
    );
  });

  it('encodes a Buffer Byte String like a Uint8Array', () => {
    assert.equal(
      hexOf({ tag: TAG, type: 'ByteString', value: Buffer.from([1, 2, 3]) }),
      spaced('420020 08 00000003 0102030000000000'),
    );
  });
});

describe('encodeTtlv errors (KW_TTLV_ENCODE)', () => {
  const bad: [string, unknown][] = [
    ['Integer above 2^31-1', { tag: TAG, type: 'Integer', value: 2 ** 31 }],
    ['Integer below -2^31', { tag: TAG, type: 'Integer', value: -(2 ** 31) - 1 }],
    ['fractional Integer', { tag: TAG, type: 'Integer', value: 1.5 }],
    ['NaN Integer', { tag: TAG, type: 'Integer', value: Number.NaN }],
    ['string Integer', { tag: TAG, type: 'Integer', value: '1' }],
    ['negative Enumeration', { tag: TAG, type: 'Enumeration', value: -1 }],
    ['Enumeration above 2^32-1', { tag: TAG, type: 'Enumeration', value: 2 ** 32 }],
    ['Interval above 2^32-1', { tag: TAG, type: 'Interval', value: 2 ** 32 }],
    ['LongInteger of 2^63', { tag: TAG, type: 'LongInteger', value: 2n ** 63n }],
    ['number LongInteger', { tag: TAG, type: 'LongInteger', value: 1 }],
    [
      'DateTimeExtended below -2^63',
      { tag: TAG, type: 'DateTimeExtended', value: -(2n ** 63n) - 1n },
    ],
    ['number BigInteger', { tag: TAG, type: 'BigInteger', value: 1 }],
    ['number Boolean', { tag: TAG, type: 'Boolean', value: 1 }],
    ['Text String with a lone surrogate', { tag: TAG, type: 'TextString', value: 'a\uD800b' }],
    ['Byte String as an array', { tag: TAG, type: 'ByteString', value: [1, 2] }],
    ['invalid Date', { tag: TAG, type: 'DateTime', value: new Date(Number.NaN) }],
    ['DateTime as a number', { tag: TAG, type: 'DateTime', value: 0 }],
    ['Structure value not an array', { tag: TAG, type: 'Structure', value: {} }],
    ['unknown type', { tag: TAG, type: 'Float', value: 1 }],
  ];
  for (const [name, item] of bad) {
    it(`rejects a ${name}`, () => assertEncodeError(item, TAG));
  }

  for (const tag of [0x430000, 0x41ffff, 0x1420000, -1, 0x420000 + 0.5]) {
    it(`rejects tag ${tag}`, () => assertEncodeError({ tag, type: 'Boolean', value: true }));
  }

  it('rejects a bad child inside a Structure, naming the child tag', () => {
    assertEncodeError(
      { tag: TAG, type: 'Structure', value: [{ tag: 0x420021, type: 'Integer', value: 2 ** 40 }] },
      0x420021,
    );
  });

  it(`accepts ${MAX_ENCODE_DEPTH} nested Structures and rejects one more, and a cyclic tree`, () => {
    const nest = (depth: number): KmipItem => {
      let item: KmipItem = { tag: TAG, type: 'Structure', value: [] };
      for (let i = 1; i < depth; i++) item = { tag: TAG, type: 'Structure', value: [item] };
      return item;
    };
    assert.equal(encodeTtlv(nest(MAX_ENCODE_DEPTH)).length, MAX_ENCODE_DEPTH * 8);
    assertEncodeError(nest(MAX_ENCODE_DEPTH + 1));
    const children: KmipItem[] = [];
    const cyclic: KmipItem = { tag: TAG, type: 'Structure', value: children };
    children.push(cyclic);
    assertEncodeError(cyclic);
  });
});
