/**
 * ECDSA signing of a digest the caller computed (KMIP Sign with Digested Data), FIPS 186-5
 * §6.4.1. Node's sign() always hashes the message for EC keys, so the signature itself comes
 * from @noble/curves (audited; its one dependency is @noble/hashes): RFC 6979 deterministic
 * nonces with the HMAC-DRBG over the digest's own hash (RFC 6979 §3.2), nonce inversion
 * blinded with fresh randomness, and the digest reduced to its leftmost bits (FIPS 186-5
 * §6.4.1 step 4, RFC 6979 §2.3.2 bits2int). The private scalar exists as bytes here only for the call and is
 * zeroed afterwards; noble holds it as a BigInt, which JavaScript cannot wipe.
 */
import type { KeyObject } from 'node:crypto';
import { ecdsa, type ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha1 } from '@noble/hashes/legacy.js';
import type { CHash } from '@noble/hashes/utils.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { CryptoParameterError } from '../ciphers/errors.ts';
import { CryptoUnsupportedFeatureError } from '../errors.ts';
import { DerTag, readDer, readDerChildren, tryDer } from '../asn1/der.ts';

type Curve = Pick<ECDSA, 'Point'>;

interface CurveEntry {
  readonly curve: Curve;
  /** The hash RFC 6979's HMAC-DRBG uses when the request names none (the curve's usual one). */
  readonly defaultHash: string;
}

// By OpenSSL name (Node's `namedCurve`): the curves Keywarden generates keys on, the same set
// ECDSA verification over a digest covers (ec-curve-params.ts).
const CURVES: Readonly<Record<string, CurveEntry>> = {
  prime256v1: { curve: p256, defaultHash: 'SHA_256' },
  secp384r1: { curve: p384, defaultHash: 'SHA_384' },
  secp521r1: { curve: p521, defaultHash: 'SHA_512' },
  secp256k1: { curve: secp256k1, defaultHash: 'SHA_256' },
};

const HASHES: Readonly<Record<string, CHash>> = {
  SHA_1: sha1,
  SHA_224: sha224,
  SHA_256: sha256,
  SHA_384: sha384,
  SHA_512: sha512,
};

/** The longest digest accepted without a named hash: SHA-512's, the longest approved hash. */
export const MAX_ECDSA_DIGEST_BYTES = 64;

// One signer per (curve, hash), built on first use: the curve's precomputed tables are shared.
const signers = new Map<string, ECDSA>();

function signerFor(namedCurve: string, entry: CurveEntry, hashName: string): ECDSA {
  const id = `${namedCurve}/${hashName}`;
  let signer = signers.get(id);
  if (signer === undefined) {
    const hash = HASHES[hashName];
    if (hash === undefined) throw new CryptoParameterError('hash', `${hashName} is not supported`);
    // FIPS 186-5 §6.4.1 has no low-S rule; OpenSSL does not normalise s either.
    signer = ecdsa(entry.curve.Point, hash, { lowS: false });
    signers.set(id, signer);
  }
  return signer;
}

/**
 * The private scalar d of an EC private key as a big-endian field of exactly `length` bytes,
 * read from its SEC 1 ECPrivateKey (RFC 5915 §3: version 1, privateKey OCTET STRING). The DER
 * export is zeroed before returning.
 */
function privateScalar(key: KeyObject, length: number): Uint8Array {
  const der = key.export({ format: 'der', type: 'sec1' });
  try {
    const children = tryDer(() => readDerChildren(readDer(der, DerTag.Sequence)));
    const version = children?.[0];
    const octets = children?.[1];
    if (
      version?.tag !== DerTag.Integer ||
      octets?.tag !== DerTag.OctetString ||
      octets.content.length > length
    ) {
      throw new CryptoParameterError('key', 'not an EC private key');
    }
    // SEC 1 §2.3.7 fixes the length, but an encoder may drop leading zero bytes: left-pad.
    const scalar = new Uint8Array(length);
    scalar.set(octets.content, length - octets.content.length);
    return scalar;
  } finally {
    der.fill(0);
  }
}

/**
 * Signs `digest` (a hash the caller computed; its leftmost bits count, FIPS 186-5 §6.4.1) with an
 * EC private key on P-256, P-384, P-521 or secp256k1; returns the DER Ecdsa-Sig-Value
 * (RFC 3279 §2.2.3), as Node's ECDSA signatures. `hashName` (a KMIP Hashing Algorithm) picks
 * RFC 6979's HMAC hash; without it, the curve's usual hash.
 * @throws CryptoParameterError (KW_CRYPTO_PARAMETER) for an empty or over-long digest, or a key
 *   that is not an EC private key;
 *   CryptoUnsupportedFeatureError (KW_CRYPTO_UNSUPPORTED_FEATURE) for another curve.
 */
export function signEcdsaDigest(
  privateKey: KeyObject,
  digest: Uint8Array,
  hashName: string | undefined,
): Uint8Array {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec') {
    throw new CryptoParameterError('key', 'ECDSA signing needs an EC private key');
  }
  const namedCurve = privateKey.asymmetricKeyDetails?.namedCurve ?? '?';
  const entry = CURVES[namedCurve];
  if (entry === undefined) {
    throw new CryptoUnsupportedFeatureError(
      'ecdsa-sign-digest',
      `ECDSA signing of a given digest on ${namedCurve}`,
    );
  }
  if (digest.length === 0 || digest.length > MAX_ECDSA_DIGEST_BYTES) {
    throw new CryptoParameterError('digest', `must be 1 to ${MAX_ECDSA_DIGEST_BYTES} bytes`);
  }
  const signer = signerFor(namedCurve, entry, hashName ?? entry.defaultHash);
  const scalar = privateScalar(privateKey, signer.Point.Fn.BYTES);
  try {
    // prehash: false — `digest` is already H(M); noble truncates it to the order's bit length.
    return signer.sign(digest, scalar, { prehash: false, format: 'der', lowS: false });
  } finally {
    scalar.fill(0);
  }
}
