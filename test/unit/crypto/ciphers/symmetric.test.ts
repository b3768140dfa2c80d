import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decryptSymmetric, encryptSymmetric } from '../../../../src/crypto/ciphers/symmetric.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/crypto/${name}`, import.meta.url), 'utf8'));
const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const LEGACY_OK = { allowLegacy: true, minSecurityBits: 0 };

interface AesVector {
  name: string;
  mode: string;
  key: string;
  iv: string;
  ciphertext: string;
}
interface GcmVector {
  name: string;
  key: string;
  iv: string;
  plaintext: string;
  aad: string;
  ciphertext: string;
  tag: string;
}
interface XtsVector {
  name: string;
  key: string;
  tweak: string;
  plaintext: string;
  ciphertext: string;
}

describe('encryptSymmetric / decryptSymmetric known answers', () => {
  const sp = fixture('sp800-38a-aes.json') as { plaintext: string; vectors: AesVector[] };
  for (const v of sp.vectors) {
    it(`NIST SP 800-38A ${v.name}`, () => {
      const p = {
        algorithm: 'AES',
        mode: v.mode,
        padding: 'None',
        key: bytes(v.key),
        ...(v.iv ? { iv: bytes(v.iv) } : {}),
      };
      const enc = encryptSymmetric({ ...p, data: bytes(sp.plaintext) });
      assert.equal(hex(enc.data), v.ciphertext);
      assert.equal(hex(decryptSymmetric({ ...p, data: bytes(v.ciphertext) })), sp.plaintext);
    });
  }

  for (const v of (fixture('gcm.json') as { vectors: GcmVector[] }).vectors) {
    it(`GCM ${v.name}`, () => {
      const p = {
        algorithm: 'AES',
        mode: 'GCM',
        key: bytes(v.key),
        iv: bytes(v.iv),
        ...(v.aad ? { aad: bytes(v.aad) } : {}),
      };
      const enc = encryptSymmetric({ ...p, data: bytes(v.plaintext) });
      assert.equal(hex(enc.data), v.ciphertext);
      assert.equal(hex(enc.tag ?? new Uint8Array()), v.tag);
      const dec = decryptSymmetric({ ...p, data: bytes(v.ciphertext), tag: bytes(v.tag) });
      assert.equal(hex(dec), v.plaintext);
      // A truncated tag (12 bytes, SP 800-38D) is the prefix of the full one.
      const short = encryptSymmetric({ ...p, data: bytes(v.plaintext), tagLength: 12 });
      assert.equal(hex(short.tag ?? new Uint8Array()), v.tag.slice(0, 24));
    });
  }

  for (const v of (fixture('xts.json') as { vectors: XtsVector[] }).vectors) {
    it(`XTS ${v.name}`, () => {
      const p = { algorithm: 'AES', mode: 'XTS', key: bytes(v.key), iv: bytes(v.tweak) };
      assert.equal(hex(encryptSymmetric({ ...p, data: bytes(v.plaintext) }).data), v.ciphertext);
      assert.equal(hex(decryptSymmetric({ ...p, data: bytes(v.ciphertext) })), v.plaintext);
    });
  }

  it('CBC with PKCS5 padding adds a full block to block-aligned data', () => {
    const key = bytes('2b7e151628aed2a6abf7158809cf4f3c');
    const enc = encryptSymmetric({ algorithm: 'AES', mode: 'CBC', key, data: new Uint8Array(16) });
    assert.equal(enc.data.length, 32);
    assert.equal(enc.iv?.length, 16);
  });
});

