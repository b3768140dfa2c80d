import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  convertPrivateKey,
  convertPublicKey,
  derivePublicKey,
  generateKeyPair,
  type EcKeyPair,
  type Ed25519KeyPair,
  type PrivateKeyFormat,
  type PublicKeyFormat,
  type RsaKeyPair,
} from '../../../../src/crypto/index.ts';
import { assertPairMatches, hex, nodePrivateKey, nodePublicKey } from './test-keys.ts';

let rsa: RsaKeyPair;
let ec: EcKeyPair;
let ed: Ed25519KeyPair;

before(async () => {
  rsa = await generateKeyPair({ algorithm: 'RSA', lengthBits: 2048 });
  ec = await generateKeyPair({ algorithm: 'EC', curve: 'P_384' });
  ed = await generateKeyPair({ algorithm: 'Ed25519' });
});

describe('convertPrivateKey', () => {
  it('converts RSA PKCS_1 ↔ PKCS_8 and back to the same bytes', () => {
    const p8 = convertPrivateKey(rsa.privateKey.PKCS_1, 'PKCS_1', 'PKCS_8');
    assert.equal(hex(p8), hex(rsa.privateKey.PKCS_8));
    assert.equal(hex(convertPrivateKey(p8, 'PKCS_8', 'PKCS_1')), hex(rsa.privateKey.PKCS_1));
    assertPairMatches(nodePrivateKey(p8, 'PKCS_8'), nodePublicKey(rsa.publicKey.X_509, 'X_509'));
  });

  it('converts EC ECPrivateKey ↔ PKCS_8 and back to the same bytes', () => {
    const p8 = convertPrivateKey(ec.privateKey.ECPrivateKey, 'ECPrivateKey', 'PKCS_8');
    assert.equal(hex(p8), hex(ec.privateKey.PKCS_8));
    assert.equal(
      hex(convertPrivateKey(p8, 'PKCS_8', 'ECPrivateKey')),
      hex(ec.privateKey.ECPrivateKey),
    );
  });

  it('re-encodes a key in its own format unchanged (Ed25519 PKCS_8)', () => {
    assert.equal(
      hex(convertPrivateKey(ed.privateKey.PKCS_8, 'PKCS_8', 'PKCS_8')),
      hex(ed.privateKey.PKCS_8),
    );
  });

  it('returns fresh plain Uint8Arrays', () => {
    const out = convertPrivateKey(rsa.privateKey.PKCS_1, 'PKCS_1', 'PKCS_8');
    assert.equal(Object.getPrototypeOf(out), Uint8Array.prototype);
    assert.equal(out.buffer.byteLength, out.length);
  });

  it('refuses a target format the algorithm has none of with KW_CRYPTO_UNSUPPORTED_FORMAT', () => {
    const cases: [Uint8Array, PrivateKeyFormat, PrivateKeyFormat, string][] = [
      [ec.privateKey.PKCS_8, 'PKCS_8', 'PKCS_1', 'EC'],
      [rsa.privateKey.PKCS_8, 'PKCS_8', 'ECPrivateKey', 'RSA'],
      [ed.privateKey.PKCS_8, 'PKCS_8', 'PKCS_1', 'Ed25519'],
      [ed.privateKey.PKCS_8, 'PKCS_8', 'ECPrivateKey', 'Ed25519'],
      [rsa.privateKey.PKCS_1, 'PKCS_1', 'Raw' as PrivateKeyFormat, 'RSA'],
    ];
    for (const [der, from, to, algorithm] of cases) {
      assert.throws(() => convertPrivateKey(der, from, to), {
        code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
        algorithm,
        format: to,
      });
    }
  });

  it('refuses an unknown source format with KW_CRYPTO_UNSUPPORTED_FORMAT', () => {
    for (const from of ['Raw', 'X_509', 'toString', 'TransparentRSAPrivateKey']) {
      assert.throws(
        () => convertPrivateKey(rsa.privateKey.PKCS_8, from as PrivateKeyFormat, 'PKCS_8'),
        {
          code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
          format: from,
        },
      );
    }
  });

  // OpenSSL alone would accept every one of these (see der-shape.ts).
  it('refuses material in another format than claimed with KW_CRYPTO_KEY_FORMAT', () => {
    const cases: [Uint8Array, PrivateKeyFormat][] = [
      [rsa.privateKey.PKCS_8, 'PKCS_1'],
      [rsa.privateKey.PKCS_1, 'PKCS_8'],
      [ec.privateKey.PKCS_8, 'ECPrivateKey'],
      [ec.privateKey.ECPrivateKey, 'PKCS_8'],
      [ec.privateKey.ECPrivateKey, 'PKCS_1'],
      [rsa.privateKey.PKCS_1, 'ECPrivateKey'],
      [ed.privateKey.PKCS_8, 'ECPrivateKey'],
      [rsa.publicKey.PKCS_1, 'PKCS_1'],
      [rsa.publicKey.X_509, 'PKCS_8'],
    ];
    for (const [der, from] of cases) {
      assert.throws(() => convertPrivateKey(der, from, 'PKCS_8'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
        format: from,
      });
    }
  });

  it('refuses trailing bytes, truncation, PEM text and empty input', () => {
    const der = rsa.privateKey.PKCS_8;
    const pem = new TextEncoder().encode(
      nodePrivateKey(der, 'PKCS_8').export({ format: 'pem', type: 'pkcs8' }) as string,
    );
    for (const bad of [
      Uint8Array.of(...der, 0),
      der.subarray(0, der.length - 1),
      pem,
      new Uint8Array(0),
    ]) {
      assert.throws(() => convertPrivateKey(bad, 'PKCS_8', 'PKCS_1'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
      });
    }
  });

  it('keeps one fixed message whatever the bad material was', () => {
    const messages = new Set<string>();
    for (const bad of [
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x42),
      new Uint8Array(16).fill(0xab),
    ]) {
      try {
        convertPrivateKey(bad, 'PKCS_8', 'PKCS_1');
        assert.fail('accepted garbage');
      } catch (error) {
        const message = (error as Error).message;
        assert.ok(!message.toLowerCase().includes('ab'.repeat(4)) && !message.includes('42'));
        messages.add(message);
      }
    }
    assert.equal(messages.size, 1);
  });

  it('refuses key types it does not handle with KW_CRYPTO_UNSUPPORTED_ALGORITHM', () => {
    const pkcs8 = (key: ReturnType<typeof generateKeyPairSync>['privateKey']): Uint8Array =>
      new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
    const cases: [Uint8Array, string][] = [
      [pkcs8(generateKeyPairSync('ed448').privateKey), 'ed448'],
      [pkcs8(generateKeyPairSync('x25519').privateKey), 'x25519'],
      [pkcs8(generateKeyPairSync('rsa-pss', { modulusLength: 1024 }).privateKey), 'rsa-pss'],
      [pkcs8(generateKeyPairSync('ec', { namedCurve: 'prime192v1' }).privateKey), 'prime192v1'],
    ];
    for (const [der, algorithm] of cases) {
      assert.throws(() => convertPrivateKey(der, 'PKCS_8', 'PKCS_8'), {
        code: 'KW_CRYPTO_UNSUPPORTED_ALGORITHM',
        algorithm,
      });
    }
  });

  it('converts keys on curves it describes but does not generate on (P_224, brainpool)', () => {
    for (const namedCurve of ['secp224r1', 'brainpoolP256r1', 'secp256k1']) {
      const key = generateKeyPairSync('ec', { namedCurve }).privateKey;
      const sec1 = new Uint8Array(key.export({ format: 'der', type: 'sec1' }));
      const p8 = convertPrivateKey(sec1, 'ECPrivateKey', 'PKCS_8');
      assert.equal(hex(p8), hex(key.export({ format: 'der', type: 'pkcs8' })));
    }
  });
});

