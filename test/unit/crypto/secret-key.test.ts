import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { secretKeyOf } from '../../../src/crypto/secret-key.ts';

describe('secretKeyOf', () => {
  it('a cipher keyed by the KeyObject gives the bytes a cipher keyed by the raw key gives', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ maxLength: 100 }),
        (length, keyBytes, iv, data) => {
          const key = keyBytes.slice(0, length);
          const name = `aes-${length * 8}-cbc`;
          const raw = createCipheriv(name, key, iv);
          const viaObject = createCipheriv(name, secretKeyOf(key), iv);
          assert.deepEqual(
            Buffer.concat([viaObject.update(data), viaObject.final()]),
            Buffer.concat([raw.update(data), raw.final()]),
          );
        },
      ),
    );
  });

  it('an HMAC keyed by the KeyObject equals the raw-key HMAC, the empty key included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array(), (key, data) => {
        assert.equal(
          createHmac('sha256', secretKeyOf(key)).update(data).digest('hex'),
          createHmac('sha256', key).update(data).digest('hex'),
        );
      }),
    );
  });

  it('copies the bytes: wiping the caller’s copy leaves the key intact', () => {
    const bytes = new Uint8Array(32).fill(7);
    const key = secretKeyOf(bytes);
    bytes.fill(0);
    assert.deepEqual(new Uint8Array(key.export()), new Uint8Array(32).fill(7));
  });

  it('a key of the wrong length fails as the raw key does', () => {
    const iv = new Uint8Array(16);
    const codeOf = (f: () => unknown) => {
      try {
        f();
        return 'ok';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    const short = new Uint8Array(31);
    assert.equal(
      codeOf(() => createCipheriv('aes-256-cbc', secretKeyOf(short), iv)),
      codeOf(() => createCipheriv('aes-256-cbc', short, iv)),
    );
  });
});