describe('symmetric bad input', () => {
  const key = new Uint8Array(16).fill(7);
  it('wrong key length', () => {
    assert.throws(
      () =>
        encryptSymmetric({
          algorithm: 'AES',
          mode: 'CBC',
          key: new Uint8Array(15),
          data: new Uint8Array(16),
        }),
      {
        code: 'KW_CRYPTO_KEY_LENGTH',
      },
    );
    assert.throws(
      () => encryptSymmetric({ algorithm: 'AES', mode: 'XTS', key, data: new Uint8Array(16) }),
      {
        code: 'KW_CRYPTO_KEY_LENGTH',
      },
    );
  });
  it('missing IV on decrypt, wrong IV length on encrypt', () => {
    assert.throws(
      () => decryptSymmetric({ algorithm: 'AES', mode: 'CBC', key, data: new Uint8Array(16) }),
      {
        code: 'KW_CRYPTO_PARAMETER',
        parameter: 'iv',
      },
    );
    assert.throws(
      () =>
        encryptSymmetric({
          algorithm: 'AES',
          mode: 'CTR',
          key,
          iv: new Uint8Array(8),
          data: new Uint8Array(3),
        }),
      {
        code: 'KW_CRYPTO_PARAMETER',
        parameter: 'iv',
      },
    );
  });
  it('data not a multiple of the block size without padding', () => {
    assert.throws(
      () =>
        encryptSymmetric({
          algorithm: 'AES',
          mode: 'ECB',
          padding: 'None',
          key,
          data: new Uint8Array(17),
        }),
      {
        code: 'KW_CRYPTO_PARAMETER',
        parameter: 'data',
      },
    );
  });
  it('bad padding and GCM tag mismatch give the same fixed error', () => {
    const iv = new Uint8Array(16);
    // The plaintext ends in 0x41, which is not valid PKCS#7 padding.
    const ct = encryptSymmetric({
      algorithm: 'AES',
      mode: 'CBC',
      padding: 'None',
      key,
      iv,
      data: new Uint8Array(16).fill(0x41),
    }).data;
    const padErr = (() => {
      try {
        decryptSymmetric({ algorithm: 'AES', mode: 'CBC', key, iv, data: ct });
      } catch (e) {
        return e as Error & { code: string };
      }
      return undefined;
    })();
    assert.equal(padErr?.code, 'KW_CRYPTO_DECRYPT');
    const g = encryptSymmetric({
      algorithm: 'AES',
      mode: 'GCM',
      key,
      data: bytes('00112233'),
      aad: bytes('aa'),
    });
    const tagErr = (() => {
      try {
        decryptSymmetric({
          algorithm: 'AES',
          mode: 'GCM',
          key,
          iv: g.iv,
          data: g.data,
          tag: g.tag,
          aad: bytes('ab'),
        });
      } catch (e) {
        return e as Error & { code: string };
      }
      return undefined;
    })();
    assert.equal(tagErr?.code, 'KW_CRYPTO_DECRYPT');
    assert.equal(tagErr?.message, padErr?.message);
  });
  it('GCM tag length outside SP 800-38D and a missing tag are refused', () => {
    assert.throws(
      () =>
        encryptSymmetric({
          algorithm: 'AES',
          mode: 'GCM',
          key,
          data: new Uint8Array(1),
          tagLength: 10,
        }),
      {
        code: 'KW_CRYPTO_PARAMETER',
        parameter: 'tagLength',
      },
    );
    assert.throws(
      () =>
        decryptSymmetric({
          algorithm: 'AES',
          mode: 'GCM',
          key,
          iv: new Uint8Array(12),
          data: new Uint8Array(1),
        }),
      {
        code: 'KW_CRYPTO_PARAMETER',
        parameter: 'tag',
      },
    );
  });
  it('unsupported combinations', () => {
    assert.throws(
      () => encryptSymmetric({ algorithm: 'AES', mode: 'CCM', key, data: new Uint8Array(1) }),
      {
        code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
      },
    );
    assert.throws(
      () =>
        encryptSymmetric({
          algorithm: 'AES',
          mode: 'CTR',
          padding: 'PKCS5',
          key,
          data: new Uint8Array(1),
        }),
      {
        code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
      },
    );
  });
  it('policy: 2-key 3DES and legacy ciphers are refused by default', () => {
    assert.throws(
      () => encryptSymmetric({ algorithm: 'DES3', mode: 'CBC', key, data: new Uint8Array(8) }),
      {
        code: 'KW_CRYPTO_POLICY',
        reason: 'weak',
        switchName: 'crypto.minSecurityBits',
      },
    );
    assert.throws(() => encryptSymmetric({ algorithm: 'RC4', key, data: new Uint8Array(8) }), {
      code: 'KW_CRYPTO_POLICY',
      reason: 'legacy',
      switchName: 'crypto.allowLegacy',
    });
  });
  it('legacy ciphers without the OpenSSL legacy provider: typed refusal', () => {
    // This process runs without --openssl-legacy-provider; the legacy ciphers are then unavailable.
    for (const algorithm of ['RC4', 'Blowfish', 'CAST5', 'IDEA', 'SEED']) {
      assert.throws(
        () =>
          encryptSymmetric({
            algorithm,
            mode: 'CBC',
            key,
            data: new Uint8Array(8),
            policy: LEGACY_OK,
          }),
        {
          code: 'KW_CRYPTO_CIPHER_UNAVAILABLE',
        },
      );
    }
  });
});

const CASES: { algorithm: string; mode: string; keyLengths: number[]; block: number }[] = [
  { algorithm: 'AES', mode: 'ECB', keyLengths: [16, 24, 32], block: 16 },
  { algorithm: 'AES', mode: 'CBC', keyLengths: [16, 24, 32], block: 16 },
  { algorithm: 'AES', mode: 'CFB', keyLengths: [16, 32], block: 1 },
  { algorithm: 'AES', mode: 'OFB', keyLengths: [16, 32], block: 1 },
  { algorithm: 'AES', mode: 'CTR', keyLengths: [16, 32], block: 1 },
  { algorithm: 'AES', mode: 'GCM', keyLengths: [16, 24, 32], block: 1 },
  { algorithm: 'AES', mode: 'XTS', keyLengths: [32, 64], block: 1 },
  { algorithm: 'Camellia', mode: 'CBC', keyLengths: [16, 32], block: 16 },
  { algorithm: 'Camellia', mode: 'CTR', keyLengths: [16, 32], block: 1 },
  { algorithm: 'DES3', mode: 'CBC', keyLengths: [24], block: 8 },
  { algorithm: 'DES3', mode: 'ECB', keyLengths: [24], block: 8 },
  { algorithm: 'ChaCha20Poly1305', mode: 'AEAD', keyLengths: [32], block: 1 },
];

describe('encrypt → decrypt round trips (fast-check)', () => {
  for (const c of CASES) {
    it(`${c.algorithm}/${c.mode}`, () => {
      fc.assert(
        fc.property(
          fc
            .constantFrom(...c.keyLengths)
            .chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
          fc.uint8Array({ minLength: 16, maxLength: 200 }),
          fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
          (key, data, aad) => {
            const aead = c.mode === 'GCM' || c.algorithm === 'ChaCha20Poly1305';
            // XTS refuses equal key halves (OpenSSL 3); random halves are never equal in practice.
            const p = {
              algorithm: c.algorithm,
              mode: c.mode,
              key,
              ...(aead && aad ? { aad } : {}),
            };
            const enc = encryptSymmetric({ ...p, data });
            const dec = decryptSymmetric({ ...p, data: enc.data, iv: enc.iv, tag: enc.tag });
            assert.deepEqual(dec, data);
          },
        ),
        { numRuns: 50 },
      );
    });
  }
});
