import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  GF256_POLYNOMIAL,
  gf256Multiply,
  joinSecret,
  type KeyShare,
  splitSecret,
  type SplitParams,
} from '../../../../src/crypto/index.ts';

const M127 = 2n ** 127n - 1n; // a Mersenne prime

/** Fixed "random" bytes: the given values, repeated. */
const fixed =
  (...values: number[]) =>
  (length: number) =>
    Uint8Array.from({ length }, (_, i) => values[i % values.length] ?? 0);

describe('split keys', () => {
  it('GF(2^8) is x^8 + x^4 + x^3 + x^2 + 1: x·80 = 1d, 02·8e = 01, and x generates the group', () => {
    assert.equal(GF256_POLYNOMIAL, 0x11d);
    assert.equal(gf256Multiply(0x80, 0x02), 0x1d);
    assert.equal(gf256Multiply(0x02, 0x8e), 0x01);
    assert.equal(gf256Multiply(0x57, 0x01), 0x57);
    assert.equal(gf256Multiply(0, 0x13), 0);
    const seen = new Set<number>();
    for (let i = 0, v = 1; i < 255; i++, v = gf256Multiply(v, 2)) seen.add(v);
    assert.equal(seen.size, 255);
  });

  it('OASIS TC-SJ-3-14: any two of its four GF(2^8) parts rebuild 0102…10', () => {
    const parts = [
      '66C46A7754F94DE420C7B1A7FFF5EC56',
      'CF93D1E2A7E593CD5B8D6247F4E5D49C',
      'A855B891F61AD9217240D8EC061E37DA',
      '803DBAD55CDD329FAD19D99AE2C5A415',
    ].map((hex, i) => ({ x: i + 1, value: new Uint8Array(Buffer.from(hex, 'hex')) }));
    const params: SplitParams = { method: 'PolynomialSharingGF2_8', parts: 4, threshold: 2 };
    for (const [a, b] of [
      [0, 2],
      [1, 3],
      [3, 0],
      [2, 1],
    ] as const) {
      const joined = joinSecret([parts[a], parts[b]] as KeyShare[], params, 16);
      assert.equal(Buffer.from(joined).toString('hex'), '0102030405060708090a0b0c0d0e0f10');
    }
  });

  it('GF(2^8) sharing evaluates f(x) = s + a1·x: s = 57, a1 = 83 gives d4, 4c', () => {
    const shares = splitSecret(Uint8Array.of(0x57), {
      method: 'PolynomialSharingGF2_8',
      parts: 2,
      threshold: 2,
      random: fixed(0x83),
    });
    // 83·2 = 106 mod 11d = 1b; 57 ^ 1b = 4c.
    assert.deepEqual(
      shares.map((s) => [s.x, s.value[0]]),
      [
        [1, 0xd4],
        [2, 0x4c],
      ],
    );
  });

  it('XOR: the parts XOR to the secret and all are needed', () => {
    const secret = Uint8Array.of(1, 2, 3, 4);
    const shares = splitSecret(secret, {
      method: 'XOR',
      parts: 3,
      threshold: 3,
      random: fixed(0xff, 0x0f),
    });
    assert.deepEqual(shares[0]?.value, Uint8Array.of(0xff, 0x0f, 0xff, 0x0f));
    assert.deepEqual(joinSecret(shares, { method: 'XOR', parts: 3, threshold: 3 }, 4), secret);
    assert.throws(() => splitSecret(secret, { method: 'XOR', parts: 3, threshold: 2 }), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });

  const methods: SplitParams['method'][] = [
    'XOR',
    'PolynomialSharingGF2_8',
    'PolynomialSharingGF2_16',
    'PolynomialSharingPrimeField',
  ];
  for (const method of methods) {
    it(`${method}: any threshold-sized subset rebuilds the secret`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 15 }),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 0, max: 5 }),
          fc.integer({ min: 0, max: 1000 }),
          (secret, parts, drop, seed) => {
            const threshold = method === 'XOR' ? parts : Math.max(1, parts - (drop % parts));
            const params = { method, parts, threshold, prime: M127 };
            const shares = splitSecret(secret, params);
            // A rotation of the shares: a different subset each time.
            const start = seed % parts;
            const subset = [...shares.slice(start), ...shares.slice(0, start)].slice(0, threshold);
            assert.deepEqual(joinSecret(subset, params, secret.length), secret);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('refuses too few or duplicate shares, and a secret not below the prime', () => {
    const params: SplitParams = { method: 'PolynomialSharingGF2_8', parts: 3, threshold: 2 };
    const shares = splitSecret(Uint8Array.of(9, 9), params);
    const [first] = shares;
    assert.ok(first !== undefined);
    assert.throws(() => joinSecret([first], params, 2), { code: 'KW_CRYPTO_PARAMETER' });
    assert.throws(() => joinSecret([first, first], params, 2), { code: 'KW_CRYPTO_PARAMETER' });
    assert.throws(
      () =>
        splitSecret(new Uint8Array(16).fill(0xff), {
          method: 'PolynomialSharingPrimeField',
          parts: 2,
          threshold: 2,
          prime: M127,
        }),
      { code: 'KW_CRYPTO_PARAMETER' },
    );
  });
});
