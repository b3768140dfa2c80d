import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { aesKeyUnwrap, aesKeyWrap } from '../../../../src/crypto/keywrap/aes-key-wrap.ts';
import type { AesKeyWrapMode } from '../../../../src/crypto/keywrap/aes-key-wrap.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const vectors = (
  JSON.parse(
    readFileSync(new URL('../../../fixtures/crypto/keywrap.json', import.meta.url), 'utf8'),
  ) as {
    vectors: { name: string; mode: AesKeyWrapMode; kek: string; key: string; wrapped: string }[];
  }
).vectors;

describe('AES key wrap known answers', () => {
  for (const v of vectors) {
    it(v.name, () => {
      assert.equal(hex(aesKeyWrap(v.mode, bytes(v.kek), bytes(v.key))), v.wrapped);
      assert.equal(hex(aesKeyUnwrap(v.mode, bytes(v.kek), bytes(v.wrapped))), v.key);
    });
  }
});

describe('AES key wrap bad input', () => {
  const kek = new Uint8Array(16).fill(1);
  it('a tampered wrapped key fails with the fixed decrypt error', () => {
    const wrapped = aesKeyWrap('NISTKeyWrap', kek, new Uint8Array(16));
    wrapped[3] = (wrapped[3] ?? 0) ^ 1;
    assert.throws(() => aesKeyUnwrap('NISTKeyWrap', kek, wrapped), { code: 'KW_CRYPTO_DECRYPT' });
    const padded = aesKeyWrap('AESKeyWrapPadding', kek, new Uint8Array(5));
    padded[0] = (padded[0] ?? 0) ^ 1;
    assert.throws(() => aesKeyUnwrap('AESKeyWrapPadding', kek, padded), {
      code: 'KW_CRYPTO_DECRYPT',
    });
  });
  it('RFC 3394 needs 8-byte multiples of at least 16 bytes; KEK must be an AES key', () => {
    assert.throws(() => aesKeyWrap('NISTKeyWrap', kek, new Uint8Array(20)), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    assert.throws(() => aesKeyWrap('NISTKeyWrap', kek, new Uint8Array(8)), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    assert.throws(() => aesKeyWrap('NISTKeyWrap', new Uint8Array(10), new Uint8Array(16)), {
      code: 'KW_CRYPTO_KEY_LENGTH',
    });
    assert.throws(() => aesKeyUnwrap('NISTKeyWrap', kek, new Uint8Array(12)), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });
  it('round trips (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        (k, data) => {
          assert.deepEqual(
            aesKeyUnwrap('AESKeyWrapPadding', k, aesKeyWrap('AESKeyWrapPadding', k, data)),
            data,
          );
          const aligned = new Uint8Array(Math.max(16, data.length - (data.length % 8)));
          aligned.set(data.subarray(0, aligned.length));
          assert.deepEqual(
            aesKeyUnwrap('NISTKeyWrap', k, aesKeyWrap('NISTKeyWrap', k, aligned)),
            aligned,
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
