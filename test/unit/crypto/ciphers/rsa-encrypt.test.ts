import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decryptRsa, encryptRsa } from '../../../../src/crypto/ciphers/rsa-encrypt.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('RSA encryption', () => {
  for (const hash of ['SHA_1', 'SHA_256']) {
    it(`OAEP ${hash} round trip, with and without a label`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 62 }),
          fc.option(fc.uint8Array({ maxLength: 8 }), { nil: undefined }),
          (data, label) => {
            const p = { padding: 'OAEP', hash, mgf1Hash: hash, ...(label ? { label } : {}) };
            const ct = encryptRsa({ ...p, key: rsa.publicKey, data });
            assert.equal(ct.length, 256);
            assert.deepEqual(decryptRsa({ ...p, key: rsa.privateKey, data: ct }), data);
          },
        ),
        { numRuns: 10 },
      );
    });
  }
  it('OAEP with a wrong hash or tampered ciphertext fails with the fixed decrypt error', () => {
    const ct = encryptRsa({ key: rsa.publicKey, data: new Uint8Array(32) });
    assert.throws(() => decryptRsa({ key: rsa.privateKey, hash: 'SHA_1', data: ct }), {
      code: 'KW_CRYPTO_DECRYPT',
    });
    const bad = Uint8Array.from(ct);
    bad[10] = (bad[10] ?? 0) ^ 1;
    assert.throws(() => decryptRsa({ key: rsa.privateKey, data: bad }), {
      code: 'KW_CRYPTO_DECRYPT',
    });
  });
  it('PKCS#1 v1.5 round trip; a bad ciphertext gives implicit rejection, not an error', () => {
    const p = { padding: 'PKCS1V1_5' };
    const data = new Uint8Array(32).fill(5);
    const ct = encryptRsa({ ...p, key: rsa.publicKey, data });
    assert.deepEqual(decryptRsa({ ...p, key: rsa.privateKey, data: ct }), data);
    // Flip the lowest bit: flipping one in the top byte could push the value past the modulus,
    // which is a plain error rather than a padding failure (a flaky test once).
    const bad = Uint8Array.from(ct);
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 1;
    const first = decryptRsa({ ...p, key: rsa.privateKey, data: bad });
    assert.notDeepEqual(first, data);
    assert.deepEqual(decryptRsa({ ...p, key: rsa.privateKey, data: bad }), first); // deterministic
  });
  it('DER keys; bad input is typed', () => {
    const spki = {
      der: new Uint8Array(rsa.publicKey.export({ format: 'der', type: 'spki' })),
      format: 'X_509' as const,
    };
    const pkcs8 = {
      der: new Uint8Array(rsa.privateKey.export({ format: 'der', type: 'pkcs8' })),
      format: 'PKCS_8' as const,
    };
    const ct = encryptRsa({ key: spki, data: new Uint8Array(16) });
    assert.deepEqual(decryptRsa({ key: pkcs8, data: ct }), new Uint8Array(16));
    assert.throws(() => encryptRsa({ key: spki, data: new Uint8Array(300) }), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    // A distinct MGF1 hash is supported (eme-oaep.ts); its data bound is k − 2·hLen − 2 too.
    assert.throws(
      () =>
        encryptRsa({ key: spki, hash: 'SHA_256', mgf1Hash: 'SHA_1', data: new Uint8Array(300) }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
    assert.throws(() => encryptRsa({ key: spki, padding: 'PSS', data: new Uint8Array(1) }), {
      code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
    });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    assert.throws(() => encryptRsa({ key: small.publicKey, data: new Uint8Array(1) }), {
      code: 'KW_CRYPTO_POLICY',
    });
  });
});
