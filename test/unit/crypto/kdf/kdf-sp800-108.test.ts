// NIST SP 800-108 feedback and double-pipeline iteration modes with HMAC: NIST CAVP KBKDF vectors
// (HMAC PRF, counter AFTER_ITER, 32 bits), and feedback mode against OpenSSL's KBKDF.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { deriveKey } from '../../../../src/crypto/kdf/derive-key.ts';
import { kdfDoublePipelineHmac, kdfFeedbackHmac } from '../../../../src/crypto/kdf/kdf.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** OpenSSL's KBKDF in feedback mode; `salt` (the label) carries the whole fixed input. */
function opensslFeedback(
  digest: string,
  key: Uint8Array,
  iv: Uint8Array,
  fixed: Uint8Array,
  length: number,
): string {
  const options = [
    'mac:HMAC',
    `digest:${digest}`,
    'mode:FEEDBACK',
    `hexkey:${hex(key)}`,
    ...(iv.length > 0 ? [`hexseed:${hex(iv)}`] : []),
    `hexsalt:${hex(fixed)}`,
    'use-l:0',
    'use-separator:0',
  ];
  const out = execFileSync(
    'openssl',
    ['kdf', '-keylen', String(length), ...options.flatMap((o) => ['-kdfopt', o]), 'KBKDF'],
    { encoding: 'utf8' },
  );
  return out.trim().replace(/:/g, '').toLowerCase();
}

describe('SP 800-108 feedback mode (kdfFeedbackHmac)', () => {
  it('CAVP KDFFeedback [PRF=HMAC_SHA256][CTRLOCATION=AFTER_ITER][RLEN=32_BITS] COUNT=0', () => {
    const out = kdfFeedbackHmac(
      'SHA_256',
      bytes('93f698e842eed75394d629d957e2e89c6e741f810b623c8b901e38376d068e7b'),
      bytes('9f575d9059d3e0c0803f08112f8a806de3c3471912cdf42b095388b14b33508e'),
      bytes(
        '53b89c18690e2057a1d167822e636de50be0018532c431f7f5e37f77139220d5e042599ebe266af5767ee18cd2c5c19a1f0f80',
      ),
      64,
    );
    assert.equal(
      hex(out),
      'bd1476f43a4e315747cf5918e0ea5bc0d98769457477c3ab18b742def0e079a9' +
        '33b756365afb5541f253fee43c6fd788a44041038509e9eeb68f7d65ffbb5f95',
    );
  });

  for (const [hash, digest, hashLength] of [
    ['SHA_1', 'SHA1', 20],
    ['SHA_256', 'SHA256', 32],
    ['SHA_384', 'SHA384', 48],
    ['SHA_512', 'SHA512', 64],
  ] as const) {
    it(`equals OpenSSL's KBKDF feedback mode with HMAC-${digest}, with and without an IV`, () => {
      const key = new Uint8Array(randomBytes(32));
      const fixed = new Uint8Array(randomBytes(40));
      // OpenSSL takes an IV of the PRF's output length (as the CAVP vectors have), or none.
      for (const iv of [new Uint8Array(randomBytes(hashLength)), new Uint8Array()]) {
        for (const length of [16, 33, 100]) {
          assert.equal(
            hex(kdfFeedbackHmac(hash, key, iv, fixed, length)),
            opensslFeedback(digest, key, iv, fixed, length),
            `${hash} iv ${iv.length} length ${length}`,
          );
        }
      }
    });
  }

  it('refuses a non-positive length and an unknown hash', () => {
    const k = new Uint8Array(16);
    assert.throws(() => kdfFeedbackHmac('SHA_256', k, k, k, 0), { code: 'KW_CRYPTO_PARAMETER' });
    assert.throws(() => kdfFeedbackHmac('MD4', k, k, k, 16), { code: 'KW_CRYPTO_PARAMETER' });
  });
});

