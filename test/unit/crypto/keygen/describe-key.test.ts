import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  describeKey,
  generateKeyPair,
  type EcKeyPair,
  type Ed25519KeyPair,
  type PrivateKeyFormat,
  type PublicKeyFormat,
  type RsaKeyPair,
} from '../../../../src/crypto/index.ts';

let rsa: RsaKeyPair;
let ec: EcKeyPair;
let ed: Ed25519KeyPair;

before(async () => {
  rsa = await generateKeyPair({ algorithm: 'RSA', lengthBits: 2048 });
  ec = await generateKeyPair({ algorithm: 'EC', curve: 'P_521' });
  ed = await generateKeyPair({ algorithm: 'Ed25519' });
});

describe('describeKey', () => {
  it('describes RSA keys in every format by modulus length', () => {
    const cases: [Uint8Array, PrivateKeyFormat | PublicKeyFormat, boolean][] = [
      [rsa.privateKey.PKCS_1, 'PKCS_1', true],
      [rsa.privateKey.PKCS_8, 'PKCS_8', true],
      [rsa.publicKey.PKCS_1, 'PKCS_1', false],
      [rsa.publicKey.X_509, 'X_509', false],
    ];
    for (const [der, format, isPrivate] of cases) {
      assert.deepEqual(describeKey(der, format), { algorithm: 'RSA', lengthBits: 2048, isPrivate });
    }
  });

  it('reports odd RSA sizes exactly, weak ones included (policy is the server’s)', () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 1000 }).publicKey;
    const der = new Uint8Array(key.export({ format: 'der', type: 'spki' }));
    assert.equal(describeKey(der, 'X_509').lengthBits, 1000);
  });

  it('describes EC keys by curve size (521 for P_521)', () => {
    const expected = { algorithm: 'EC', lengthBits: 521, curve: 'P_521' };
    assert.deepEqual(describeKey(ec.privateKey.ECPrivateKey, 'ECPrivateKey'), {
      ...expected,
      isPrivate: true,
    });
    assert.deepEqual(describeKey(ec.privateKey.PKCS_8, 'PKCS_8'), { ...expected, isPrivate: true });
    assert.deepEqual(describeKey(ec.publicKey.X_509, 'X_509'), { ...expected, isPrivate: false });
  });

  it('describes keys on every curve in the table, including ones it does not generate on', () => {
    const table: [string, string, number][] = [
      ['secp224r1', 'P_224', 224],
      ['prime256v1', 'P_256', 256],
      ['secp384r1', 'P_384', 384],
      ['secp256k1', 'SECP256K1', 256],
      ['brainpoolP256r1', 'BRAINPOOLP256R1', 256],
      ['brainpoolP384r1', 'BRAINPOOLP384R1', 384],
      ['brainpoolP512r1', 'BRAINPOOLP512R1', 512],
    ];
    for (const [namedCurve, curve, lengthBits] of table) {
      const key = generateKeyPairSync('ec', { namedCurve }).publicKey;
      const der = new Uint8Array(key.export({ format: 'der', type: 'spki' }));
      assert.deepEqual(describeKey(der, 'X_509'), {
        algorithm: 'EC',
        lengthBits,
        curve,
        isPrivate: false,
      });
    }
  });

  it('describes Ed25519 keys as 256 bits', () => {
    assert.deepEqual(describeKey(ed.privateKey.PKCS_8, 'PKCS_8'), {
      algorithm: 'Ed25519',
      lengthBits: 256,
      isPrivate: true,
    });
    assert.deepEqual(describeKey(ed.publicKey.X_509, 'X_509'), {
      algorithm: 'Ed25519',
      lengthBits: 256,
      isPrivate: false,
    });
  });

  it('refuses material that is not in the named format with KW_CRYPTO_KEY_FORMAT', () => {
    const cases: [Uint8Array, PrivateKeyFormat | PublicKeyFormat][] = [
      [ec.privateKey.PKCS_8, 'PKCS_1'],
      [rsa.privateKey.PKCS_1, 'X_509'],
      [rsa.publicKey.X_509, 'PKCS_8'],
      [ec.publicKey.X_509, 'ECPrivateKey'],
      [new Uint8Array(0), 'PKCS_1'],
    ];
    for (const [der, format] of cases) {
      assert.throws(() => describeKey(der, format), { code: 'KW_CRYPTO_KEY_FORMAT', format });
    }
  });

  it('refuses other key types with KW_CRYPTO_UNSUPPORTED_ALGORITHM', () => {
    const spki = (key: KeyObject): Uint8Array =>
      new Uint8Array(key.export({ format: 'der', type: 'spki' }));
    assert.throws(() => describeKey(spki(generateKeyPairSync('ed448').publicKey), 'X_509'), {
      code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
      algorithm: 'ed448',
    });
    assert.throws(() => describeKey(spki(generateKeyPairSync('x448').publicKey), 'X_509'), {
      code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
      algorithm: 'x448',
    });
  });

  it('refuses format names it does not parse with KW_CRYPTO_UNSUPPORTED_FORMAT', () => {
    for (const format of ['Raw', 'Opaque', 'PKCS_12', 'TransparentRSAPublicKey']) {
      assert.throws(() => describeKey(rsa.publicKey.X_509, format as PublicKeyFormat), {
        code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
        format,
      });
    }
  });
});
