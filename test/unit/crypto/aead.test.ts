import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { AEAD_OVERHEAD, createAeadKey, randomBytes } from '../../../src/crypto/index.ts';

const encoder = new TextEncoder();
const aad = encoder.encode('object-1');

describe('createAeadKey / seal / open (AES-256-GCM)', () => {
  const key = createAeadKey(randomBytes(32));

  it('opens what it sealed, for any plaintext and AAD', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 64 }), (pt, ad) => {
        assert.deepEqual(key.open(key.seal(pt, ad), ad), pt);
      }),
    );
  });

  it('lays out version 1 | key id | nonce | tag | ciphertext', () => {
    const plaintext = encoder.encode('sixteen byte msg');
    const sealed = key.seal(plaintext, aad);
    assert.equal(AEAD_OVERHEAD, 1 + 8 + 12 + 16);
    assert.equal(sealed.length, plaintext.length + AEAD_OVERHEAD);
    assert.equal(sealed[0], 0x01);
    assert.equal(Buffer.from(sealed.subarray(1, 9)).toString('hex'), key.keyId);
    assert.ok(!Buffer.from(sealed).includes(Buffer.from(plaintext)), 'plaintext visible');
  });

  it('is plain AES-256-GCM with AAD = version | key id | caller AAD (checked with node:crypto)', () => {
    const secret = randomBytes(32);
    const plaintext = encoder.encode('interoperable');
    const sealed = createAeadKey(secret).seal(plaintext, aad);
    const decipher = createDecipheriv('aes-256-gcm', secret, sealed.subarray(9, 21));
    decipher.setAAD(Buffer.concat([sealed.subarray(0, 9), aad]));
    decipher.setAuthTag(sealed.subarray(21, 37));
    const out = Buffer.concat([decipher.update(sealed.subarray(37)), decipher.final()]);
    assert.deepEqual(new Uint8Array(out), plaintext);
  });

  it('opens plain AES-256-GCM sealed with AAD = version | key id | caller AAD in one piece', () => {
    const secret = randomBytes(32);
    const opener = createAeadKey(secret);
    const header = opener.seal(new Uint8Array(0), aad).subarray(0, 9);
    for (const [plaintext, callerAad] of [
      [encoder.encode('sealed elsewhere, opened here'), aad],
      [new Uint8Array(0), new Uint8Array(0)],
    ] as const) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, nonce);
      cipher.setAAD(Buffer.concat([header, callerAad]));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const sealed = Buffer.concat([header, nonce, cipher.getAuthTag(), body]);
      const opened = opener.open(sealed, callerAad);
      assert.deepEqual(opened, plaintext);
      // The plaintext is its own memory: wiping it leaves the sealed value intact.
      opened.fill(0);
      assert.deepEqual(opener.open(sealed, callerAad), plaintext);
    }
  });

  it('uses a fresh nonce for every seal of the same plaintext', () => {
    const plaintext = encoder.encode('same input');
    const nonces = new Set<string>();
    for (let i = 0; i < 100; i++) {
      nonces.add(Buffer.from(key.seal(plaintext, aad).subarray(9, 21)).toString('hex'));
    }
    assert.equal(nonces.size, 100);
  });

  it('derives the key id from the key, the same for equal keys and different otherwise', () => {
    const secret = randomBytes(32);
    assert.match(key.keyId, /^[0-9a-f]{16}$/);
    assert.equal(createAeadKey(secret).keyId, createAeadKey(Uint8Array.from(secret)).keyId);
    assert.notEqual(createAeadKey(secret).keyId, key.keyId);
  });

  it('rejects any single flipped bit with KW_CRYPTO_DECRYPT', () => {
    const sealed = key.seal(encoder.encode('secret key bytes'), aad);
    fc.assert(
      fc.property(fc.nat(sealed.length * 8 - 1), (bit) => {
        const tampered = Uint8Array.from(sealed);
        tampered[bit >> 3]! ^= 1 << (bit & 7);
        assert.throws(() => key.open(tampered, aad), { code: 'KW_CRYPTO_DECRYPT' });
      }),
    );
  });

  it('rejects a different AAD, a different key, truncation and an unknown version', () => {
    const sealed = key.seal(encoder.encode('secret'), aad);
    const other = createAeadKey(randomBytes(32));
    const badVersion = Uint8Array.from(sealed);
    badVersion[0] = 0x02;
    const cases: [string, () => Uint8Array][] = [
      ['other AAD', () => key.open(sealed, encoder.encode('object-2'))],
      ['other key', () => other.open(sealed, aad)],
      ['truncated tag', () => key.open(sealed.subarray(0, sealed.length - 1), aad)],
      ['header only', () => key.open(sealed.subarray(0, AEAD_OVERHEAD - 1), aad)],
      ['empty', () => key.open(new Uint8Array(0), aad)],
      ['version 2', () => key.open(badVersion, aad)],
    ];
    const messages = new Set<string>();
    for (const [name, run] of cases) {
      assert.throws(run, (err: Error & { code?: string }) => {
        assert.equal(err.code, 'KW_CRYPTO_DECRYPT', name);
        messages.add(err.message);
        return true;
      });
    }
    assert.equal(messages.size, 1, 'every failure carries the same fixed message');
  });

  it('rejects a key that is not 32 bytes with KW_CRYPTO_KEY_LENGTH', () => {
    for (const n of [0, 16, 31, 33, 64]) {
      assert.throws(() => createAeadKey(new Uint8Array(n)), {
        code: 'KW_CRYPTO_KEY_LENGTH',
        expected: 32,
        actual: n,
      });
    }
  });

  it('keeps working after the caller zeroes its copy of the secret', () => {
    const secret = randomBytes(32);
    const k = createAeadKey(secret);
    const sealed = k.seal(encoder.encode('x'), aad);
    secret.fill(0);
    assert.deepEqual(k.open(sealed, aad), encoder.encode('x'));
    assert.throws(() => createAeadKey(secret).open(sealed, aad), { code: 'KW_CRYPTO_DECRYPT' });
  });
});
