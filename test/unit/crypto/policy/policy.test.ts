import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertAlgorithmAllowed,
  checkAlgorithm,
  DEFAULT_CRYPTO_POLICY,
} from '../../../../src/crypto/policy/policy.ts';
import { securityStrength } from '../../../../src/crypto/policy/strength.ts';

describe('securityStrength (NIST SP 800-57 Part 1 Table 2/3)', () => {
  const table: [string, number | undefined, number][] = [
    ['AES', 128, 128],
    ['AES', 256, 256],
    ['DES3', 192, 112],
    ['DES3', 168, 112],
    ['DES3', 128, 80],
    ['DES3', 112, 80],
    ['DES3', 64, 56],
    ['DES', 64, 56],
    ['RSA', 1024, 80],
    ['RSA', 2048, 112],
    ['RSA', 3072, 128],
    ['RSA', 7680, 192],
    ['RSA', 15360, 256],
    ['RSA', 512, 0],
    ['ECDSA', 256, 128],
    ['EC', 521, 260],
    ['Ed25519', undefined, 128],
    ['HMAC_SHA1', 160, 128],
    ['HMAC_SHA256', 64, 64],
    ['HMAC_SHA512', undefined, 256],
    ['ChaCha20Poly1305', 256, 256],
    ['NoSuchAlgorithm', 128, 0],
  ];
  for (const [algorithm, bits, expected] of table) {
    it(`${algorithm} ${bits ?? '-'} → ${expected}`, () =>
      assert.equal(securityStrength(algorithm, bits), expected));
  }
});

describe('checkAlgorithm', () => {
  it('default policy allows AES-128, 3-key 3DES, RSA-2048, P-256, HMAC-SHA256', () => {
    assert.equal(DEFAULT_CRYPTO_POLICY.minSecurityBits, 112);
    assert.equal(checkAlgorithm('AES', 128, 'encrypt'), undefined);
    assert.equal(checkAlgorithm('DES3', 192, 'encrypt'), undefined);
    assert.equal(checkAlgorithm('RSA', 2048, 'sign'), undefined);
    assert.equal(checkAlgorithm('ECDSA', 256, 'sign'), undefined);
    assert.equal(checkAlgorithm('HMAC_SHA256', 256, 'mac'), undefined);
  });
  it('default policy refuses DES, 2-key 3DES, RC4, RSA-1024, HMAC-MD5, unknown algorithms', () => {
    const cases: [string, number, 'legacy' | 'weak'][] = [
      ['DES', 64, 'legacy'],
      ['DES3', 128, 'weak'],
      ['RC4', 128, 'legacy'],
      ['RSA', 1024, 'weak'],
      ['HMAC_MD5', 128, 'legacy'],
      ['Blowfish', 128, 'legacy'],
      ['NoSuchAlgorithm', 256, 'weak'],
    ];
    for (const [algorithm, bits, reason] of cases) {
      const refusal = checkAlgorithm(algorithm, bits, 'encrypt');
      assert.equal(refusal?.code, 'KW_CRYPTO_POLICY', algorithm);
      assert.equal(refusal.reason, reason, algorithm);
      assert.equal(
        refusal.switchName,
        reason === 'legacy' ? 'crypto.allowLegacy' : 'crypto.minSecurityBits',
      );
      assert.equal(refusal.use, 'encrypt');
    }
  });
  it('allowLegacy lets legacy algorithms through only if strong enough; a lower minimum admits weak ones', () => {
    const legacy = { allowLegacy: true, minSecurityBits: 112 };
    assert.equal(checkAlgorithm('Blowfish', 128, 'decrypt', legacy), undefined);
    assert.equal(checkAlgorithm('DES', 64, 'decrypt', legacy)?.reason, 'weak');
    assert.equal(
      checkAlgorithm('RSA', 1024, 'verify', { allowLegacy: false, minSecurityBits: 80 }),
      undefined,
    );
  });
  it('assertAlgorithmAllowed throws the refusal', () => {
    assert.throws(() => assertAlgorithmAllowed('RSA', 1024, 'sign'), {
      code: 'KW_CRYPTO_POLICY',
      securityBits: 80,
    });
    assert.doesNotThrow(() => assertAlgorithmAllowed('AES', 256, 'wrap'));
  });
});
