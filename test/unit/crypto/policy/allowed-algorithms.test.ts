import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkAlgorithm } from '../../../../src/crypto/index.ts';

describe('CryptoPolicy.allowedAlgorithms', () => {
  const policy = { allowLegacy: false, minSecurityBits: 112, allowedAlgorithms: ['AES', 'RSA'] };

  it('allows a listed algorithm that also passes the strength check', () => {
    assert.equal(checkAlgorithm('AES', 128, 'encrypt', policy), undefined);
  });

  it('refuses an unlisted algorithm with reason not-allowed, naming crypto.allowedAlgorithms', () => {
    const refusal = checkAlgorithm('Camellia', 256, 'encrypt', policy);
    assert.equal(refusal?.code, 'KW_CRYPTO_POLICY');
    assert.equal(refusal?.reason, 'not-allowed');
    assert.equal(refusal?.switchName, 'crypto.allowedAlgorithms');
  });

  it('still applies the strength check to listed algorithms', () => {
    assert.equal(checkAlgorithm('RSA', 1024, 'sign', policy)?.reason, 'weak');
  });

  it('an empty list allows every algorithm', () => {
    assert.equal(
      checkAlgorithm('Camellia', 256, 'encrypt', { ...policy, allowedAlgorithms: [] }),
      undefined,
    );
  });
});
