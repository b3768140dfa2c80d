/**
 * EC public key point forms (SEC 1 §2.3.3, ANSI X9.62 §4.3.6): uncompressed 04 || X || Y,
 * compressed 02/03 || X, hybrid 06/07 || X || Y — the three KMIP Key Compression Types of prime
 * curves (KMIP 1.4 §9.1.3.2.38). A point is re-encoded in the asked form in a Transparent EC
 * Q String or in an X.509 SubjectPublicKeyInfo (RFC 5480 §2.2: the BIT STRING holds the point).
 */
import { createPublicKey, ECDH } from 'node:crypto';
import { curveByteLength, curveFromOpensslName, EC_CURVES, type EcCurve } from './curves.ts';
import { CryptoKeyFormatError, CryptoUnsupportedAlgorithmError } from './errors.ts';

/** How an EC point is encoded. */
export type EcPointForm = 'uncompressed' | 'compressed' | 'hybrid';

const FORM_OF_PREFIX: Readonly<Record<number, EcPointForm>> = {
  0x02: 'compressed',
  0x03: 'compressed',
  0x04: 'uncompressed',
  0x06: 'hybrid',
  0x07: 'hybrid',
};

/** The form of an encoded point by its first byte, or undefined for anything else. */
export function ecPointForm(point: Uint8Array): EcPointForm | undefined {
  return point.length > 1 ? FORM_OF_PREFIX[point[0] as number] : undefined;
}

/**
 * Re-encodes a point on `curve` in `form`; refuses a point that is not on the curve.
 * @throws CryptoKeyFormatError (format `EC point`) for a malformed or off-curve point.
 */
export function convertEcPoint(point: Uint8Array, curve: EcCurve, form: EcPointForm): Uint8Array {
  const size = curveByteLength(curve);
  const expected = form === 'compressed' ? 1 + size : 1 + 2 * size;
  let out: unknown;
  try {
    out = ECDH.convertKey(Buffer.from(point), EC_CURVES[curve].openssl, undefined, undefined, form);
  } catch {
    throw new CryptoKeyFormatError('EC point');
  }
  // Node answers '' instead of throwing for an empty input.
  if (!(out instanceof Uint8Array) || out.length !== expected)
    throw new CryptoKeyFormatError('EC point');
  return new Uint8Array(out);
}

// DER: one TLV at `at` (short or long definite length); returns where its value starts and ends.
function readTlv(der: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = der[at];
  let length = der[at + 1];
  if (tag === undefined || length === undefined) throw new CryptoKeyFormatError('X_509');
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) throw new CryptoKeyFormatError('X_509');
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | (der[start + i] ?? 0);
    start += count;
  }
  if (start + length > der.length) throw new CryptoKeyFormatError('X_509');
  return { tag, start, end: start + length };
}

function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  return Uint8Array.of(0x82, length >> 8, length & 0xff);
}

function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  return new Uint8Array(Buffer.concat([Uint8Array.of(tag), derLength(body.length), body]));
}

/** The curve and point of an EC SubjectPublicKeyInfo, checked by OpenSSL. */
export function readEcSpki(spki: Uint8Array): {
  readonly curve: EcCurve;
  readonly point: Uint8Array;
  readonly algorithmIdentifier: Uint8Array;
} {
  let curveName: string | undefined;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec') throw new CryptoUnsupportedAlgorithmError('not EC');
    curveName = key.asymmetricKeyDetails?.namedCurve;
  } catch (error) {
    if (error instanceof CryptoUnsupportedAlgorithmError) throw error;
    throw new CryptoKeyFormatError('X_509');
  }
  const curve = curveFromOpensslName(curveName);
  if (curve === undefined) throw new CryptoUnsupportedAlgorithmError(curveName ?? 'EC curve');
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
  const outer = readTlv(spki, 0);
  const algorithm = readTlv(spki, outer.start);
  const bits = readTlv(spki, algorithm.end);
  if (outer.tag !== 0x30 || algorithm.tag !== 0x30 || bits.tag !== 0x03 || spki[bits.start] !== 0)
    throw new CryptoKeyFormatError('X_509');
  return {
    curve,
    point: spki.slice(bits.start + 1, bits.end),
    algorithmIdentifier: spki.slice(outer.start, algorithm.end),
  };
}

/**
 * An EC SubjectPublicKeyInfo with its point re-encoded in `form` (the AlgorithmIdentifier kept).
 * @throws CryptoKeyFormatError for DER that is no EC SubjectPublicKeyInfo,
 *   CryptoUnsupportedAlgorithmError for a non-EC key or an unknown curve.
 */
export function convertSpkiEcPoint(spki: Uint8Array, form: EcPointForm): Uint8Array {
  const { curve, point, algorithmIdentifier } = readEcSpki(spki);
  const converted = convertEcPoint(point, curve, form);
  return tlv(0x30, algorithmIdentifier, tlv(0x03, Uint8Array.of(0), converted));
}
