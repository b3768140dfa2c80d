// Issue #6: `shareByteStrings` decodes large Byte Strings as views of the request instead of
// copies. These tests pin down that the values are right, which ones are views, and that the
// framing never hands two messages (or a later chunk) the same memory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Tag } from '../../../../src/kmip/generated/registry.ts';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  decodeTtlv,
  encodeTtlv,
  SHARED_BYTE_STRING_MIN,
  TtlvMessageReader,
} from '../../../../src/kmip/ttlv/index.ts';

function message(data: Uint8Array, iv: Uint8Array): Uint8Array {
  return encodeTtlv({
    tag: Tag.RequestPayload,
    type: 'Structure',
    value: [
      { tag: Tag.IVCounterNonce, type: 'ByteString', value: iv },
      { tag: Tag.Data, type: 'ByteString', value: data },
    ],
  });
}

function valuesOf(item: KmipItem): Uint8Array[] {
  return (item.value as KmipItem[]).map((child) => child.value as Uint8Array);
}

function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

describe('decodeTtlv with shareByteStrings', () => {
  it('decodes a large Byte String as a plain Uint8Array view of the input, a small one as a copy', () => {
    const data = pattern(SHARED_BYTE_STRING_MIN + 3, 1);
    const iv = pattern(12, 2);
    const bytes = message(data, iv);
    const [decodedIv, decodedData] = valuesOf(decodeTtlv(bytes, { shareByteStrings: true }));
    assert.deepEqual(decodedData, data);
    assert.deepEqual(decodedIv, iv);
    assert.equal(decodedData?.constructor, Uint8Array);
    assert.equal(decodedData?.buffer, bytes.buffer, 'the large value shares the input');
    assert.notEqual(decodedIv?.buffer, bytes.buffer, 'the small value is a copy');
  });

  it('without the option every Byte String is a copy: changing the input changes no value', () => {
    const data = pattern(SHARED_BYTE_STRING_MIN * 2, 3);
    const bytes = message(data, pattern(16, 4));
    const [, decoded] = valuesOf(decodeTtlv(bytes));
    bytes.fill(0xee);
    assert.deepEqual(decoded, data);
  });

  it('reads the right bytes from a Buffer that is a slice at an offset of a larger one', () => {
    const data = pattern(SHARED_BYTE_STRING_MIN, 5);
    const encoded = message(data, pattern(8, 6));
    const backing = Buffer.alloc(encoded.length + 40, 0xaa);
    backing.set(encoded, 17);
    const slice = backing.subarray(17, 17 + encoded.length);
    const [iv, decoded] = valuesOf(decodeTtlv(slice, { shareByteStrings: true }));
    assert.deepEqual(decoded, data);
    assert.deepEqual(iv, pattern(8, 6));
    assert.equal(decoded?.constructor, Uint8Array, 'a plain Uint8Array, not a Buffer');
  });

  it('gives the same values as copying decoding, for lengths around the threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 * SHARED_BYTE_STRING_MIN + 9 }),
        fc.integer({ min: 0, max: 255 }),
        (length, seed) => {
          const bytes = message(pattern(length, seed), pattern(length % 17, seed + 1));
          assert.deepEqual(
            valuesOf(decodeTtlv(bytes, { shareByteStrings: true })),
            valuesOf(decodeTtlv(bytes)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('framing then decoding with shared Byte Strings (the listener path)', () => {
  it('two messages completed by one chunk get buffers of their own', () => {
    const first = message(pattern(SHARED_BYTE_STRING_MIN, 7), pattern(12, 8));
    const second = message(pattern(SHARED_BYTE_STRING_MIN, 9), pattern(12, 10));
    const chunk = new Uint8Array(first.length + second.length);
    chunk.set(first);
    chunk.set(second, first.length);
    const reader = new TtlvMessageReader({ maxMessageSize: 1 << 20 });
    const [a, b] = reader.push(chunk);
    assert.ok(a !== undefined && b !== undefined);
    assert.notEqual(a.buffer, b.buffer);
    assert.notEqual(a.buffer, chunk.buffer);
    const [, dataA] = valuesOf(decodeTtlv(a, { shareByteStrings: true }));
    const [, dataB] = valuesOf(decodeTtlv(b, { shareByteStrings: true }));
    assert.deepEqual(dataA, pattern(SHARED_BYTE_STRING_MIN, 7));
    assert.deepEqual(dataB, pattern(SHARED_BYTE_STRING_MIN, 9));
  });

  it('a decoded value survives the socket reusing its chunk buffer for the next message', () => {
    const data = pattern(3 * SHARED_BYTE_STRING_MIN + 5, 11);
    const first = message(data, pattern(12, 12));
    const second = message(pattern(3 * SHARED_BYTE_STRING_MIN + 5, 13), pattern(12, 14));
    const reader = new TtlvMessageReader({ maxMessageSize: 1 << 20 });
    // One scratch chunk, refilled for every read, as a stream may do with its buffers.
    const scratch = new Uint8Array(1000);
    const decoded: Uint8Array[] = [];
    for (const bytes of [first, second]) {
      for (let at = 0; at < bytes.length; at += scratch.length) {
        const part = bytes.subarray(at, at + scratch.length);
        scratch.set(part);
        for (const done of reader.push(scratch.subarray(0, part.length))) {
          decoded.push(valuesOf(decodeTtlv(done, { shareByteStrings: true }))[1]!);
        }
        scratch.fill(0xff);
      }
    }
    assert.equal(decoded.length, 2);
    assert.deepEqual(decoded[0], data);
    assert.deepEqual(decoded[1], pattern(3 * SHARED_BYTE_STRING_MIN + 5, 13));
  });
});
