import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  gf256Multiply,
  joinSecret,
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
  it('FIPS 197 §4.2: {57}·{83} = {c1} and {57}·{13} = {fe} in GF(2^8)', () => {
    assert.equal(gf256Multiply(0x57, 0x83), 0xc1);
    assert.equal(gf256Multiply(0x57, 0x13), 0xfe);
    assert.equal(gf256Multiply(0x57, 0x01), 0x57);
    assert.equal(gf256Multiply(0, 0x13), 0);
  });

  it('GF(2^8) sharing evaluates f(x) = s + a1·x: s = 57, a1 = 83 gives d4, 4a', () => {
    const shares = splitSecret(Uint8Array.of(0x57), {
      method: 'PolynomialSharingGF2_8',
      parts: 2,
      threshold: 2,
      random: fixed(0x83),
    });
    assert.deepEqual(
      shares.map((s) => [s.x, s.value[0]]),
      [
        [1, 0xd4],
        [2, 0x4a],
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
