/**
 * EC public key point forms (SEC 1 §2.3.3, ANSI X9.62 §4.3.6): uncompressed 04 || X || Y,
 * compressed 02/03 || X, hybrid 06/07 || X || Y — the three KMIP Key Compression Types of prime
 * curves (KMIP 1.4 §9.1.3.2.38). A point is re-encoded in the asked form in a Transparent EC
 * Q String or in an X.509 SubjectPublicKeyInfo (RFC 5480 §2.2: the BIT STRING holds the point).
 */
import { createPublicKey, ECDH } from 'node:crypto';
import { DerTag, derBitString, derSequence, expectDerTag, readDerAt, tryDer } from '../asn1/der.ts';
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
  const fields = tryDer(() => {
    const outer = expectDerTag(readDerAt(spki), DerTag.Sequence);
    const algorithm = expectDerTag(readDerAt(outer.content), DerTag.Sequence);
    const bits = expectDerTag(readDerAt(outer.content, algorithm.raw.length), DerTag.BitString);
    return { algorithm, bits };
  });
  if (fields === undefined || fields.bits.content[0] !== 0) throw new CryptoKeyFormatError('X_509');
  return {
    curve,
    point: fields.bits.content.slice(1),
    algorithmIdentifier: fields.algorithm.raw.slice(),
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
  return derSequence(algorithmIdentifier, derBitString(converted));
}
