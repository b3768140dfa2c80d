import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_DIGEST_ALGORITHM,
  DIGEST_ALGORITHMS,
  digest,
  digestHex,
} from '../../../src/crypto/index.ts';

// "abc" vectors: FIPS 180-4 / FIPS 202 examples (SHA-2, SHA-3), RFC 1321 A.5 (MD5), and the
// RIPEMD-160 authors' test set; each checked against `openssl dgst`.
const ABC: Record<string, string> = {
  MD5: '900150983cd24fb0d6963f7d28e17f72',
  SHA_1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  SHA_224: '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
  SHA_256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  SHA_384:
    'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
  SHA_512:
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  SHA_512_224: '4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa',
  SHA_512_256: '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23',
  SHA3_224: 'e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf',
  SHA3_256: '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532',
  SHA3_384:
    'ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25',
  SHA3_512:
    'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
  RIPEMD_160: '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc',
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('digest', () => {
  it('has a vector for every supported algorithm', () => {
    assert.deepEqual(Object.keys(DIGEST_ALGORITHMS).sort(), Object.keys(ABC).sort());
  });

  for (const [algorithm, expected] of Object.entries(ABC)) {
    it(`computes ${algorithm} of "abc"`, () => {
      assert.equal(hex(digest(algorithm, new TextEncoder().encode('abc'))), expected);
    });
  }

  it('defaults to SHA_256 and hashes the empty input', () => {
    assert.equal(DEFAULT_DIGEST_ALGORITHM, 'SHA_256');
    assert.equal(
      hex(digest(DEFAULT_DIGEST_ALGORITHM, new Uint8Array(0))),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashes only the bytes of a subarray view', () => {
    const whole = new TextEncoder().encode('xxabcxx');
    assert.equal(hex(digest('SHA_256', whole.subarray(2, 5))), ABC.SHA_256);
  });

  it('returns a plain Uint8Array', () => {
    assert.equal(Object.getPrototypeOf(digest('SHA_1', new Uint8Array(1))), Uint8Array.prototype);
  });

  it('refuses names outside the table with KW_CRYPTO_UNSUPPORTED_ALGORITHM', () => {
    for (const algorithm of ['sha256', 'SHA-256', 'MD2', 'MD4', 'Tiger', 'SHAKE_128', 'toString']) {
      assert.throws(() => digest(algorithm, new Uint8Array(1)), {
        code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
        algorithm,
      });
    }
  });
});

describe('digestHex', () => {
  for (const [algorithm, expected] of Object.entries(ABC)) {
    it(`computes ${algorithm} of "abc" as hex`, () => {
      assert.equal(digestHex(algorithm, 'abc'), expected);
    });
  }

  it('hashes the UTF-8 bytes of the text, as digest does', () => {
    const text = 'Grüße, 鍵 \u{1F511}';
    assert.equal(
      digestHex('SHA_256', text),
      hex(digest('SHA_256', new TextEncoder().encode(text))),
    );
  });

  it('refuses names outside the table with KW_CRYPTO_UNSUPPORTED_ALGORITHM', () => {
    for (const algorithm of ['sha256', 'SHA-256', 'MD2', 'toString']) {
      assert.throws(() => digestHex(algorithm, 'abc'), {
        code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
        algorithm,
      });
    }
  });
});
