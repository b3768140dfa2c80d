import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { importKeyObject, isKeyObjectFormat } from '../../../../src/crypto/index.ts';

describe('importKeyObject', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('imports Raw secret keys, PKCS#8 / PKCS#1 / ECPrivateKey private keys and X.509 / PKCS#1 public keys', () => {
    const secret = importKeyObject({ kind: 'secret', format: 'Raw', material: new Uint8Array(32) });
    assert.equal(secret.type, 'secret');
    assert.equal(secret.symmetricKeySize, 32);
    const cases = [
      ['private', 'PKCS_8', rsa.privateKey.export({ format: 'der', type: 'pkcs8' }), 'rsa'],
      ['private', 'PKCS_1', rsa.privateKey.export({ format: 'der', type: 'pkcs1' }), 'rsa'],
      ['private', 'ECPrivateKey', ec.privateKey.export({ format: 'der', type: 'sec1' }), 'ec'],
      ['public', 'X_509', ec.publicKey.export({ format: 'der', type: 'spki' }), 'ec'],
      ['public', 'PKCS_1', rsa.publicKey.export({ format: 'der', type: 'pkcs1' }), 'rsa'],
    ] as const;
    for (const [kind, format, der, algorithm] of cases) {
      const key = importKeyObject({ kind, format, material: der });
      assert.equal(key.type, kind, format);
      assert.equal(key.asymmetricKeyType, algorithm, format);
    }
  });

  it('refuses a format Node cannot parse with KW_CRYPTO_UNSUPPORTED_FORMAT', () => {
    assert.equal(isKeyObjectFormat('public', 'TransparentECPublicKey'), false);
    assert.equal(isKeyObjectFormat('private', 'X_509'), false);
    assert.throws(
      () => importKeyObject({ kind: 'private', format: 'X_509', material: new Uint8Array(8) }),
      { code: 'KW_CRYPTO_UNSUPPORTED_FORMAT' },
    );
  });

  it('refuses bytes that do not parse with KW_CRYPTO_KEY_FORMAT, without quoting them', () => {
    const garbage = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x07]);
    assert.throws(
      () => importKeyObject({ kind: 'private', format: 'PKCS_8', material: garbage }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'KW_CRYPTO_KEY_FORMAT');
        assert.ok(!error.message.includes('3003'));
        return true;
      },
    );
  });
});
