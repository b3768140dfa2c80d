import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { ecdhSharedSecret } from '../../../../src/crypto/index.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const b64u = (h: string) => Buffer.from(h, 'hex').toString('base64url');

// RFC 5903 §8.1: the 256-bit random ECP group (P-256) test vector.
const I = 'c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433';
const GIX = 'dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180';
const GIY = '5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3';
const R = 'c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53';
const GRX = 'd12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63';
const GRY = '56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab';
const GIRX = 'd6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de';

function pkcs8(d: string, x: string, y: string): Uint8Array {
  const key = createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', d: b64u(d), x: b64u(x), y: b64u(y) },
    format: 'jwk',
  });
  return new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
}

function spki(x: string, y: string): Uint8Array {
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(x), y: b64u(y) },
    format: 'jwk',
  });
  return new Uint8Array(key.export({ format: 'der', type: 'spki' }));
}

describe('ecdhSharedSecret', () => {
  it('gives the RFC 5903 §8.1 shared secret from either side', () => {
    const fromI = ecdhSharedSecret(
      { der: pkcs8(I, GIX, GIY), format: 'PKCS_8' },
      { der: spki(GRX, GRY), format: 'X_509' },
    );
    const fromR = ecdhSharedSecret(
      { der: pkcs8(R, GRX, GRY), format: 'PKCS_8' },
      { der: spki(GIX, GIY), format: 'X_509' },
    );
    assert.equal(hex(fromI), GIRX);
    assert.equal(hex(fromR), GIRX);
  });

  it('agrees on secp256k1 from both sides (32 bytes), with SEC 1 private keys too', () => {
    const a = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const b = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const der = (k: typeof a.privateKey, type: 'pkcs8' | 'sec1') =>
      new Uint8Array(k.export({ format: 'der', type }));
    const pub = (k: typeof a.publicKey) =>
      new Uint8Array(k.export({ format: 'der', type: 'spki' }));
    const ab = ecdhSharedSecret(
      { der: der(a.privateKey, 'sec1'), format: 'ECPrivateKey' },
      { der: pub(b.publicKey), format: 'X_509' },
    );
    const ba = ecdhSharedSecret(
      { der: der(b.privateKey, 'pkcs8'), format: 'PKCS_8' },
      { der: pub(a.publicKey), format: 'X_509' },
    );
    assert.equal(ab.length, 32);
    assert.equal(hex(ab), hex(ba));
  });

  it('refuses keys on different curves and non-EC keys', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const priv = (k: typeof rsa.privateKey) =>
      ({
        der: new Uint8Array(k.export({ format: 'der', type: 'pkcs8' })),
        format: 'PKCS_8',
      }) as const;
    const pub = (k: typeof rsa.publicKey) =>
      ({
        der: new Uint8Array(k.export({ format: 'der', type: 'spki' })),
        format: 'X_509',
      }) as const;
    assert.throws(() => ecdhSharedSecret(priv(p256.privateKey), pub(k1.publicKey)), {
      code: 'KW_CRYPTO_PARAMETER',
      parameter: 'curve',
    });
    assert.throws(() => ecdhSharedSecret(priv(rsa.privateKey), pub(k1.publicKey)), {
      code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
    });
    assert.throws(() => ecdhSharedSecret(priv(p256.privateKey), pub(rsa.publicKey)), {
      code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
    });
  });
});
