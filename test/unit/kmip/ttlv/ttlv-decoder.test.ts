import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywardenError } from '../../../../src/errors.ts';
import {
  decodeTtlv,
  decodeTtlvPrefix,
  hexToBytes,
  TtlvDecodeError,
} from '../../../../src/kmip/ttlv/index.ts';
import type { TtlvDecodeErrorCode, TtlvDecodeOptions } from '../../../../src/kmip/ttlv/index.ts';

/** Hex with spaces and `|` allowed for readability. */
const hex = (s: string): Uint8Array => hexToBytes(s.replace(/[\s|]/g, ''));

function assertDecodeError(
  input: Uint8Array,
  code: TtlvDecodeErrorCode,
  offset: number,
  options?: TtlvDecodeOptions,
): TtlvDecodeError {
  let caught: unknown;
  try {
    decodeTtlv(input, options);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof TtlvDecodeError, `expected TtlvDecodeError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.offset, offset);
  return caught;
}

const INT_8 = '420020 | 02 | 00000004 | 00000008 00000000';

describe('decodeTtlv error codes', () => {
  it('rejects an input shorter than a header with KW_TTLV_TRUNCATED at 0', () => {
    assertDecodeError(hex('420020 02 0000'), 'KW_TTLV_TRUNCATED', 0);
    assertDecodeError(new Uint8Array(0), 'KW_TTLV_TRUNCATED', 0);
  });

  it('rejects a value that runs past the input with KW_TTLV_TRUNCATED at the item start', () => {
    assertDecodeError(hex('420020 02 00000004 00000008'), 'KW_TTLV_TRUNCATED', 0);
    const structure = hex('420020 01 00000020 ' + INT_8); // declares 32 bytes, holds 16
    const error = assertDecodeError(structure, 'KW_TTLV_TRUNCATED', 0);
    assert.equal(error.tag, 0x420020);
  });

  it('rejects a top-level length over maxMessageSize with KW_TTLV_TOO_LARGE before reading the body', () => {
    assertDecodeError(hex('420078 01 00100000'), 'KW_TTLV_TOO_LARGE', 0); // 1 MiB + 8 > default
    const structure = hex('420020 01 00000010 ' + INT_8); // 24 bytes in all
    assertDecodeError(structure, 'KW_TTLV_TOO_LARGE', 0, { maxMessageSize: 23 });
    assert.equal(decodeTtlv(structure, { maxMessageSize: 24 }).type, 'Structure');
  });

  it('rejects an unknown item type byte with KW_TTLV_BAD_TYPE at the type byte', () => {
    assertDecodeError(hex('420020 0C 00000004 00000008 00000000'), 'KW_TTLV_BAD_TYPE', 3);
    assertDecodeError(hex('420020 00 00000000'), 'KW_TTLV_BAD_TYPE', 3);
    assertDecodeError(
      hex('420020 01 00000010 420021 FF 00000004 00000001 00000000'),
      'KW_TTLV_BAD_TYPE',
      11,
    );
  });

  const badLengths: [string, string][] = [
    ['Integer', '420020 02 00000008 00000000 00000000'],
    ['LongInteger', '420020 03 00000004 00000000 00000000'],
    ['BigInteger of 12 bytes', '420020 04 0000000C 00000000 00000000 00000000 00000000'],
    ['BigInteger of 0 bytes', '420020 04 00000000'],
    ['Enumeration', '420020 05 00000008 00000000 00000000'],
    ['Boolean', '420020 06 00000004 00000000 00000000'],
    ['DateTime', '420020 09 00000004 00000000 00000000'],
    ['Interval', '420020 0A 00000008 00000000 00000000'],
    ['DateTimeExtended', '420020 0B 00000004 00000000 00000000'],
  ];
  for (const [name, input] of badLengths) {
    it(`rejects a ${name} with a wrong length with KW_TTLV_BAD_LENGTH at the length field`, () => {
      assertDecodeError(hex(input), 'KW_TTLV_BAD_LENGTH', 4);
    });
  }

  it('rejects a child that runs past its Structure with KW_TTLV_BAD_LENGTH at the child length', () => {
    // The Structure holds 16 bytes; its Text String child needs 8 + 16.
    const input = hex('420020 01 00000010 420021 07 0000000B 48656C6C6F20576F 726C640000000000');
    const error = assertDecodeError(input, 'KW_TTLV_BAD_LENGTH', 12);
    assert.equal(error.tag, 0x420021);
  });

  it('rejects a Structure whose length leaves a partial header with KW_TTLV_BAD_LENGTH', () => {
    const input = hex('420020 01 00000014 ' + INT_8 + ' 42002102');
    const error = assertDecodeError(input, 'KW_TTLV_BAD_LENGTH', 24);
    assert.equal(error.tag, 0x420020);
  });

  it('rejects non-zero padding with KW_TTLV_BAD_PADDING at the first bad byte', () => {
    assertDecodeError(hex('420020 02 00000004 00000008 00000100'), 'KW_TTLV_BAD_PADDING', 14);
    assertDecodeError(hex('420020 05 00000004 000000FF 01000000'), 'KW_TTLV_BAD_PADDING', 12);
    assertDecodeError(hex('420020 0A 00000004 000D2F00 00000001'), 'KW_TTLV_BAD_PADDING', 15);
    assertDecodeError(
      hex('420020 07 0000000B 48656C6C6F20576F 726C640000000001'),
      'KW_TTLV_BAD_PADDING',
      23,
    );
    assertDecodeError(hex('420020 08 00000003 010203 0000200000'), 'KW_TTLV_BAD_PADDING', 13);
  });

  it('rejects a Boolean other than 0 or 1 with KW_TTLV_BAD_VALUE at the value', () => {
    assertDecodeError(hex('420020 06 00000008 00000000 00000002'), 'KW_TTLV_BAD_VALUE', 8);
    assertDecodeError(hex('420020 06 00000008 00000001 00000001'), 'KW_TTLV_BAD_VALUE', 8);
  });

  it('rejects a DateTime outside the Date range with KW_TTLV_BAD_VALUE, and accepts its edges', () => {
    // 8.64e12 s = 0x7DB_A821_8000 is the last second Date can hold.
    assert.equal(
      (decodeTtlv(hex('420020 09 00000008 000007DB A8218000')).value as Date).toISOString(),
      '+275760-09-13T00:00:00.000Z',
    );
    assertDecodeError(hex('420020 09 00000008 000007DB A8218001'), 'KW_TTLV_BAD_VALUE', 8);
    assert.equal(
      (decodeTtlv(hex('420020 09 00000008 FFFFF824 57DE8000')).value as Date).getTime(),
      -8.64e15,
    );
    assertDecodeError(hex('420020 09 00000008 FFFFF824 57DE7FFF'), 'KW_TTLV_BAD_VALUE', 8);
    assertDecodeError(hex('420020 09 00000008 7FFFFFFF FFFFFFFF'), 'KW_TTLV_BAD_VALUE', 8);
    assertDecodeError(hex('420020 09 00000008 80000000 00000000'), 'KW_TTLV_BAD_VALUE', 8);
  });

  it('rejects malformed UTF-8 with KW_TTLV_BAD_UTF8 at the value', () => {
    assertDecodeError(hex('420020 07 00000001 FF00000000000000'), 'KW_TTLV_BAD_UTF8', 8);
    assertDecodeError(hex('420020 07 00000002 C080000000000000'), 'KW_TTLV_BAD_UTF8', 8); // overlong NUL
    assertDecodeError(hex('420020 07 00000003 EDA0800000000000'), 'KW_TTLV_BAD_UTF8', 8); // a surrogate
    assertDecodeError(hex('420020 07 00000002 E282000000000000'), 'KW_TTLV_BAD_UTF8', 8); // cut sequence
    const long = new Uint8Array(8 + 72);
    long.set(hex('420020 07 00000048'));
    long.fill(0x41, 8, 80);
    long[70] = 0x80; // a lone continuation byte past the ASCII fast path's reach
    assertDecodeError(long, 'KW_TTLV_BAD_UTF8', 8);
  });

  it('rejects a tag the predicate does not know with KW_TTLV_UNKNOWN_TAG at the item', () => {
    const input = hex('420020 01 00000010 540001 02 00000004 00000001 00000000');
    const isKnownTag = (tag: number): boolean => tag === 0x420020;
    const error = assertDecodeError(input, 'KW_TTLV_UNKNOWN_TAG', 8, { isKnownTag });
    assert.equal(error.tag, 0x540001);
    assertDecodeError(input, 'KW_TTLV_UNKNOWN_TAG', 0, { isKnownTag: () => false });
    assert.equal(decodeTtlv(input).type, 'Structure'); // lenient by default: extensions pass
  });

  it('rejects Structures nested past maxDepth with KW_TTLV_TOO_DEEP at the deepest one', () => {
    const nested = hex('420020 01 00000010 420021 01 00000008 420022 01 00000000');
    assertDecodeError(nested, 'KW_TTLV_TOO_DEEP', 16, { maxDepth: 2 });
    assertDecodeError(nested, 'KW_TTLV_TOO_DEEP', 0, { maxDepth: 0 });
    assert.equal(decodeTtlv(nested, { maxDepth: 3 }).type, 'Structure');
  });

  it('accepts 32 nested Structures by default and rejects 33', () => {
    assert.equal(decodeTtlv(nestedStructures(32)).type, 'Structure');
    assertDecodeError(nestedStructures(33), 'KW_TTLV_TOO_DEEP', 32 * 8);
  });

  it('decodes 100,000 nested Structures without a stack overflow when maxDepth allows', () => {
    const depth = 100_000;
    let item = decodeTtlv(nestedStructures(depth), { maxDepth: depth });
    for (let i = 1; i < depth; i++) {
      assert.equal(item.type, 'Structure');
      item = (item.value as readonly (typeof item)[])[0]!;
    }
    assert.deepEqual(item, { tag: 0x420020, type: 'Structure', value: [] });
  });

  it('rejects bytes after the item with KW_TTLV_TRAILING at the first extra byte', () => {
    assertDecodeError(hex(INT_8 + '00'), 'KW_TTLV_TRAILING', 16);
    assertDecodeError(hex(INT_8 + INT_8), 'KW_TTLV_TRAILING', 16);
  });

  it('rejects tags outside 0x42xxxx/0x54xxxx with KW_TTLV_BAD_TAG at the item', () => {
    assertDecodeError(hex('430020 02 00000004 00000008 00000000'), 'KW_TTLV_BAD_TAG', 0);
    assertDecodeError(hex('000000 02 00000004 00000008 00000000'), 'KW_TTLV_BAD_TAG', 0);
    const error = assertDecodeError(
      hex('420020 01 00000010 41FFFF 02 00000004 00000008 00000000'),
      'KW_TTLV_BAD_TAG',
      8,
    );
    assert.equal(error.tag, 0x41ffff);
  });

  it('throws errors that are KeywardenErrors naming the offset and tag', () => {
    const error = assertDecodeError(
      hex('420020 06 00000008 00000000 00000002'),
      'KW_TTLV_BAD_VALUE',
      8,
    );
    assert.ok(error instanceof KeywardenError);
    assert.equal(error.name, 'TtlvDecodeError');
    assert.equal(error.tag, 0x420020);
    assert.match(error.message, /offset 8\b/);
    assert.match(error.message, /0x420020/);
  });
});

/** `depth` Structures (tag 0x420020), each the only child of the one before. */
function nestedStructures(depth: number): Uint8Array {
  const out = new Uint8Array(depth * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < depth; i++) {
    view.setUint32(i * 8, 0x42002001);
    view.setUint32(i * 8 + 4, (depth - 1 - i) * 8);
  }
  return out;
}

describe('decodeTtlv values', () => {
  it('copies Byte String values out of the input, as plain Uint8Arrays', () => {
    const input = Buffer.from(hex('420020 08 00000003 010203 0000000000'));
    const item = decodeTtlv(input);
    assert.equal(item.type, 'ByteString');
    const value = item.value as Uint8Array;
    assert.equal(value.constructor, Uint8Array);
    input.fill(0);
    assert.deepEqual(value, new Uint8Array([1, 2, 3]));
    assert.notEqual(value.buffer, input.buffer);
  });

  it('decodes from a view at a non-zero offset of a larger buffer', () => {
    const backing = new Uint8Array(64).fill(0xee);
    backing.set(hex(INT_8), 8);
    assert.deepEqual(decodeTtlv(backing.subarray(8, 24)), {
      tag: 0x420020,
      type: 'Integer',
      value: 8,
    });
  });

  it('decodes empty Structure, Text String and Byte String values', () => {
    assert.deepEqual(decodeTtlv(hex('420020 01 00000000')), {
      tag: 0x420020,
      type: 'Structure',
      value: [],
    });
    assert.deepEqual(decodeTtlv(hex('420020 07 00000000')), {
      tag: 0x420020,
      type: 'TextString',
      value: '',
    });
    assert.deepEqual(decodeTtlv(hex('420020 08 00000000')), {
      tag: 0x420020,
      type: 'ByteString',
      value: new Uint8Array(0),
    });
  });

  it('keeps a leading byte order mark and multi-byte characters in Text Strings', () => {
    const bom = decodeTtlv(hex('420020 07 00000004 EFBBBF41 00000000'));
    assert.equal(bom.value, '\uFEFFA');
    const mixed = decodeTtlv(hex('420020 07 00000009 C3A9E282ACF09F98 8000000000000000'));
    assert.equal(mixed.value, 'é€😀');
  });

  it('decodes signed integers, sign-extended Big Integers and pre-epoch DateTimes', () => {
    assert.equal(decodeTtlv(hex('420020 02 00000004 FFFFFFFF 00000000')).value, -1);
    assert.equal(decodeTtlv(hex('420020 05 00000004 FFFFFFFF 00000000')).value, 0xffffffff);
    assert.equal(decodeTtlv(hex('420020 0A 00000004 FFFFFFFF 00000000')).value, 0xffffffff);
    assert.equal(decodeTtlv(hex('420020 03 00000008 80000000 00000000')).value, -(2n ** 63n));
    assert.equal(decodeTtlv(hex('420020 0B 00000008 FFFFFFFF FFFFFFFF')).value, -1n);
    assert.equal(decodeTtlv(hex('420020 04 00000008 FFFFFFFF FFFFFFFF')).value, -1n);
    assert.equal(decodeTtlv(hex('420020 04 00000008 80000000 00000000')).value, -(2n ** 63n));
    // Non-minimal sign extension is accepted (the encoder writes the minimal form).
    assert.equal(
      decodeTtlv(hex('420020 04 00000010 00000000 00000000 00000000 000000FF')).value,
      255n,
    );
    assert.equal(
      (decodeTtlv(hex('420020 09 00000008 FFFFFFFF FFFFFFFF')).value as Date).toISOString(),
      '1969-12-31T23:59:59.000Z',
    );
    assert.equal(decodeTtlv(hex('420020 06 00000008 00000000 00000000')).value, false);
  });
});

describe('decodeTtlvPrefix', () => {
  it('returns the first item and its length, ignoring what follows', () => {
    const result = decodeTtlvPrefix(hex(INT_8 + 'FFFFFF'));
    assert.deepEqual(result, { item: { tag: 0x420020, type: 'Integer', value: 8 }, length: 16 });
  });

  it('reports a short input as KW_TTLV_TRUNCATED', () => {
    assert.throws(() => decodeTtlvPrefix(hex('420020 02 00000004 0000')), {
      code: 'KW_TTLV_TRUNCATED',
    });
  });
});
