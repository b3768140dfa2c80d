/**
 * Completes and checks the parts of an RSA private key. KMIP 1.4 §2.1.7.4 makes every part of a
 * Transparent RSA Private Key optional except the modulus, while Node (and PKCS#1) need all
 * eight, so we derive the missing ones and refuse parts that do not belong together.
 */
import type { TransparentRsaPrivateKey, TransparentRsaPrivateKeyInput } from './key-formats.ts';

// Bounds the work a hostile client can ask for (modular exponentiations on the modulus).
const MAX_MODULUS_BITS = 16384;
// Bases tried when recovering the primes; each finds them with probability ≥ 1/2.
const FACTOR_ATTEMPTS = 64;

/**
 * Returns the complete key, or undefined when the parts are inconsistent or too few: we need
 * both primes with either exponent, or one prime, or the public and private exponents.
 */
export function completeRsaPrivateKey(
  input: TransparentRsaPrivateKeyInput,
): TransparentRsaPrivateKey | undefined {
  const n = input.modulus;
  if (n < 15n || n % 2n === 0n || bitLength(n) > MAX_MODULUS_BITS) return undefined;
  const primes = findPrimes(n, input);
  if (primes === undefined) return undefined;
  const [p, q] = primes;
  const lambda = lcm(p - 1n, q - 1n);
  let e = input.publicExponent;
  let d = input.privateExponent;
  if (e === undefined && d === undefined) return undefined;
  if (e === undefined && d !== undefined) e = modInverse(d, lambda);
  if (d === undefined && e !== undefined) d = modInverse(e, lambda);
  if (e === undefined || d === undefined || e < 3n || d < 1n || d >= n) return undefined;
  // RFC 8017 §3.2: e·d ≡ 1 (mod λ(n)); a d computed mod φ(n) passes too.
  if ((e * d) % lambda !== 1n) return undefined;
  const dp = d % (p - 1n);
  const dq = d % (q - 1n);
  const qi = modInverse(q, p);
  if (qi === undefined) return undefined;
  if (input.primeExponentP !== undefined && input.primeExponentP !== dp) return undefined;
  if (input.primeExponentQ !== undefined && input.primeExponentQ !== dq) return undefined;
  if (input.crtCoefficient !== undefined && input.crtCoefficient !== qi) return undefined;
  return {
    format: 'TransparentRSAPrivateKey',
    modulus: n,
    publicExponent: e,
    privateExponent: d,
    p,
    q,
    primeExponentP: dp,
    primeExponentQ: dq,
    crtCoefficient: qi,
  };
}

function findPrimes(n: bigint, input: TransparentRsaPrivateKeyInput): [bigint, bigint] | undefined {
  const { p, q } = input;
  // RFC 8017 §3.1: distinct primes; p = q would make λ(n) wrong and the key insecure.
  if (p !== undefined && q !== undefined) {
    return p > 1n && q > 1n && p !== q && p * q === n ? [p, q] : undefined;
  }
  const known = p ?? q;
  if (known !== undefined) {
    if (known <= 1n || known >= n || n % known !== 0n || n === known * known) return undefined;
    return p !== undefined ? [known, n / known] : [n / known, known];
  }
  const { publicExponent: e, privateExponent: d } = input;
  if (e === undefined || d === undefined) return undefined;
  return factorModulus(n, e, d);
}

// NIST SP 800-56B Rev. 2 Appendix C.2: with k = d·e − 1 = 2^t·r (r odd), a random g gives
// g^r whose squarings reach a non-trivial square root y of 1, and gcd(y − 1, n) is a prime.
function factorModulus(n: bigint, e: bigint, d: bigint): [bigint, bigint] | undefined {
  if (e < 3n || d < 1n || d >= n) return undefined;
  const k = d * e - 1n;
  if (k % 2n !== 0n) return undefined;
  let r = k;
  let t = 0;
  while (r % 2n === 0n) {
    r /= 2n;
    t++;
  }
  for (let g = 2n; g < BigInt(FACTOR_ATTEMPTS + 2); g++) {
    let y = modPow(g, r, n);
    if (y === 1n || y === n - 1n) continue;
    for (let i = 0; i < t; i++) {
      const x = (y * y) % n;
      if (x === 1n) {
        // The order is ours to choose; larger first is what OpenSSL generates.
        const p = gcd(y - 1n, n);
        const q = n / p;
        return p > q ? [p, q] : [q, p];
      }
      if (x === n - 1n) break;
      y = x;
    }
  }
  return undefined;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let x = exponent; x > 0n; x >>= 1n) {
    if (x & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** a⁻¹ mod m by the extended Euclidean algorithm; undefined when gcd(a, m) ≠ 1. */
export function modInverse(a: bigint, m: bigint): bigint | undefined {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) return undefined;
  return ((oldS % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}
