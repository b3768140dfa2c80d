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
import { createRequire } from 'node:module';
import type * as Weierstrass from '@noble/curves/abstract/weierstrass.js';
import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import type * as Nist from '@noble/curves/nist.js';
import type * as Secp256k1 from '@noble/curves/secp256k1.js';
import type * as Legacy from '@noble/hashes/legacy.js';
import type * as Sha2 from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { CryptoParameterError } from '../ciphers/errors.ts';
import { CryptoUnsupportedFeatureError } from '../errors.ts';
import { DerTag, readDer, readDerChildren, tryDer } from '../asn1/der.ts';

type Curve = Pick<ECDSA, 'Point'>;

// By OpenSSL name (Node's `namedCurve`): the curves Keywarden generates keys on, the same set
// ECDSA verification over a digest covers (ec-curve-params.ts), with the hash RFC 6979's
// HMAC-DRBG uses when the request names none (the curve's usual one).
const DEFAULT_HASHES: Readonly<Record<string, string>> = {
  prime256v1: 'SHA_256',
  secp384r1: 'SHA_384',
  secp521r1: 'SHA_512',
  secp256k1: 'SHA_256',
};

interface Noble {
  readonly ecdsa: typeof Weierstrass.ecdsa;
  readonly curves: Readonly<Record<string, Curve>>;
  readonly hashes: Readonly<Record<string, CHash>>;
}

// @noble/curves is loaded on the first signature, synchronously (require of an ES module, no
// top-level await in it): imported with this module it cost a `keywarden serve` that never
// signs a digest ~350 KB of source and several MB of memory at idle (issue #9).
const requireNoble = createRequire(import.meta.url);
let noble: Noble | undefined;

function loadNoble(): Noble {
  if (noble !== undefined) return noble;
  const { ecdsa } = requireNoble('@noble/curves/abstract/weierstrass.js') as typeof Weierstrass;
  const { p256, p384, p521 } = requireNoble('@noble/curves/nist.js') as typeof Nist;
  const { secp256k1 } = requireNoble('@noble/curves/secp256k1.js') as typeof Secp256k1;
  const { sha1 } = requireNoble('@noble/hashes/legacy.js') as typeof Legacy;
  const { sha224, sha256, sha384, sha512 } = requireNoble('@noble/hashes/sha2.js') as typeof Sha2;
  noble = {
    ecdsa,
    curves: { prime256v1: p256, secp384r1: p384, secp521r1: p521, secp256k1 },
    hashes: { SHA_1: sha1, SHA_224: sha224, SHA_256: sha256, SHA_384: sha384, SHA_512: sha512 },
  };
  return noble;
}

/** The longest digest accepted without a named hash: SHA-512's, the longest approved hash. */
export const MAX_ECDSA_DIGEST_BYTES = 64;

// One signer per (curve, hash), built on first use: the curve's precomputed tables are shared.
const signers = new Map<string, ECDSA>();

function signerFor(namedCurve: string, hashName: string): ECDSA {
  const id = `${namedCurve}/${hashName}`;
  let signer = signers.get(id);
  if (signer === undefined) {
    const { ecdsa, curves, hashes } = loadNoble();
    const curve = curves[namedCurve];
    const hash = hashes[hashName];
    if (hash === undefined) throw new CryptoParameterError('hash', `${hashName} is not supported`);
    if (curve === undefined) {
      throw new CryptoUnsupportedFeatureError(
        'ecdsa-sign-digest',
        `ECDSA signing of a given digest on ${namedCurve}`,
      );
    }
    // FIPS 186-5 §6.4.1 has no low-S rule; OpenSSL does not normalise s either.
    signer = ecdsa(curve.Point, hash, { lowS: false });
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
  const defaultHash = DEFAULT_HASHES[namedCurve];
  if (defaultHash === undefined) {
    throw new CryptoUnsupportedFeatureError(
      'ecdsa-sign-digest',
      `ECDSA signing of a given digest on ${namedCurve}`,
    );
  }
  if (digest.length === 0 || digest.length > MAX_ECDSA_DIGEST_BYTES) {
    throw new CryptoParameterError('digest', `must be 1 to ${MAX_ECDSA_DIGEST_BYTES} bytes`);
  }
  const signer = signerFor(namedCurve, hashName ?? defaultHash);
  const scalar = privateScalar(privateKey, signer.Point.Fn.BYTES);
  try {
    // prehash: false — `digest` is already H(M); noble truncates it to the order's bit length.
    return signer.sign(digest, scalar, { prehash: false, format: 'der', lowS: false });
  } finally {
    scalar.fill(0);
  }
}
