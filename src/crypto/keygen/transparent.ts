/**
 * Node KeyObjects ↔ KMIP Transparent key forms, through JWK (RFC 7517/7518), the only way Node
 * exposes RSA and EC key components (DSA goes through DER: dsa-key.ts). Parts that do not make
 * a valid key raise CryptoKeyFormatError.
 */
import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  ECDH,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { base64urlToBigint, bigintToBase64url, bigintToBytes } from './bytes.ts';
import { curveByteLength, EC_CURVES, isEcCurve, type EcCurve } from './curves.ts';
import {
  dsaPrivateKeyFromTransparent,
  dsaPrivateKeyToTransparent,
  dsaPublicKeyFromTransparent,
  dsaPublicKeyToTransparent,
} from './dsa-key.ts';
import { CryptoKeyFormatError, CryptoUnsupportedFormatError } from './errors.ts';
import { identifyKey, type ParsedKey } from './key-objects.ts';
import type {
  TransparentDsaPrivateKey,
  TransparentDsaPublicKey,
  TransparentEcPrivateKey,
  TransparentEcPublicKey,
  TransparentRsaPrivateKey,
  TransparentRsaPrivateKeyInput,
  TransparentRsaPublicKey,
} from './key-formats.ts';
import { completeRsaPrivateKey } from './rsa-components.ts';

const RSA_PRIVATE = 'TransparentRSAPrivateKey';
const RSA_PUBLIC = 'TransparentRSAPublicKey';
const EC_PRIVATE = 'TransparentECPrivateKey';
const EC_PUBLIC = 'TransparentECPublicKey';
const DSA_PRIVATE = 'TransparentDSAPrivateKey';
const DSA_PUBLIC = 'TransparentDSAPublicKey';

/** The Transparent form of a private key (RSA, EC or DSA). */
export function privateKeyToTransparent(
  parsed: ParsedKey,
): TransparentRsaPrivateKey | TransparentEcPrivateKey | TransparentDsaPrivateKey {
  if (parsed.algorithm === 'DSA') return dsaPrivateKeyToTransparent(parsed.key);
  if (parsed.algorithm === 'RSA') {
    const jwk = parsed.key.export({ format: 'jwk' });
    const modulus = jwkInteger(jwk.n, RSA_PRIVATE);
    // RFC 8017 multi-prime keys: JWK export silently drops the primes past the second, and
    // KMIP's Transparent RSA Private Key has no place for them either.
    if (jwkInteger(jwk.p, RSA_PRIVATE) * jwkInteger(jwk.q, RSA_PRIVATE) !== modulus) {
      throw new CryptoUnsupportedFormatError('RSA multi-prime', RSA_PRIVATE);
    }
    return {
      format: RSA_PRIVATE,
      modulus,
      publicExponent: jwkInteger(jwk.e, RSA_PRIVATE),
      privateExponent: jwkInteger(jwk.d, RSA_PRIVATE),
      p: jwkInteger(jwk.p, RSA_PRIVATE),
      q: jwkInteger(jwk.q, RSA_PRIVATE),
      primeExponentP: jwkInteger(jwk.dp, RSA_PRIVATE),
      primeExponentQ: jwkInteger(jwk.dq, RSA_PRIVATE),
      crtCoefficient: jwkInteger(jwk.qi, RSA_PRIVATE),
    };
  }
  const curve = jwkCurve(parsed, EC_PRIVATE);
  const jwk = parsed.key.export({ format: 'jwk' });
  return { format: EC_PRIVATE, recommendedCurve: curve, d: jwkInteger(jwk.d, EC_PRIVATE) };
}

