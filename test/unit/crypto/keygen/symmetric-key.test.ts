import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generateSymmetricKey,
  isSymmetricAlgorithm,
  isSymmetricKeyLength,
  symmetricKeyBytes,
  SYMMETRIC_KEY_LENGTHS,
  validateSymmetricKeyLength,
} from '../../../../src/crypto/index.ts';

// Every accepted length per algorithm, spelled out so a change to the table shows up here.
const multiplesOf8 = (min: number, max: number): number[] =>
  Array.from({ length: (max - min) / 8 + 1 }, (_, i) => min + 8 * i);

const ACCEPTED: Record<string, number[]> = {
  AES: [128, 192, 256],
  DES3: [64, 112, 128, 168, 192],
  Blowfish: multiplesOf8(32, 448),
  Camellia: [128, 192, 256],
  CAST5: multiplesOf8(40, 128),
  IDEA: [128],
  RC4: multiplesOf8(40, 2048),
  HMAC_SHA1: multiplesOf8(112, 4096),
  HMAC_SHA224: multiplesOf8(112, 4096),
  HMAC_SHA256: multiplesOf8(128, 4096),
  HMAC_SHA384: multiplesOf8(192, 4096),
  HMAC_SHA512: multiplesOf8(256, 4096),
  HMAC_SHA3_224: multiplesOf8(112, 4096),
  HMAC_SHA3_256: multiplesOf8(128, 4096),
  HMAC_SHA3_384: multiplesOf8(192, 4096),
  HMAC_SHA3_512: multiplesOf8(256, 4096),
  ChaCha20: [256],
  ChaCha20Poly1305: [256],
};

const REFUSED: Record<string, number[]> = {
  AES: [0, 64, 127, 129, 160, 224, 255, 257, 384, 512, -128, 128.5, Number.NaN],
  DES3: [56, 120, 176, 256, 0],
  Blowfish: [24, 31, 33, 456, 0],
  Camellia: [64, 127, 160, 512],
  CAST5: [32, 41, 136, 256],
  IDEA: [64, 192, 256],
  RC4: [0, 8, 32, 39, 41, 2056],
  HMAC_SHA1: [8, 64, 80, 104, 113, 4104],
  HMAC_SHA224: [104, 4104],
  HMAC_SHA256: [64, 120, 129, 4104],
  HMAC_SHA384: [128, 184, 4104],
  HMAC_SHA512: [128, 248, 4104],
  HMAC_SHA3_224: [104],
  HMAC_SHA3_256: [120],
  HMAC_SHA3_384: [184],
  HMAC_SHA3_512: [248],
  ChaCha20: [128, 255, 512],
  ChaCha20Poly1305: [128, 512],
};

describe('symmetric key length table', () => {
  it('covers exactly the algorithms this test lists', () => {
    assert.deepEqual(Object.keys(SYMMETRIC_KEY_LENGTHS).sort(), Object.keys(ACCEPTED).sort());
  });

  it('uses the KMIP registry spelling and refuses other spellings', () => {
    assert.equal(isSymmetricAlgorithm('DES3'), true);
    for (const name of ['TRIPLE_DES', 'TripleDES', '3DES', 'aes', 'ARC4', 'HMAC-SHA256']) {
      assert.equal(isSymmetricAlgorithm(name), false, name);
    }
    assert.equal(isSymmetricAlgorithm('toString'), false, 'prototype keys are not algorithms');
  });
});

