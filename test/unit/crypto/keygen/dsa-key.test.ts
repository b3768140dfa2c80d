import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  convertPrivateKey,
  convertPublicKey,
  derivePublicKey,
  describeKey,
  privateKeyFromTransparentForm,
  privateKeyToTransparentForm,
  publicKeyFromTransparentForm,
  publicKeyToTransparentForm,
  type TransparentDsaPrivateKey,
  type TransparentDsaPublicKey,
} from '../../../../src/crypto/index.ts';
import { writeDsaPkcs8, writeDsaSpki } from '../../../../src/crypto/keygen/dsa-der.ts';
import { BL_G, BL_P, BL_PRIVATE, BL_PUBLIC, BL_Q, BL_X, BL_Y } from './dsa-fixtures.ts';
import { assertPairMatches, nodePrivateKey, nodePublicKey } from './test-keys.ts';

const node1024 = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
const pkcs8 = new Uint8Array(node1024.privateKey.export({ format: 'der', type: 'pkcs8' }));
const spki = new Uint8Array(node1024.publicKey.export({ format: 'der', type: 'spki' }));

// OpenSSL's own reading of a DER key, as an independent check of the components.
function opensslText(der: Uint8Array, isPrivate: boolean): string {
  const args = ['pkey', '-inform', 'DER', '-noout', '-text', ...(isPrivate ? [] : ['-pubin'])];
  return execFileSync('openssl', args, { input: der }).toString();
}
const opensslHex = (value: bigint) =>
  value
    .toString(16)
    .padStart(value.toString(16).length + (value.toString(16).length % 2), '0')
    .replace(/(..)(?=.)/g, '$1:');

describe('DSA Transparent forms', () => {
  it('reads the OASIS BL-M-12 public key and agrees with OpenSSL on every component', () => {
    const der = publicKeyFromTransparentForm(BL_PUBLIC, 'X_509');
    assert.deepEqual(describeKey(der, 'X_509'), {
      algorithm: 'DSA',
      lengthBits: 512,
      isPrivate: false,
    });
    const text = opensslText(der, false).replace(/\s+/g, '');
    for (const value of [BL_P, BL_Q, BL_G, BL_Y]) {
      assert.ok(text.includes(opensslHex(value)), `OpenSSL shows ${value.toString(16)}`);
    }
    assert.deepEqual(publicKeyToTransparentForm(der, 'X_509'), BL_PUBLIC);
  });

  it('builds the BL-M-13 private key whose public value is the BL-M-12 Y (Y = G^X mod P)', () => {
    const der = privateKeyFromTransparentForm(BL_PRIVATE, 'PKCS_8');
    assert.deepEqual(privateKeyToTransparentForm(der, 'PKCS_8'), BL_PRIVATE);
    const publicDer = derivePublicKey(der, 'PKCS_8', 'X_509');
    assert.deepEqual(publicKeyToTransparentForm(publicDer, 'X_509'), BL_PUBLIC);
    assertPairMatches(nodePrivateKey(der, 'PKCS_8'), nodePublicKey(publicDer, 'X_509'));
  });

  it('round-trips a Node key: PKCS#8 → Transparent → PKCS#8 and SPKI → Transparent → SPKI, byte for byte', () => {
    const privateForm = privateKeyToTransparentForm(pkcs8, 'PKCS_8');
    assert.equal(privateForm.format, 'TransparentDSAPrivateKey');
    assert.deepEqual(privateKeyFromTransparentForm(privateForm, 'PKCS_8'), pkcs8);
    const publicForm = publicKeyToTransparentForm(spki, 'X_509');
    assert.equal(publicForm.format, 'TransparentDSAPublicKey');
    assert.deepEqual(publicKeyFromTransparentForm(publicForm, 'X_509'), spki);
    // The private key's public half, read through its Transparent form.
    assert.deepEqual(
      publicKeyToTransparentForm(derivePublicKey(pkcs8, 'PKCS_8', 'X_509'), 'X_509'),
      publicForm,
    );
    assert.deepEqual(describeKey(pkcs8, 'PKCS_8'), {
      algorithm: 'DSA',
      lengthBits: 1024,
      isPrivate: true,
    });
  });

  it('has no PKCS#1 or ECPrivateKey encoding: KW_CRYPTO_UNSUPPORTED_FORMAT', () => {
    assert.throws(() => convertPrivateKey(pkcs8, 'PKCS_8', 'PKCS_1'), {
      code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
    });
    assert.throws(() => convertPrivateKey(pkcs8, 'PKCS_8', 'ECPrivateKey'), {
      code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
    });
    assert.throws(() => convertPublicKey(spki, 'X_509', 'PKCS_1'), {
      code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
    });
  });

  const badPublic: Array<[string, Partial<TransparentDsaPublicKey>]> = [
    ['Q not dividing P − 1', { q: BL_Q + 2n }],
    ['a Q of the wrong size (128 bits)', { q: 0xffffffffffffffffffffffffffffff61n }],
    ['an even P', { p: BL_P + 1n }],
    ['a P below 512 bits', { p: BL_P >> 8n }],
    ['G = 1', { g: 1n }],
    ['G = P', { g: BL_P }],
    ['G not of order Q', { g: 2n }],
    ['Y = 1', { y: 1n }],
    ['Y = P − 1', { y: BL_P - 1n }],
    ['Y ≥ P', { y: BL_P + BL_Y }],
    ['Y outside the order-Q subgroup', { y: 3n }],
  ];
  for (const [what, change] of badPublic) {
    it(`refuses a public key with ${what}: KW_CRYPTO_KEY_FORMAT`, () => {
      assert.throws(() => publicKeyFromTransparentForm({ ...BL_PUBLIC, ...change }, 'X_509'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
        format: 'TransparentDSAPublicKey',
      });
    });
  }

  const badPrivate: Array<[string, Partial<TransparentDsaPrivateKey>]> = [
    ['X = 0', { x: 0n }],
    ['X = Q', { x: BL_Q }],
    ['X > Q', { x: BL_Q + BL_X }],
    ['a composite Q', { q: BL_Q * 3n }],
    ['G not of order Q', { g: 5n }],
  ];
  for (const [what, change] of badPrivate) {
    it(`refuses a private key with ${what}: KW_CRYPTO_KEY_FORMAT`, () => {
      assert.throws(() => privateKeyFromTransparentForm({ ...BL_PRIVATE, ...change }, 'PKCS_8'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
        format: 'TransparentDSAPrivateKey',
      });
    });
  }

  it('checks DER keys too: OpenSSL would load these bad parameters, we refuse them', () => {
    const badDomain = { p: BL_P, q: BL_Q, g: 2n };
    assert.throws(() => describeKey(writeDsaSpki({ ...badDomain, value: BL_Y }), 'X_509'), {
      code: 'KW_CRYPTO_KEY_FORMAT',
      format: 'X_509',
    });
    assert.throws(() => describeKey(writeDsaPkcs8({ ...badDomain, value: BL_X }), 'PKCS_8'), {
      code: 'KW_CRYPTO_KEY_FORMAT',
      format: 'PKCS_8',
    });
    const bigX = { p: BL_P, q: BL_Q, g: BL_G, value: BL_Q + 1n };
    assert.throws(() => convertPrivateKey(writeDsaPkcs8(bigX), 'PKCS_8', 'PKCS_8'), {
      code: 'KW_CRYPTO_KEY_FORMAT',
    });
  });
});