/** The Transparent form of a public key, or of a private key's public half (RSA, EC or DSA). */
export function publicKeyToTransparent(
  parsed: ParsedKey,
): TransparentRsaPublicKey | TransparentEcPublicKey | TransparentDsaPublicKey {
  if (parsed.algorithm === 'DSA') return dsaPublicKeyToTransparent(parsed.key);
  const publicKey = parsed.key.type === 'private' ? createPublicKey(parsed.key) : parsed.key;
  const jwk = publicKey.export({ format: 'jwk' });
  if (parsed.algorithm === 'RSA') {
    return {
      format: RSA_PUBLIC,
      modulus: jwkInteger(jwk.n, RSA_PUBLIC),
      publicExponent: jwkInteger(jwk.e, RSA_PUBLIC),
    };
  }
  const curve = jwkCurve(parsed, EC_PUBLIC);
  const size = curveByteLength(curve);
  // SEC 1 §2.3.3 uncompressed point: 04 || X || Y, each coordinate padded to the field size.
  const qString = new Uint8Array(1 + 2 * size);
  qString[0] = 0x04;
  qString.set(fixedBytes(jwkInteger(jwk.x, EC_PUBLIC), size, EC_PUBLIC), 1);
  qString.set(fixedBytes(jwkInteger(jwk.y, EC_PUBLIC), size, EC_PUBLIC), 1 + size);
  return { format: EC_PUBLIC, recommendedCurve: curve, qString };
}

/** Builds a private key from its Transparent form, completing optional RSA parts. */
export function privateKeyFromTransparent(
  transparent: TransparentRsaPrivateKeyInput | TransparentEcPrivateKey | TransparentDsaPrivateKey,
): ParsedKey {
  if (transparent.format === DSA_PRIVATE) {
    return identifyKey(dsaPrivateKeyFromTransparent(transparent));
  }
  if (transparent.format === RSA_PRIVATE) {
    const full = completeRsaPrivateKey(transparent);
    if (full === undefined) throw new CryptoKeyFormatError(RSA_PRIVATE);
    const jwk: JsonWebKey = {
      kty: 'RSA',
      n: b64(full.modulus, RSA_PRIVATE),
      e: b64(full.publicExponent, RSA_PRIVATE),
      d: b64(full.privateExponent, RSA_PRIVATE),
      p: b64(full.p, RSA_PRIVATE),
      q: b64(full.q, RSA_PRIVATE),
      dp: b64(full.primeExponentP, RSA_PRIVATE),
      dq: b64(full.primeExponentQ, RSA_PRIVATE),
      qi: b64(full.crtCoefficient, RSA_PRIVATE),
    };
    const parsed = importJwk(jwk, 'private', RSA_PRIVATE);
    assertPairwiseConsistent(parsed.key);
    return parsed;
  }
  if (transparent.format !== EC_PRIVATE) throw unknownFormat(transparent);
  const curve = transparentCurve(transparent.recommendedCurve, EC_PRIVATE);
  const size = curveByteLength(curve);
  const d = fixedBytes(transparent.d, size, EC_PRIVATE);
  let point: Buffer;
  try {
    // ECDH derives Q = d·G and refuses d outside [1, n−1] (SEC 1 §3.2.1).
    const ecdh = createECDH(EC_CURVES[curve].openssl);
    ecdh.setPrivateKey(d);
    point = ecdh.getPublicKey();
  } catch {
    throw new CryptoKeyFormatError(EC_PRIVATE);
  } finally {
    d.fill(0);
  }
  return importJwk(
    { ...pointJwk(curve, point), d: b64(transparent.d, EC_PRIVATE, size) },
    'private',
    EC_PRIVATE,
  );
}

