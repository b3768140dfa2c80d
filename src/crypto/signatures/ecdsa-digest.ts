/**
 * ECDSA verification of a signature over a digest the caller computed (FIPS 186-5 §6.4.2,
 * SEC 1 v2 §4.1.4), in BigInt arithmetic: Node's verify() always hashes the message itself.
 * Only public values take part (the public key, the digest, the signature), so arithmetic
 * that is not constant-time leaks nothing. Signing a given digest involves the private scalar,
 * so it is not done here but by an audited library (ecdsa-sign-digest.ts).
 */
import type { KeyObject } from 'node:crypto';
import {
  DerTag,
  hasMinimalLength,
  readDer,
  readDerChildren,
  readDerUnsignedInteger,
  tryDer,
} from '../asn1/der.ts';
import { CURVE_PARAMS, type CurveParams } from './ec-curve-params.ts';

/** A point in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity. */
interface Jacobian {
  readonly x: bigint;
  readonly y: bigint;
  readonly z: bigint;
}

const INFINITY: Jacobian = { x: 1n, y: 1n, z: 0n };

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** a⁻¹ mod m (extended Euclid); m prime, a ≠ 0 mod m. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('not invertible');
  return mod(oldS, m);
}

function double(c: CurveParams, P: Jacobian): Jacobian {
  const { p } = c;
  if (P.z === 0n || P.y === 0n) return INFINITY;
  const yy = mod(P.y * P.y, p);
  const s = mod(4n * P.x * yy, p);
  const zz = mod(P.z * P.z, p);
  const m = mod(3n * P.x * P.x + c.a * zz * zz, p);
  const x = mod(m * m - 2n * s, p);
  const y = mod(m * (s - x) - 8n * yy * yy, p);
  const z = mod(2n * P.y * P.z, p);
  return { x, y, z };
}

function add(c: CurveParams, P: Jacobian, Q: Jacobian): Jacobian {
  const { p } = c;
  if (P.z === 0n) return Q;
  if (Q.z === 0n) return P;
  const z1z1 = mod(P.z * P.z, p);
  const z2z2 = mod(Q.z * Q.z, p);
  const u1 = mod(P.x * z2z2, p);
  const u2 = mod(Q.x * z1z1, p);
  const s1 = mod(P.y * Q.z * z2z2, p);
  const s2 = mod(Q.y * P.z * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(c, P) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const x = mod(r * r - hhh - 2n * u1 * hh, p);
  const y = mod(r * (u1 * hh - x) - s1 * hhh, p);
  const z = mod(h * P.z * Q.z, p);
  return { x, y, z };
}

/** u1·G + u2·Q by Shamir's simultaneous double-and-add (public scalars only). */
function twoMultiply(c: CurveParams, u1: bigint, u2: bigint, Q: Jacobian): Jacobian {
  const G: Jacobian = { x: c.gx, y: c.gy, z: 1n };
  const GQ = add(c, G, Q);
  let R = INFINITY;
  const bits = Math.max(u1.toString(2).length, u2.toString(2).length);
  for (let i = bits - 1; i >= 0; i--) {
    R = double(c, R);
    const b1 = (u1 >> BigInt(i)) & 1n;
    const b2 = (u2 >> BigInt(i)) & 1n;
    if (b1 === 1n && b2 === 1n) R = add(c, R, GQ);
    else if (b1 === 1n) R = add(c, R, G);
    else if (b2 === 1n) R = add(c, R, Q);
  }
  return R;
}

/** Tells whether (x, y) satisfies the curve equation. */
export function isOnCurve(c: CurveParams, x: bigint, y: bigint): boolean {
  return mod(y * y - (x * x * x + c.a * x + c.b), c.p) === 0n;
}

/** k·G in affine coordinates, undefined for the point at infinity (for tests of the curve data). */
export function multiplyGenerator(
  c: CurveParams,
  k: bigint,
): { readonly x: bigint; readonly y: bigint } | undefined {
  const R = twoMultiply(c, k, 0n, INFINITY);
  if (R.z === 0n) return undefined;
  const zInv = modInverse(R.z, c.p);
  const zInv2 = mod(zInv * zInv, c.p);
  return { x: mod(R.x * zInv2, c.p), y: mod(R.y * zInv2 * zInv, c.p) };
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** (r, s) of a DER Ecdsa-Sig-Value (RFC 3279 §2.2.3), or undefined when it is not strict DER. */
export function parseEcdsaSignature(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  return tryDer(() => {
    const seq = readDer(der, DerTag.Sequence);
    const [r, s, ...rest] = readDerChildren(seq);
    // Lengths in their shortest form too (X.690 §10.1): one signature, one encoding.
    if (rest.length > 0 || ![seq, r, s].every((n) => n === undefined || hasMinimalLength(n))) {
      return undefined;
    }
    return { r: readDerUnsignedInteger(r), s: readDerUnsignedInteger(s) };
  });
}

function base64UrlToBigInt(value: string | undefined): bigint | undefined {
  return value === undefined ? undefined : bytesToBigInt(Buffer.from(value, 'base64url'));
}

/** The curve's OpenSSL name when ECDSA-over-a-digest verification knows it. */
export function hasDigestVerifyCurve(namedCurve: string | undefined): boolean {
  return namedCurve !== undefined && Object.hasOwn(CURVE_PARAMS, namedCurve);
}

/**
 * Verifies a DER ECDSA signature over `digest` (its leftmost bits, FIPS 186-5 §6.4.2 step 3)
 * with an EC public key on a curve of CURVE_PARAMS. False for any invalid or malformed input.
 */
export function verifyEcdsaDigest(
  publicKey: KeyObject,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const namedCurve = publicKey.asymmetricKeyDetails?.namedCurve;
  const c = namedCurve === undefined ? undefined : CURVE_PARAMS[namedCurve];
  if (c === undefined) return false;
  const rs = parseEcdsaSignature(signature);
  if (rs === undefined) return false;
  const { r, s } = rs;
  if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false;
  const jwk = publicKey.export({ format: 'jwk' });
  const qx = base64UrlToBigInt(jwk.x);
  const qy = base64UrlToBigInt(jwk.y);
  // OpenSSL checked the point on import; checked again since everything below relies on it.
  if (qx === undefined || qy === undefined || !isOnCurve(c, qx, qy)) return false;
  let e = bytesToBigInt(digest);
  const digestBits = digest.length * 8;
  if (digestBits > c.nBits) e >>= BigInt(digestBits - c.nBits);
  const w = modInverse(s, c.n);
  const u1 = mod(e * w, c.n);
  const u2 = mod(r * w, c.n);
  const R = twoMultiply(c, u1, u2, { x: qx, y: qy, z: 1n });
  if (R.z === 0n) return false;
  const zInv = modInverse(R.z, c.p);
  const x = mod(R.x * zInv * zInv, c.p);
  return mod(x, c.n) === r;
}
