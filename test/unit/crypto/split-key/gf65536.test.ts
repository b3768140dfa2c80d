// Polynomial Sharing GF(2^16): the field (against a naive carry-less multiply), known answers,
// round trips and the threshold properties of Shamir sharing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  GF65536_POLYNOMIAL,
  gf65536Divide,
  gf65536Multiply,
  joinGf65536,
} from '../../../../src/crypto/split-key/gf65536.ts';
import {
  joinSecret,
  splitSecret,
  type KeyShare,
  type SplitParams,
} from '../../../../src/crypto/split-key/split-key.ts';

/** Schoolbook GF(2^16) multiplication: carry-less product reduced by the field polynomial. */
function naiveMultiply(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 16; i++) if ((b >> i) & 1) product ^= a << i;
  for (let bit = 30; bit >= 16; bit--)
    if ((product >> bit) & 1) product ^= GF65536_POLYNOMIAL << (bit - 16);
  return product;
}

const word = fc.integer({ min: 0, max: 0xffff });
const nonZero = fc.integer({ min: 1, max: 0xffff });

/** The value at `x` of the polynomial through `points` (Lagrange), for the secrecy property. */
function interpolateAt(points: readonly { x: number; y: number }[], x: number): number {
  let sum = 0;
  for (const pj of points) {
    let weight = 1;
    for (const pm of points) {
      if (pm !== pj) weight = gf65536Multiply(weight, gf65536Divide(pm.x ^ x, pm.x ^ pj.x));
    }
    sum ^= gf65536Multiply(pj.y, weight);
  }
  return sum;
}

describe('GF(2^16) = GF(2)[x] / (x^16 + x^12 + x^3 + x + 1)', () => {
  it('multiplies as the schoolbook reduction does (property)', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        assert.equal(gf65536Multiply(a, b), naiveMultiply(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('x generates the whole multiplicative group (the polynomial is primitive)', () => {
    const seen = new Set<number>();
    let value = 1;
    for (let i = 0; i < 0xffff; i++) {
      seen.add(value);
      value = naiveMultiply(value, 2);
    }
    assert.equal(seen.size, 0xffff);
    assert.equal(value, 1);
  });

  it('divides: (a / b) · b = a, and x^16 = x^12 + x^3 + x + 1', () => {
    fc.assert(
      fc.property(word, nonZero, (a, b) => {
        assert.equal(gf65536Multiply(gf65536Divide(a, b), b), a);
      }),
    );
    assert.equal(gf65536Multiply(0x8000, 2), 0x100b);
  });
});

describe('Polynomial Sharing GF(2^16)', () => {
  const params = (parts: number, threshold: number): SplitParams => ({
    method: 'PolynomialSharingGF2_16',
    parts,
    threshold,
  });

  it('evaluates f(x) = s + a1·x word by word: s = 0102, a1 = 0003 gives 0101, 0104, 0107', () => {
    const shares = splitSecret(Uint8Array.of(0x01, 0x02), {
      ...params(3, 2),
      random: (length) => new Uint8Array(length).fill(0).map((_, i) => (i % 2 ? 3 : 0)),
    });
    assert.deepEqual(
      shares.map((s) => [s.x, Buffer.from(s.value).toString('hex')]),
      [
        [1, '0101'],
        [2, '0104'],
        [3, '0107'],
      ],
    );
  });

  it('pads an odd-length secret to whole words and cuts it again on join', () => {
    const secret = Uint8Array.of(0xab, 0xcd, 0xef);
    const shares = splitSecret(secret, params(4, 3));
    assert.ok(shares.every((s) => s.value.length === 4));
    assert.deepEqual(joinSecret(shares.slice(1), params(4, 3), 3), secret);
  });

  it('any threshold of the parts, in any order, rebuilds the secret (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }).chain((parts) =>
          fc.tuple(
            fc.constant(parts),
            fc.integer({ min: 1, max: parts }),
            fc.shuffledSubarray(
              Array.from({ length: parts }, (_, i) => i),
              { minLength: parts, maxLength: parts },
            ),
          ),
        ),
        (secret, [parts, threshold, order]) => {
          const shares = splitSecret(secret, params(parts, threshold));
          const chosen = order.slice(0, threshold).map((i) => shares[i] as KeyShare);
          assert.deepEqual(joinSecret(chosen, params(parts, threshold), secret.length), secret);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fewer shares than the threshold fail, and duplicates do too', () => {
    const shares = splitSecret(new Uint8Array(16).fill(7), params(5, 3));
    assert.throws(() => joinSecret(shares.slice(0, 2), params(5, 3), 16), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    const [a, b] = shares as [KeyShare, KeyShare];
    assert.throws(() => joinSecret([a, b, a], params(5, 3), 16), { code: 'KW_CRYPTO_PARAMETER' });
    assert.throws(() => joinSecret([a, b, { x: 9, value: Uint8Array.of(1) }], params(5, 3), 16), {
      code: 'KW_CRYPTO_PARAMETER',
    });
  });

  it('threshold − 1 shares are consistent with every secret (property: they reveal nothing)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        word,
        word,
        (threshold, secretWord, otherWord) => {
          const secret = Uint8Array.of(secretWord >> 8, secretWord & 0xff);
          const shares = splitSecret(secret, params(threshold + 1, threshold));
          const known = shares.slice(0, threshold - 1);
          // For any other secret, a last share exists that, with the known ones, rebuilds it.
          const points = [
            { x: 0, y: otherWord },
            ...known.map((s) => ({ x: s.x, y: ((s.value[0] ?? 0) << 8) | (s.value[1] ?? 0) })),
          ];
          const x = threshold + 1;
          const y = interpolateAt(points, x);
          const forged = { x, value: Uint8Array.of(y >> 8, y & 0xff) };
          assert.deepEqual(
            joinGf65536([...known, forged], 2),
            Uint8Array.of(otherWord >> 8, otherWord & 0xff),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('allows up to 65 535 parts', () => {
    assert.throws(() => splitSecret(Uint8Array.of(1, 2), params(65536, 2)), {
      code: 'KW_CRYPTO_PARAMETER',
    });
    const shares = splitSecret(Uint8Array.of(1, 2), params(300, 2));
    assert.deepEqual(
      joinSecret([shares[299] as KeyShare, shares[256] as KeyShare], params(300, 2), 2),
      Uint8Array.of(1, 2),
    );
  });
});