/** Builds a public key from its Transparent form. */
export function publicKeyFromTransparent(
  transparent: TransparentRsaPublicKey | TransparentEcPublicKey | TransparentDsaPublicKey,
): ParsedKey {
  if (transparent.format === DSA_PUBLIC)
    return identifyKey(dsaPublicKeyFromTransparent(transparent));
  if (transparent.format === RSA_PUBLIC) {
    const { modulus, publicExponent } = transparent;
    if (modulus < 15n || modulus % 2n === 0n || publicExponent < 3n || publicExponent >= modulus) {
      throw new CryptoKeyFormatError(RSA_PUBLIC);
    }
    const jwk = { kty: 'RSA', n: b64(modulus, RSA_PUBLIC), e: b64(publicExponent, RSA_PUBLIC) };
    return importJwk(jwk, 'public', RSA_PUBLIC);
  }
  if (transparent.format !== EC_PUBLIC) throw unknownFormat(transparent);
  const curve = transparentCurve(transparent.recommendedCurve, EC_PUBLIC);
  let point: unknown;
  try {
    // Decodes compressed or uncompressed points and refuses points not on the curve.
    const q = Buffer.from(transparent.qString);
    point = ECDH.convertKey(q, EC_CURVES[curve].openssl, undefined, undefined, 'uncompressed');
  } catch {
    throw new CryptoKeyFormatError(EC_PUBLIC);
  }
  // Node returns '' instead of throwing for an empty input.
  if (!(point instanceof Uint8Array) || point.length !== 1 + 2 * curveByteLength(curve)) {
    throw new CryptoKeyFormatError(EC_PUBLIC);
  }
  return importJwk(pointJwk(curve, point), 'public', EC_PUBLIC);
}

function pointJwk(curve: EcCurve, point: Uint8Array): JsonWebKey {
  const size = curveByteLength(curve);
  const toB64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
  return {
    kty: 'EC',
    crv: EC_CURVES[curve].jwk,
    x: toB64(point.subarray(1, 1 + size)),
    y: toB64(point.subarray(1 + size, 1 + 2 * size)),
  };
}

function importJwk(jwk: JsonWebKey, kind: 'private' | 'public', format: string): ParsedKey {
  let key: KeyObject;
  try {
    key =
      kind === 'private'
        ? createPrivateKey({ key: jwk, format: 'jwk' })
        : createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw new CryptoKeyFormatError(format);
  }
  return identifyKey(key);
}

// FIPS 140-3 IG 10.3.A-style pairwise consistency test: a key assembled from parts must sign
// what its own public half verifies, or it is not one key.
function assertPairwiseConsistent(key: KeyObject): void {
  const message = new Uint8Array(32);
  try {
    const signature = sign('sha256', message, key);
    if (verify('sha256', message, createPublicKey(key), signature)) return;
  } catch {
    // fall through to the fixed error
  }
  throw new CryptoKeyFormatError(RSA_PRIVATE);
}

function jwkCurve(parsed: ParsedKey, format: string): EcCurve {
  const curve = parsed.curve;
  if (parsed.algorithm !== 'EC' || curve === undefined || EC_CURVES[curve].jwk === undefined) {
    throw new CryptoUnsupportedFormatError(describeForError(parsed), format);
  }
  return curve;
}

function transparentCurve(name: string, format: string): EcCurve {
  if (!isEcCurve(name) || EC_CURVES[name].jwk === undefined) {
    throw new CryptoUnsupportedFormatError(`EC ${name}`, format);
  }
  return name;
}

function describeForError(parsed: ParsedKey): string {
  return parsed.curve === undefined ? parsed.algorithm : `EC ${parsed.curve}`;
}

function unknownFormat(transparent: { format: string }): CryptoUnsupportedFormatError {
  return new CryptoUnsupportedFormatError('unknown', transparent.format);
}

function jwkInteger(member: string | undefined, format: string): bigint {
  // Node always exports these members; a missing one would be a Node bug, not bad input.
  if (member === undefined) throw new CryptoKeyFormatError(format);
  return base64urlToBigint(member);
}

function b64(value: bigint, format: string, length?: number): string {
  const text = bigintToBase64url(value, length);
  if (text === undefined) throw new CryptoKeyFormatError(format);
  return text;
}

function fixedBytes(value: bigint, length: number, format: string): Uint8Array {
  const bytes = bigintToBytes(value, length);
  if (bytes === undefined) throw new CryptoKeyFormatError(format);
  return bytes;
}
