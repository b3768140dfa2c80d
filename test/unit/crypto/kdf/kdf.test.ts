import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  hkdf,
  kdfCounterHmac,
  pbkdf2,
  sp800108FixedInput,
} from '../../../../src/crypto/kdf/kdf.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/crypto/${name}`, import.meta.url), 'utf8'));

describe('HKDF known answers (RFC 5869)', () => {
  const { vectors } = fixture('hkdf.json') as {
    vectors: {
      name: string;
      hash: string;
      ikm: string;
      salt: string;
      info: string;
      length: number;
      okm: string;
    }[];
  };
  for (const v of vectors) {
    it(v.name, () => {
      assert.equal(hex(hkdf(v.hash, bytes(v.ikm), bytes(v.salt), bytes(v.info), v.length)), v.okm);
    });
  }
  it('refuses L > 255 * HashLen and unknown hashes', () => {
    assert.throws(
      () => hkdf('SHA_256', new Uint8Array(16), new Uint8Array(), new Uint8Array(), 255 * 32 + 1),
      {
        code: 'KW_CRYPTO_PARAMETER',
        parameter: 'length',
      },
    );
    assert.throws(() => hkdf('MD5', new Uint8Array(16), new Uint8Array(), new Uint8Array(), 16), {
      code: 'KW_CRYPTO_PARAMETER',
      parameter: 'hash',
    });
  });
});

describe('PBKDF2 known answers (RFC 6070, RFC 7914)', () => {
  const { vectors } = fixture('pbkdf2.json') as {
    vectors: {
      name: string;
      hash: string;
      password: string;
      salt: string;
      iterations: number;
      dk: string;
    }[];
  };
  for (const v of vectors) {
    it(v.name, () => {
      assert.equal(
        hex(pbkdf2(v.hash, bytes(v.password), bytes(v.salt), v.iterations, v.dk.length / 2)),
        v.dk,
      );
    });
  }
  it('refuses zero iterations and zero length', () => {
    assert.throws(() => pbkdf2('SHA_256', new Uint8Array(1), new Uint8Array(1), 0, 32), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    assert.throws(() => pbkdf2('SHA_256', new Uint8Array(1), new Uint8Array(1), 1, 0), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });
});

describe('SP 800-108 counter mode (HMAC) against openssl KBKDF', () => {
  for (const [hash, digest, length] of [
    ['SHA_256', 'SHA256', 32],
    ['SHA_256', 'SHA256', 70],
    ['SHA_512', 'SHA512', 100],
    ['SHA_1', 'SHA1', 20],
  ] as const) {
    it(`${hash}, ${length} bytes`, () => {
      const key = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
      const label = 'kmip-label';
      const context = 'kmip-context';
      // OpenSSL's KBKDF counter mode builds [i]_32 || Label || 0x00 || Context || [L]_32, as SP 800-108 §4.1.
      const run = spawnSync('openssl', [
        'kdf',
        '-keylen',
        String(length),
        '-kdfopt',
        'mac:HMAC',
        '-kdfopt',
        `digest:${digest}`,
        '-kdfopt',
        `hexkey:${key}`,
        '-kdfopt',
        `salt:${label}`,
        '-kdfopt',
        `info:${context}`,
        '-binary',
        'KBKDF',
      ]);
      assert.equal(run.status, 0, run.stderr.toString());
      const fixed = sp800108FixedInput(Buffer.from(label), Buffer.from(context), length);
      assert.equal(
        hex(kdfCounterHmac(hash, bytes(key), fixed, length)),
        run.stdout.toString('hex'),
      );
    });
  }
});