describe('generateSymmetricKey', () => {
  for (const [algorithm, lengths] of Object.entries(ACCEPTED)) {
    it(`generates ${algorithm} keys of every allowed length`, () => {
      for (const length of lengths) {
        const key = generateSymmetricKey(algorithm, length);
        assert.equal(key.length, symmetricKeyBytes(algorithm, length));
        assert.equal(Object.getPrototypeOf(key), Uint8Array.prototype);
        assert.equal(key.buffer.byteLength, key.length, 'a fresh buffer, not a pool slice');
      }
    });

    it(`refuses ${algorithm} lengths outside its table with KW_CRYPTO_INVALID_LENGTH`, () => {
      for (const length of REFUSED[algorithm] ?? []) {
        assert.throws(() => generateSymmetricKey(algorithm, length), {
          code: 'KW_CRYPTO_INVALID_LENGTH',
          algorithm,
          length,
        });
      }
    });
  }

  it('returns different bytes on each call', () => {
    assert.notDeepEqual(generateSymmetricKey('AES', 256), generateSymmetricKey('AES', 256));
    assert.notDeepEqual(generateSymmetricKey('DES3', 192), generateSymmetricKey('DES3', 192));
  });

  it('spreads bits evenly (about half of 64 Kbit of key material is set)', () => {
    let ones = 0;
    for (let i = 0; i < 32; i++) {
      for (const byte of generateSymmetricKey('RC4', 2048)) {
        for (let b = byte; b !== 0; b >>= 1) ones += b & 1;
      }
    }
    const bits = 32 * 2048;
    // 6 standard deviations of a fair binomial: a false alarm is practically impossible.
    assert.ok(Math.abs(ones - bits / 2) < 6 * Math.sqrt(bits / 4), `ones=${ones}`);
  });

  it('makes DES3 keys of effective length 112 / 168 as 16- / 24-byte bundles (SP 800-67)', () => {
    assert.equal(generateSymmetricKey('DES3', 112).length, 16);
    assert.equal(generateSymmetricKey('DES3', 168).length, 24);
    assert.equal(generateSymmetricKey('DES3', 128).length, 16);
    assert.equal(generateSymmetricKey('DES3', 192).length, 24);
    for (const [algorithm, length] of Object.entries(ACCEPTED)) {
      if (algorithm === 'DES3') continue;
      for (const bits of length) assert.equal(symmetricKeyBytes(algorithm, bits), bits / 8);
    }
  });

  it('gives every DES3 key byte odd parity', () => {
    for (let i = 0; i < 50; i++) {
      for (const byte of generateSymmetricKey('DES3', 192)) {
        let ones = 0;
        for (let b = byte; b !== 0; b >>= 1) ones += b & 1;
        assert.equal(ones % 2, 1);
      }
    }
  });

  it('refuses unknown and unsupported algorithms with KW_CRYPTO_UNSUPPORTED_ALGORITHM', () => {
    for (const algorithm of [
      'RSA',
      'DES',
      'HMAC_MD5',
      'TRIPLE_DES',
      'Twofish',
      '',
      'constructor',
    ]) {
      assert.throws(() => generateSymmetricKey(algorithm, 128), {
        code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
        algorithm,
      });
    }
  });
});

describe('isSymmetricKeyLength', () => {
  it('matches a stated length with material of that many bytes', () => {
    assert.equal(isSymmetricKeyLength('AES', 256, new Uint8Array(32)), true);
    assert.equal(isSymmetricKeyLength('AES', 128, new Uint8Array(32)), false);
  });

  it('matches a DES3 bundle by its full or its effective length', () => {
    const three = new Uint8Array(24);
    const two = new Uint8Array(16);
    assert.equal(isSymmetricKeyLength('DES3', 192, three), true);
    assert.equal(isSymmetricKeyLength('DES3', 168, three), true);
    assert.equal(isSymmetricKeyLength('DES3', 128, two), true);
    assert.equal(isSymmetricKeyLength('DES3', 112, two), true);
    assert.equal(isSymmetricKeyLength('DES3', 168, two), false);
    assert.equal(isSymmetricKeyLength('DES3', 112, three), false);
  });

  it('refuses lengths and algorithms outside the table', () => {
    assert.equal(isSymmetricKeyLength('DES3', 176, new Uint8Array(22)), false);
    assert.equal(isSymmetricKeyLength('RSA', 1024, new Uint8Array(128)), false);
  });
});

describe('validateSymmetricKeyLength', () => {
  it('returns the length in bits of material the algorithm allows', () => {
    assert.equal(validateSymmetricKeyLength('AES', new Uint8Array(24)), 192);
    assert.equal(validateSymmetricKeyLength('HMAC_SHA256', new Uint8Array(64)), 512);
    assert.equal(validateSymmetricKeyLength('DES3', new Uint8Array(16)), 128);
  });

  it('accepts DES3 material whatever its parity bits', () => {
    assert.equal(validateSymmetricKeyLength('DES3', new Uint8Array(24)), 192);
  });

  it('refuses material of a length the algorithm does not allow', () => {
    assert.throws(() => validateSymmetricKeyLength('AES', new Uint8Array(20)), {
      code: 'KW_CRYPTO_INVALID_LENGTH',
      algorithm: 'AES',
      length: 160,
    });
    assert.throws(() => validateSymmetricKeyLength('HMAC_SHA512', new Uint8Array(16)), {
      code: 'KW_CRYPTO_INVALID_LENGTH',
    });
    assert.throws(() => validateSymmetricKeyLength('ChaCha20', new Uint8Array(0)), {
      code: 'KW_CRYPTO_INVALID_LENGTH',
    });
  });

  it('refuses an unknown algorithm', () => {
    assert.throws(() => validateSymmetricKeyLength('Twofish', new Uint8Array(16)), {
      code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
    });
  });
});
