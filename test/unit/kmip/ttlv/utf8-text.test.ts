/** Text String fast paths: ASCII loops, their chunk edges, and the strict UTF-8 fallback. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ASCII_DECODE_MAX,
  ASCII_ENCODE_MAX,
  readText,
  utf8Length,
  writeText,
} from '../../../../src/kmip/ttlv/utf8-text.ts';

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Every length up to past both thresholds: covers each 16/8/4/1 chunk split. */
const LENGTHS = Array.from(
  { length: Math.max(ASCII_DECODE_MAX, ASCII_ENCODE_MAX) + 10 },
  (_, n) => n,
);

/** An ASCII string of length `n` using many different characters, NUL and DEL included. */
function asciiOf(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode((i * 37 + 11) % 128);
  return s;
}

/** `bytes` at offset 5 of a larger buffer, surrounded by non-ASCII bytes the reader must not see. */
function embedded(bytes: Uint8Array): Uint8Array {
  const buf = new Uint8Array(bytes.length + 10).fill(0xff);
  buf.set(bytes, 5);
  return buf;
}

/** readText as the decoder calls it, or 'invalid'; the strict TextDecoder likewise. */
function decodeOurs(bytes: Uint8Array): string {
  return readText(embedded(bytes), 5, bytes.length) ?? 'invalid';
}
function decodeStrict(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return 'invalid';
  }
}

/** writeText into a buffer with room for 3 bytes per unit, as the encoder calls it. */
function encodeOurs(text: string): { length: number; bytes: Uint8Array } {
  const out = new Uint8Array(3 + text.length * 3 + 3).fill(0xee);
  const length = writeText(text, out, 3);
  return { length, bytes: out.subarray(3, 3 + Math.max(length, 0)) };
}