describe('convertPublicKey', () => {
  it('converts RSA PKCS_1 ↔ X_509 and back to the same bytes', () => {
    assert.equal(
      hex(convertPublicKey(rsa.publicKey.PKCS_1, 'PKCS_1', 'X_509')),
      hex(rsa.publicKey.X_509),
    );
    assert.equal(
      hex(convertPublicKey(rsa.publicKey.X_509, 'X_509', 'PKCS_1')),
      hex(rsa.publicKey.PKCS_1),
    );
  });

  it('refuses PKCS_1 for EC and Ed25519 public keys', () => {
    for (const [der, algorithm] of [
      [ec.publicKey.X_509, 'EC'],
      [ed.publicKey.X_509, 'Ed25519'],
    ] as const) {
      assert.throws(() => convertPublicKey(der, 'X_509', 'PKCS_1'), {
        code: 'KW_CRYPTO_UNSUPPORTED_FORMAT',
        algorithm,
        format: 'PKCS_1',
      });
    }
  });

  it('refuses a private key presented as a public one', () => {
    const cases: [Uint8Array, PublicKeyFormat][] = [
      [rsa.privateKey.PKCS_1, 'PKCS_1'],
      [rsa.privateKey.PKCS_8, 'X_509'],
      [rsa.publicKey.X_509, 'PKCS_1'],
      [rsa.publicKey.PKCS_1, 'X_509'],
      [Uint8Array.of(...rsa.publicKey.X_509, 0, 0), 'X_509'],
    ];
    for (const [der, from] of cases) {
      assert.throws(() => convertPublicKey(der, from, 'X_509'), {
        code: 'KW_CRYPTO_KEY_FORMAT',
        format: from,
      });
    }
  });
});

describe('derivePublicKey', () => {
  it('gives the public half of a private key', () => {
    assert.equal(
      hex(derivePublicKey(rsa.privateKey.PKCS_1, 'PKCS_1', 'PKCS_1')),
      hex(rsa.publicKey.PKCS_1),
    );
    assert.equal(
      hex(derivePublicKey(ec.privateKey.ECPrivateKey, 'ECPrivateKey', 'X_509')),
      hex(ec.publicKey.X_509),
    );
    assert.equal(
      hex(derivePublicKey(ed.privateKey.PKCS_8, 'PKCS_8', 'X_509')),
      hex(ed.publicKey.X_509),
    );
  });
});
