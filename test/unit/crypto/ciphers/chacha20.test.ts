import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decryptSymmetric, encryptSymmetric } from '../../../../src/crypto/ciphers/symmetric.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const { vectors } = JSON.parse(
  readFileSync(new URL('../../../fixtures/crypto/chacha20.json', import.meta.url), 'utf8'),
) as {
  vectors: {
    name: string;
    key: string;
    nonce: string;
    counter: number;
    plaintext: string;
    ciphertext: string;
  }[];
};

describe('ChaCha20 known answers (12-byte and 8-byte nonces)', () => {
  for (const v of vectors) {
    it(v.name, () => {
      const p = {
        algorithm: 'ChaCha20',
        key: bytes(v.key),
        iv: bytes(v.nonce),
        ...(v.counter === 0 ? {} : { initialCounter: v.counter }),
      };
      const enc = encryptSymmetric({ ...p, data: bytes(v.plaintext) });
      assert.equal(hex(enc.data), v.ciphertext);
      assert.equal(hex(enc.iv ?? new Uint8Array()), v.nonce, 'the nonce as given');
      assert.equal(hex(decryptSymmetric({ ...p, data: bytes(v.ciphertext) })), v.plaintext);
    });
  }

  it('generates a 12-byte nonce when none is given; the mode, if named, is ignored', () => {
    const key = new Uint8Array(32).fill(7);
    const enc = encryptSymmetric({ algorithm: 'ChaCha20', mode: 'CBC', key, data: bytes('00ff') });
    assert.equal(enc.iv?.length, 12);
    assert.equal(enc.data.length, 2, 'a stream cipher: no padding');
    assert.equal(
      hex(decryptSymmetric({ algorithm: 'ChaCha20', key, iv: enc.iv, data: enc.data })),
      '00ff',
    );
  });

  it('refuses a nonce of another length, a counter that does not fit, a key not 256 bits', () => {
    const key = new Uint8Array(32);
    const data = new Uint8Array(4);
    assert.throws(
      () => encryptSymmetric({ algorithm: 'ChaCha20', key, iv: new Uint8Array(16), data }),
      { code: 'KW_CRYPTO_PARAMETER', parameter: 'iv' },
    );
    assert.throws(
      () =>
        encryptSymmetric({
          algorithm: 'ChaCha20',
          key,
          iv: new Uint8Array(12),
          initialCounter: 2 ** 32,
          data,
        }),
      { code: 'KW_CRYPTO_PARAMETER', parameter: 'initialCounter' },
    );
    assert.throws(
      () => encryptSymmetric({ algorithm: 'ChaCha20', key: new Uint8Array(16), data }),
      { code: 'KW_CRYPTO_KEY_LENGTH' },
    );
  });
});

describe('ChaCha20-Poly1305 tag lengths', () => {
  // RFC 8439 §2.8.2 inputs (the OASIS case CS-BC-M-CHACHA20POLY1305-1 uses them too).
  const p = {
    algorithm: 'ChaCha20Poly1305',
    key: bytes('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f'),
    iv: bytes('070000004041424344454647'),
    aad: bytes('50515253c0c1c2c3c4c5c6c7'),
  };
  const plaintext = new TextEncoder().encode('truncated tags');

  it('a tag of 12 to 16 bytes is the prefix of the full tag and verifies', () => {
    const full = encryptSymmetric({ ...p, data: plaintext });
    for (const length of [12, 13, 14, 15]) {
      const short = encryptSymmetric({ ...p, data: plaintext, tagLength: length });
      assert.deepEqual(short.tag, full.tag?.subarray(0, length));
      const tag = full.tag?.subarray(0, length) as Uint8Array;
      assert.deepEqual(decryptSymmetric({ ...p, data: full.data, tag }), plaintext);
    }
    const bad = (full.tag as Uint8Array).slice(0, 12);
    bad[0] = (bad[0] as number) ^ 1;
    assert.throws(() => decryptSymmetric({ ...p, data: full.data, tag: bad }), {
      code: 'KW_CRYPTO_DECRYPT',
    });
  });

  it('refuses shorter or longer tags', () => {
    for (const tagLength of [1, 8, 11, 17, 32]) {
      assert.throws(() => encryptSymmetric({ ...p, data: plaintext, tagLength }), {
        code: 'KW_CRYPTO_PARAMETER',
        parameter: 'tagLength',
      });
    }
    assert.throws(() => decryptSymmetric({ ...p, data: plaintext, tag: new Uint8Array(8) }), {
      code: 'KW_CRYPTO_PARAMETER',
      parameter: 'tagLength',
    });
  });
});
