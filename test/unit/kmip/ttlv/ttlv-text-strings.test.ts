/**
 * Text Strings through the codec around its ASCII fast paths: ASCII, non-ASCII and mixed
 * values of lengths on both sides of every chunk and threshold, and the strict errors
 * (KW_TTLV_BAD_UTF8 at the value, KW_TTLV_ENCODE for a lone surrogate) on every path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KmipItem } from '../../../../src/kmip/item.ts';
import {
  decodeTtlv,
  encodedLength,
  encodeTtlv,
  TtlvDecodeError,
  TtlvEncodeError,
} from '../../../../src/kmip/ttlv/index.ts';
import { ASCII_DECODE_MAX, ASCII_ENCODE_MAX } from '../../../../src/kmip/ttlv/utf8-text.ts';

const TAG = 0x420094; // Unique Identifier
const OUTER = 0x420079; // Response Payload
const encoder = new TextEncoder();

/** Lengths on both sides of the 4/8/16-unit chunks and of both fast-path thresholds. */
const LENGTHS = [
  ...Array.from({ length: 40 }, (_, n) => n),
  ASCII_ENCODE_MAX - 1,
  ASCII_ENCODE_MAX,
  ASCII_ENCODE_MAX + 1,
  100,
  5000,
  // Past 64 KiB / 3 units the encoder measures the text before writing it.
  30_000,
];

const asciiOf = (n: number): string =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(0x20 + ((i * 7) % 95))).join('');

/** A Structure holding one item before the text, so offsets inside it are not trivial. */
function wrap(value: string): KmipItem {
  return {
    tag: OUTER,
    type: 'Structure',
    value: [
      { tag: 0x42000d, type: 'Integer', value: 1 },
      { tag: TAG, type: 'TextString', value },
    ],
  };
}
const VALUE_OFFSET = 8 + 16 + 8; // outer header, the Integer, the text's header

function assertRoundTrip(value: string): void {
  const item = wrap(value);
  const bytes = encodeTtlv(item);
  const utf8 = encoder.encode(value);
  assert.equal(new DataView(bytes.buffer).getUint32(VALUE_OFFSET - 4), utf8.length);
  assert.deepEqual(bytes.subarray(VALUE_OFFSET, VALUE_OFFSET + utf8.length), utf8);
  assert.equal(bytes.length, encodedLength(item));
  assert.deepEqual(decodeTtlv(bytes), item);
}

describe('Text Strings around the fast paths', () => {
  it('round-trips ASCII values of every length, NUL and DEL included', () => {
    for (const n of LENGTHS) assertRoundTrip(asciiOf(n));
    assertRoundTrip('\u0000\u007f'.repeat(20));
  });

  it('round-trips non-ASCII values of every length, and a non-ASCII character at each end', () => {
    for (const n of LENGTHS) {
      if (n === 0) continue;
      assertRoundTrip('é'.repeat(n));
      assertRoundTrip('€' + asciiOf(n));
      assertRoundTrip(asciiOf(n) + '😀');
    }
  });

  it('round-trips mixed values with multi-byte characters across chunk edges', () => {
    for (let at = 0; at <= 40; at++) {
      for (const ch of ['é', '€', '😀', '\uFEFF']) {
        assertRoundTrip(asciiOf(at) + ch + asciiOf(40 - at));
      }
    }
  });

  it('rejects invalid UTF-8 with KW_TTLV_BAD_UTF8 at the start of the value, wherever the bad byte is', () => {
    for (const n of [1, 4, 8, 15, 16, 17, ASCII_DECODE_MAX, ASCII_DECODE_MAX + 1, 36, 100]) {
      for (const at of new Set([0, Math.floor(n / 2), n - 1])) {
        const bytes = encodeTtlv(wrap(asciiOf(n)));
        bytes[VALUE_OFFSET + at] = 0xff;
        assert.throws(
          () => decodeTtlv(bytes),
          (error: unknown) => {
            assert.ok(error instanceof TtlvDecodeError);
            assert.equal(error.code, 'KW_TTLV_BAD_UTF8');
            assert.equal(error.offset, VALUE_OFFSET);
            assert.equal(error.tag, TAG);
            return true;
          },
          `length ${n}, bad byte at ${at}`,
        );
      }
    }
  });

  it('rejects a lone surrogate with KW_TTLV_ENCODE naming the tag, on every path', () => {
    for (const n of [0, 3, 4, 16, 36, ASCII_ENCODE_MAX, ASCII_ENCODE_MAX + 1, 30_000]) {
      for (const lone of ['\uD800', '\uDFFF', '\uDC00\uD800']) {
        for (const value of [lone + asciiOf(n), asciiOf(n) + lone, 'é' + asciiOf(n) + lone]) {
          const item = wrap(value);
          for (const encode of [encodeTtlv, encodedLength]) {
            assert.throws(
              () => encode(item),
              (error: unknown) => {
                assert.ok(error instanceof TtlvEncodeError);
                assert.equal(error.code, 'KW_TTLV_ENCODE');
                assert.equal(error.tag, TAG);
                return true;
              },
              `length ${n}`,
            );
          }
        }
      }
    }
  });
});
