import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encryptSymmetric } from '../../../../src/crypto/ciphers/symmetric.ts';
import { deriveKey } from '../../../../src/crypto/kdf/derive-key.ts';
import { hkdf, kdfCounterHmac } from '../../../../src/crypto/kdf/kdf.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const key = bytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

describe('deriveKey (KMIP 1.4 §4.6 methods)', () => {
  it('PBKDF2 = RFC 6070 vector with the key material as password', () => {
    const out = deriveKey({
      method: 'PBKDF2',
      hash: 'SHA_1',
      keyMaterial: Buffer.from('password'),
      salt: Buffer.from('salt'),
      iterationCount: 2,
      length: 20,
    });
    assert.equal(hex(out), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
  });
  it('HASH = digest of the key material, truncated; refuses derivation data', () => {
    // FIPS 180-4 SHA-256("abc").
    const out = deriveKey({
      method: 'HASH',
      hash: 'SHA_256',
      keyMaterial: Buffer.from('abc'),
      length: 16,
    });
    assert.equal(hex(out), 'ba7816bf8f01cfea414140de5dae2223');
    assert.throws(
      () =>
        deriveKey({ method: 'HASH', keyMaterial: key, derivationData: bytes('01'), length: 16 }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
    assert.throws(() => deriveKey({ method: 'HASH', keyMaterial: key, length: 33 }), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });
  it('HMAC = HKDF with derivation data as info', () => {
    const out = deriveKey({
      method: 'HMAC',
      hash: 'SHA_256',
      keyMaterial: key,
      salt: bytes('aa'),
      derivationData: bytes('bb'),
      length: 42,
    });
    assert.deepEqual(out, hkdf('SHA_256', key, bytes('aa'), bytes('bb'), 42));
  });
  it('ENCRYPT = derivation data encrypted under the base key', () => {
    const iv = new Uint8Array(16);
    const data = new Uint8Array(32).fill(3);
    const out = deriveKey({
      method: 'ENCRYPT',
      keyMaterial: key,
      derivationData: data,
      length: 32,
      encryption: { algorithm: 'AES', mode: 'CBC', padding: 'None', iv },
    });
    assert.deepEqual(
      out,
      encryptSymmetric({ algorithm: 'AES', mode: 'CBC', padding: 'None', key, iv, data }).data,
    );
    assert.throws(
      () => deriveKey({ method: 'ENCRYPT', keyMaterial: key, derivationData: data, length: 32 }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
  });
  it('NIST800_108_C = counter-mode KDF over the derivation data', () => {
    const out = deriveKey({
      method: 'NIST800_108_C',
      hash: 'SHA_384',
      keyMaterial: key,
      derivationData: bytes('0102'),
      length: 50,
    });
    assert.deepEqual(out, kdfCounterHmac('SHA_384', key, bytes('0102'), 50));
  });
  it('unknown methods and missing PBKDF2 inputs are typed errors', () => {
    assert.throws(
      () => deriveKey({ method: 'AWS_SIGNATURE_VERSION_4', keyMaterial: key, length: 16 }),
      {
        code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
      },
    );
    assert.throws(() => deriveKey({ method: 'PBKDF2', keyMaterial: key, length: 16 }), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });
});