describe('readText', () => {
  it('decodes ASCII of every length, at an offset, without reading past its end', () => {
    for (const n of LENGTHS) {
      const text = asciiOf(n);
      assert.equal(decodeOurs(encoder.encode(text)), text, `length ${n}`);
    }
  });

  it('decodes a non-ASCII character at every position of every length like TextDecoder', () => {
    for (const n of LENGTHS.filter((n) => n >= 2)) {
      for (let at = 0; at + 2 <= n; at++) {
        // 'é' is two bytes: the text is n bytes long with the character at byte `at`.
        const text = asciiOf(at) + 'é' + asciiOf(n - at - 2);
        const bytes = encoder.encode(text);
        assert.equal(bytes.length, n);
        assert.equal(decodeOurs(bytes), text, `length ${n}, at ${at}`);
      }
    }
  });

  it('decodes mixed text (2-, 3- and 4-byte characters, a BOM) like TextDecoder', () => {
    for (const text of [
      '\uFEFFabc',
      'Grüße, 日本',
      '😀',
      'a😀b€c',
      'x'.repeat(40) + '€',
      '€'.repeat(30),
    ]) {
      assert.equal(decodeOurs(encoder.encode(text)), text);
    }
  });

  it('returns null for a stray or invalid byte at every position of every length', () => {
    for (const n of LENGTHS.filter((n) => n >= 1)) {
      for (let at = 0; at < n; at++) {
        for (const bad of [0x80, 0xbf, 0xc0, 0xff]) {
          const bytes = encoder.encode(asciiOf(n));
          bytes[at] = bad;
          assert.equal(decodeOurs(bytes), 'invalid', `length ${n}, 0x${bad.toString(16)} at ${at}`);
        }
      }
    }
  });

  it('rejects a lone 0x80 beside zero bytes, where a bitwise OR is exactly 0x80', () => {
    for (const n of [4, 8, 16, 20, 32]) {
      for (let at = 0; at < n; at++) {
        const bytes = new Uint8Array(n);
        bytes[at] = 0x80;
        assert.equal(decodeOurs(bytes), 'invalid', `length ${n}, at ${at}`);
      }
    }
  });

  it('returns null for overlong forms, encoded surrogates and cut sequences', () => {
    const cases = [
      [0xc0, 0x80], // overlong NUL
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // U+D800, a surrogate
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xe2, 0x82], // cut
      [0xf0, 0x9f, 0x98], // cut
    ];
    for (const seq of cases) {
      for (const prefix of [0, 3, 15, 16, 31]) {
        const bytes = new Uint8Array([...encoder.encode(asciiOf(prefix)), ...seq]);
        assert.equal(decodeOurs(bytes), 'invalid', `${seq.join(',')} after ${prefix}`);
      }
    }
  });

  it('agrees with the strict TextDecoder on random bytes, mostly ASCII', () => {
    const byteArb = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    );
    fc.assert(
      fc.property(fc.array(byteArb, { maxLength: 80 }), (values) => {
        const bytes = new Uint8Array(values);
        assert.equal(decodeOurs(bytes), decodeStrict(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('writeText', () => {
  it('writes ASCII of every length byte for byte and returns its length', () => {
    for (const n of LENGTHS) {
      const text = asciiOf(n);
      const { length, bytes } = encodeOurs(text);
      assert.equal(length, n);
      assert.deepEqual(bytes, encoder.encode(text), `length ${n}`);
    }
  });

  it('writes a non-ASCII character at every position of every length like TextEncoder', () => {
    for (const n of LENGTHS.filter((n) => n >= 1)) {
      for (let at = 0; at < n; at++) {
        for (const ch of ['\u0080', 'é', '\u07FF', '\u0800', '€', '😀']) {
          const text = asciiOf(at) + ch + asciiOf(n - at - 1);
          const { length, bytes } = encodeOurs(text);
          const want = encoder.encode(text);
          assert.equal(length, want.length);
          assert.deepEqual(bytes, want, `length ${n}, ${ch} at ${at}`);
        }
      }
    }
  });

  it('treats U+0080 as non-ASCII even beside NULs, where a bitwise OR is exactly 0x80', () => {
    for (const text of ['\u0080\0\0\0', '\0\0\0\u0080', '\0\u0080\0\0\0\0\0\0\0']) {
      const { length, bytes } = encodeOurs(text);
      assert.equal(length, encoder.encode(text).length);
      assert.deepEqual(bytes, encoder.encode(text));
    }
  });

  it('returns -1 for a lone surrogate at every position of every length', () => {
    for (const n of LENGTHS.filter((n) => n >= 1)) {
      for (let at = 0; at < n; at++) {
        for (const lone of ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800']) {
          const text = asciiOf(at) + lone + asciiOf(n - at - 1);
          assert.equal(encodeOurs(text).length, -1, `length ${n}, at ${at}`);
        }
      }
    }
  });

  it('agrees with TextEncoder on random well-formed strings', () => {
    const textArb = fc.oneof(
      fc.string({ maxLength: 90 }),
      fc.string({ unit: 'binary', maxLength: 90 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 90 }),
    );
    fc.assert(
      fc.property(textArb, (text) => {
        const { length, bytes } = encodeOurs(text);
        assert.equal(length, encoder.encode(text).length);
        assert.deepEqual(bytes, encoder.encode(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes like TextEncoder for well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        assert.equal(utf8Length(text), encoder.encode(text).length);
      }),
    );
    assert.equal(utf8Length(''), 0);
    assert.equal(utf8Length('a\u07FF\u0800\uFFFF😀'), 1 + 2 + 3 + 3 + 4);
  });

  it('returns -1 for a lone or reversed surrogate anywhere', () => {
    const cases = ['\uD800', 'a\uD800', '\uD800a', '\uDC00', 'ab\uDFFFcd', '\uDC00\uD800'];
    for (const text of [...cases, '\uDC00\uDC00', '\uDFFF\uDC00x', '😀\uD83D', '\uD83D\uD83D']) {
      assert.equal(utf8Length(text), -1, JSON.stringify(text));
    }
  });
});