describe('SP 800-108 double-pipeline iteration mode (kdfDoublePipelineHmac)', () => {
  // CAVP KDFDblPipeline (with counter) [CTRLOCATION=AFTER_ITER][RLEN=32_BITS].
  const vectors = [
    {
      name: '[PRF=HMAC_SHA512] COUNT=0, one block',
      hash: 'SHA_512',
      key: 'fa016a04bb256af4606bf2472b7eb4fb2344550aa0b8f3690746c5260b2ea47625d88b74b4b6cca0f9ddea5222574e4624a66d7f28bfd0a54c2338fbbd3a0050',
      fixed:
        '6d0c444dc0e9daef0c489e8dcc4da85c2f66356f4f11959f91348c985879e5c2153f22e4ce6baed6d55444c48de384465b68ab',
      expected:
        '221b902e67cc680f6deb5bde87be6f21a3fbe2e216508451dcbffcba4adeccd2ecf4d0e79ee83a201244fed871a39c2e181f241c3c75d4f71c052aa9887a8153',
    },
    {
      name: '[PRF=HMAC_SHA384] COUNT=30, 1600 bits (five blocks, the last cut)',
      hash: 'SHA_384',
      key: '267d3045d90b3221df23f8594e334e20b3ee78a88b43cf51c60dd69b91b0c0f3e9af15f14a8b876e7dac5291080a6ff4',
      fixed:
        'e25290e8e1582d3e69eb2a58c5f392b561d14b08ced8e4ed391e8276be4f851479ec67830691e8cd8b24f3888570d33e4fb19f',
      expected:
        '010727d88cb93742b9f1440da6ea1ed33cfffb4c8bf5bb3a1004083c39745420e44cca8589252094bb931ee416f27bc5ccca3706a1852aa97e617955381563b6c24472a649b89fda8e265d17720f900d424033dcf1cfcc32785cdd0d1ce25d0201ba8c62f3afdddc7e5a5536a0ef10af6b072dfbc51cb14d0d3209356f92a127aa04b4c3aad4fe3b9642f118299a31f83ba3c5b7dca3cb5b52b3ae6e063ad66c00d74dfea38b144150dff65762b0f5239fda50c698ff7aaa17d1d56e33076ee013977176778a2161',
    },
  ];
  for (const v of vectors) {
    it(`CAVP ${v.name}`, () => {
      const out = kdfDoublePipelineHmac(
        v.hash,
        bytes(v.key),
        bytes(v.fixed),
        v.expected.length / 2,
      );
      assert.equal(hex(out), v.expected);
    });
  }
});

describe('deriveKey with NIST800_108_F and NIST800_108_DPI', () => {
  const key = new Uint8Array(randomBytes(32));
  const data = new Uint8Array(randomBytes(20));

  it('NIST800_108_F: the Initialization Vector is K(0); absent means empty', () => {
    const iv = new Uint8Array(randomBytes(32));
    const withIv = deriveKey({
      method: 'NIST800_108_F',
      hash: 'SHA_256',
      keyMaterial: key,
      derivationData: data,
      initializationVector: iv,
      length: 48,
    });
    assert.deepEqual(withIv, kdfFeedbackHmac('SHA_256', key, iv, data, 48));
    const noIv = deriveKey({
      method: 'NIST800_108_F',
      keyMaterial: key,
      derivationData: data,
      length: 48,
    });
    assert.deepEqual(noIv, kdfFeedbackHmac('SHA_256', key, new Uint8Array(), data, 48));
  });

  it('NIST800_108_DPI: double-pipeline over the Derivation Data', () => {
    const out = deriveKey({
      method: 'NIST800_108_DPI',
      hash: 'SHA_384',
      keyMaterial: key,
      derivationData: data,
      length: 70,
    });
    assert.deepEqual(out, kdfDoublePipelineHmac('SHA_384', key, data, 70));
  });

  it('applies the weak-algorithm policy to the HMAC key', () => {
    assert.throws(
      () =>
        deriveKey({
          method: 'NIST800_108_DPI',
          keyMaterial: new Uint8Array(8),
          derivationData: data,
          length: 16,
        }),
      { code: 'KW_CRYPTO_POLICY' },
    );
  });
});
