import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mac, MAC_ALGORITHMS, macVerify } from '../../../../src/crypto/macs/mac.ts';

const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/crypto/${name}`, import.meta.url), 'utf8'));
// Published vectors use short keys ("Jefe") and MD5; judge the arithmetic, not the policy.
const OPEN = { allowLegacy: true, minSecurityBits: 0 };

describe('HMAC known answers (RFC 2202, RFC 4231)', () => {
  const { vectors } = fixture('hmac.json') as {
    vectors: { name: string; algorithm: string; key: string; data: string; mac: string }[];
  };
  for (const v of vectors) {
    it(`${v.algorithm} ${v.name}`, () => {
      const p = { algorithm: v.algorithm, key: bytes(v.key), data: bytes(v.data), policy: OPEN };
      assert.equal(hex(mac(p)), v.mac);
      assert.equal(macVerify({ ...p, expected: bytes(v.mac) }), true);
    });
  }
});

describe('HMAC-SHA3 against openssl', () => {
  for (const algorithm of ['HMAC_SHA3_224', 'HMAC_SHA3_256', 'HMAC_SHA3_384', 'HMAC_SHA3_512']) {
    it(algorithm, () => {
      const key = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
      const digest = `SHA3-${algorithm.slice(-3)}`;
      const run = spawnSync(
        'openssl',
        ['mac', '-digest', digest, '-macopt', `hexkey:${key}`, 'HMAC'],
        {
          input: 'Sample message for keylen<blocklen',
        },
      );
      assert.equal(run.status, 0, run.stderr.toString());
      const expected = run.stdout.toString().trim().toLowerCase();
      assert.equal(
        hex(
          mac({
            algorithm,
            key: bytes(key),
            data: Buffer.from('Sample message for keylen<blocklen'),
          }),
        ),
        expected,
      );
    });
  }
});

describe('AES-CMAC known answers (RFC 4493 / SP 800-38B)', () => {
  const f = fixture('cmac.json') as {
    key: string;
    vectors: { name: string; data: string; mac: string }[];
  };
  for (const v of f.vectors) {
    it(v.name, () => {
      assert.equal(hex(mac({ algorithm: 'CMAC', key: bytes(f.key), data: bytes(v.data) })), v.mac);
    });
  }
  it('AES-256 CMAC matches openssl', () => {
    const key = '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4';
    const run = spawnSync(
      'openssl',
      ['mac', '-cipher', 'AES-256-CBC', '-macopt', `hexkey:${key}`, 'CMAC'],
      { input: 'seventeen bytes!!' },
    );
    assert.equal(run.status, 0, run.stderr.toString());
    assert.equal(
      hex(mac({ algorithm: 'CMAC', key: bytes(key), data: Buffer.from('seventeen bytes!!') })),
      run.stdout.toString().trim().toLowerCase(),
    );
  });
});

describe('macVerify and policy', () => {
  const key = new Uint8Array(32).fill(9);
  it('rejects a changed or truncated MAC', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MAC_ALGORITHMS.filter((a) => a !== 'HMAC_MD5')),
        fc.uint8Array({ maxLength: 64 }),
        (algorithm, data) => {
          const k = algorithm === 'CMAC' ? key.subarray(0, 16) : key;
          const m = mac({ algorithm, key: k, data });
          assert.equal(macVerify({ algorithm, key: k, data, expected: m }), true);
          const bad = Uint8Array.from(m);
          bad[0] = (bad[0] ?? 0) ^ 1;
          assert.equal(macVerify({ algorithm, key: k, data, expected: bad }), false);
          assert.equal(
            macVerify({ algorithm, key: k, data, expected: m.subarray(0, m.length - 1) }),
            false,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
  it('HMAC-MD5 and short HMAC keys are refused by default', () => {
    assert.throws(() => mac({ algorithm: 'HMAC_MD5', key, data: new Uint8Array() }), {
      code: 'KW_CRYPTO_POLICY',
      reason: 'legacy',
    });
    assert.throws(
      () => mac({ algorithm: 'HMAC_SHA256', key: new Uint8Array(4), data: new Uint8Array() }),
      {
        code: 'KW_CRYPTO_POLICY',
        reason: 'weak',
      },
    );
  });
  it('unknown algorithm and bad CMAC key length are typed errors', () => {
    assert.throws(() => mac({ algorithm: 'HMAC_WHIRLPOOL', key, data: new Uint8Array() }), {
      code: 'KW_CRYPTO_UNSUPPORTED_CIPHER',
    });
    assert.throws(
      () =>
        mac({ algorithm: 'CMAC', key: new Uint8Array(20), data: new Uint8Array(), policy: OPEN }),
      {
        code: 'KW_CRYPTO_KEY_LENGTH',
      },
    );
  });
});
