import {
  constants,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  privateEncrypt,
  publicDecrypt,
  sign as nodeSign,
  timingSafeEqual,
  verify as nodeVerify,
} from 'node:crypto';
import { CryptoParameterError, CryptoUnsupportedCipherError } from '../ciphers/errors.ts';
import { CryptoUnsupportedFeatureError } from '../errors.ts';
import { curveFromOpensslName, EC_CURVES } from '../keygen/curves.ts';
import { assertAlgorithmAllowed, DEFAULT_CRYPTO_POLICY } from '../policy/policy.ts';
import type { CryptoPolicy } from '../policy/policy.ts';
import { signPssDigest, verifyPssDigest } from '../rsa/emsa-pss.ts';
import { isRsaPaddingHash, type RsaPaddingHash } from '../rsa/mgf1.ts';
import { verifyDsaDigest } from './dsa-digest.ts';
import { verifyEcdsaDigest } from './ecdsa-digest.ts';
import { signEcdsaDigest } from './ecdsa-sign-digest.ts';

/** DER key material with its KMIP Key Format Type name, or a ready KeyObject. */
export type SignatureKey =
  | KeyObject
  | { readonly der: Uint8Array; readonly format: 'PKCS_1' | 'PKCS_8' | 'X_509' | 'ECPrivateKey' };

/** KMIP Cryptographic Parameters of a signature: algorithm RSA/ECDSA/DSA/Ed25519/Ed448, padding, hash. */
export interface SignatureParams {
  /** KMIP Cryptographic Algorithm: `RSA`, `ECDSA`, `DSA`, `Ed25519`, `Ed448`. */
  readonly algorithm: string;
  /** RSA only: KMIP Padding Method `PKCS1V1_5` (default) or `PSS`. */
  readonly padding?: string;
  /** KMIP Hashing Algorithm (`SHA_256` default); ignored for EdDSA. */
  readonly hash?: string;
  /**
   * PSS salt length in bytes. Signing: the hash length by default (RFC 8017 §9.1 recommendation).
   * Verifying: any salt length by default (the salt length is recovered from the encoding).
   */
  readonly saltLength?: number;
  readonly key: SignatureKey;
  /**
   * The message; or give `digest`, computed by the caller: RSA PKCS#1 v1.5 (without `hash`:
   * the bytes are the DigestInfo itself, signed as given), RSA PSS, and ECDSA (FIPS 186-5: its
   * leftmost bits; with `hash`, exactly that hash's length).
   */
  readonly data?: Uint8Array;
  readonly digest?: Uint8Array;
  readonly policy?: CryptoPolicy;
}

interface Hash {
  readonly node: string;
  readonly length: number;
  readonly prefix: string;
}

const HASHES: Record<string, Hash> = {
  // RFC 8017 §9.2 note 1: DER DigestInfo prefixes for EMSA-PKCS1-v1_5.
  SHA_1: { node: 'sha1', length: 20, prefix: '3021300906052b0e03021a05000414' },
  SHA_224: { node: 'sha224', length: 28, prefix: '302d300d06096086480165030402040500041c' },
  SHA_256: { node: 'sha256', length: 32, prefix: '3031300d060960864801650304020105000420' },
  SHA_384: { node: 'sha384', length: 48, prefix: '3041300d060960864801650304020205000430' },
  SHA_512: { node: 'sha512', length: 64, prefix: '3051300d060960864801650304020305000440' },
};

function toKeyObject(key: SignatureKey, usePrivate: boolean): KeyObject {
  if (key instanceof KeyObject) return key;
  const der = Buffer.from(key.der);
  if (key.format === 'X_509') return createPublicKey({ key: der, format: 'der', type: 'spki' });
  const type = key.format === 'PKCS_8' ? 'pkcs8' : key.format === 'PKCS_1' ? 'pkcs1' : 'sec1';
  if (!usePrivate && key.format === 'PKCS_1') {
    // A PKCS#1 blob for verification is an RSAPublicKey; fall back to RSAPrivateKey.
    try {
      return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
    } catch {
      return createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }));
    }
  }
  return createPrivateKey({ key: der, format: 'der', type });
}

function keyBits(key: KeyObject): number | undefined {
  const d = key.asymmetricKeyDetails;
  if (d?.modulusLength !== undefined) return d.modulusLength;
  const curve = curveFromOpensslName(d?.namedCurve);
  return curve === undefined ? undefined : EC_CURVES[curve].bits;
}

/** How to sign or verify, once the parameters are checked. */
type Plan =
  | {
      readonly kind: 'message';
      readonly key: KeyObject;
      readonly hash: string | null;
      readonly options: { padding?: number; saltLength?: number; dsaEncoding?: 'der' };
    }
  | { readonly kind: 'pkcs1-digest'; readonly key: KeyObject; readonly encoded: Buffer }
  | {
      readonly kind: 'pss-digest';
      readonly key: KeyObject;
      readonly hash: RsaPaddingHash;
      /** A byte count; `auto` when verifying without a given salt length. */
      readonly saltLength: number | 'auto';
    }
  | { readonly kind: 'ecdsa-digest'; readonly key: KeyObject }
  | { readonly kind: 'dsa-digest'; readonly key: KeyObject };

const KEY_TYPES: Record<string, string> = {
  RSA: 'rsa',
  ECDSA: 'ec',
  DSA: 'dsa',
  Ed25519: 'ed25519',
  Ed448: 'ed448',
};

function hashOf(p: SignatureParams): Hash {
  const hash = HASHES[p.hash ?? 'SHA_256'];
  if (!hash) throw new CryptoUnsupportedCipherError(p.algorithm, undefined, p.hash);
  return hash;
}

function checkDigestLength(p: SignatureParams, digest: Uint8Array, hash: Hash): void {
  if (digest.length !== hash.length) {
    throw new CryptoParameterError(
      'digest',
      `must be ${hash.length} bytes for ${p.hash ?? 'SHA_256'}`,
    );
  }
}

function rsaPlan(p: SignatureParams, key: KeyObject, usePrivate: boolean): Plan {
  const padding = p.padding ?? 'PKCS1V1_5';
  if (padding === 'PSS') {
    const hash = hashOf(p);
    const hashName = p.hash ?? 'SHA_256';
    if (p.digest !== undefined) {
      if (!isRsaPaddingHash(hashName))
        throw new CryptoUnsupportedCipherError(p.algorithm, undefined, hashName);
      checkDigestLength(p, p.digest, hash);
      const saltLength = p.saltLength ?? (usePrivate ? hash.length : 'auto');
      return { kind: 'pss-digest', key, hash: hashName, saltLength };
    }
    // RFC 8017 §9.1 note 4: the salt length is usually the hash length; a verifier without
    // a given Salt Length accepts any (OpenSSL's RSA_PSS_SALTLEN_AUTO), as the OASIS CS-AC-M-2
    // signature (salt length 222 = the maximum for RSA-2048/SHA-256) needs.
    const saltLength = p.saltLength ?? (usePrivate ? hash.length : constants.RSA_PSS_SALTLEN_AUTO);
    return {
      kind: 'message',
      key,
      hash: hash.node,
      options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
    };
  }
  if (padding !== 'PKCS1V1_5')
    throw new CryptoUnsupportedCipherError(p.algorithm, undefined, padding);
  if (p.digest === undefined) {
    return {
      kind: 'message',
      key,
      hash: hashOf(p).node,
      options: { padding: constants.RSA_PKCS1_PADDING },
    };
  }
  if (p.hash === undefined) {
    // No hash named: the client's bytes are the whole DigestInfo T (RFC 8017 §9.2 step 2), as
    // PKCS#11 CKM_RSA_PKCS signs them; OpenSSL's PKCS#1 type 1 padding bounds them to k − 11.
    return { kind: 'pkcs1-digest', key, encoded: Buffer.from(p.digest) };
  }
  const hash = hashOf(p);
  checkDigestLength(p, p.digest, hash);
  return { kind: 'pkcs1-digest', key, encoded: digestInfo(hash.prefix, p.digest) };
}

function plan(p: SignatureParams, usePrivate: boolean): Plan {
  const key = toKeyObject(p.key, usePrivate);
  const expected = KEY_TYPES[p.algorithm];
  if (expected === undefined || key.asymmetricKeyType !== expected) {
    throw new CryptoUnsupportedCipherError(p.algorithm, undefined, p.padding);
  }
  const use = usePrivate ? 'sign' : 'verify';
  assertAlgorithmAllowed(p.algorithm, keyBits(key), use, p.policy ?? DEFAULT_CRYPTO_POLICY);
  if ((p.data === undefined) === (p.digest === undefined)) {
    throw new CryptoParameterError('data', 'give exactly one of data and digest');
  }
  if (expected === 'ed25519' || expected === 'ed448') {
    if (p.digest !== undefined)
      throw new CryptoParameterError('digest', 'EdDSA signs the message itself');
    return { kind: 'message', key, hash: null, options: {} };
  }
  if (expected === 'ec') {
    const hash = hashOf(p);
    if (p.digest === undefined) return { kind: 'message', key, hash: hash.node, options: {} };
    if (p.hash !== undefined) checkDigestLength(p, p.digest, hash);
    return { kind: 'ecdsa-digest', key };
  }
  if (expected === 'dsa') {
    // FIPS 186-4 §4.6: DSA over the hash of the message; signatures are DER Dss-Sig-Value
    // (RFC 3279 §2.2.2). Like ECDSA, a given digest is verified but not signed.
    const hash = hashOf(p);
    if (p.digest === undefined) {
      return { kind: 'message', key, hash: hash.node, options: { dsaEncoding: 'der' } };
    }
    if (p.hash !== undefined) checkDigestLength(p, p.digest, hash);
    return { kind: 'dsa-digest', key };
  }
  return rsaPlan(p, key, usePrivate);
}

function digestInfo(prefix: string, digest: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(prefix, 'hex'), digest]);
}

/**
 * Sign `data`, or a `digest` the caller computed (RSA PKCS#1 v1.5 and PSS; ECDSA on P-256,
 * P-384, P-521 and secp256k1); ECDSA and DSA signatures are DER.
 * @throws CryptoParameterError, CryptoUnsupportedCipherError, CryptoPolicyError;
 *   CryptoUnsupportedFeatureError (KW_CRYPTO_UNSUPPORTED_FEATURE) for DSA over a given digest
 *   and ECDSA over a digest on another curve (P-224, Brainpool).
 */
export function sign(p: SignatureParams): Uint8Array {
  const planned = plan(p, true);
  switch (planned.kind) {
    case 'pkcs1-digest':
      // EMSA-PKCS1-v1_5 (RFC 8017 §9.2) over the DigestInfo: OpenSSL's type 1 padding is that
      // encoding, then RSASP1.
      try {
        return new Uint8Array(
          privateEncrypt(
            { key: planned.key, padding: constants.RSA_PKCS1_PADDING },
            planned.encoded,
          ),
        );
      } catch (error) {
        throw new CryptoParameterError('digest', 'too long for this key', { cause: error });
      }
    case 'pss-digest':
      return signPssDigest(
        planned.key,
        planned.hash,
        p.digest ?? new Uint8Array(),
        planned.saltLength === 'auto' ? 0 : planned.saltLength,
      );
    case 'dsa-digest':
      // Node hashes before signing, @noble/curves has no DSA, and X in our own BigInt
      // arithmetic would not be constant-time (docs/crypto.md "Platform limits").
      throw new CryptoUnsupportedFeatureError('dsa-sign-digest', 'DSA signing of a given digest');
    case 'ecdsa-digest':
      // Node has no ECDSA over a given digest (sign(null) on an EC key still hashes).
      return signEcdsaDigest(planned.key, p.digest ?? new Uint8Array(), p.hash);
    case 'message':
      return new Uint8Array(
        nodeSign(planned.hash, p.data ?? new Uint8Array(), {
          key: planned.key,
          ...planned.options,
        }),
      );
  }
}

/** Verify `signature` over `data` or a given `digest`; false for any mismatch or malformed signature. */
export function verify(p: SignatureParams & { readonly signature: Uint8Array }): boolean {
  const planned = plan(p, false);
  const publicKey = planned.key.type === 'private' ? createPublicKey(planned.key) : planned.key;
  try {
    switch (planned.kind) {
      case 'pkcs1-digest': {
        const padding = constants.RSA_PKCS1_PADDING;
        const recovered = publicDecrypt({ key: publicKey, padding }, p.signature);
        const expected = planned.encoded;
        return recovered.length === expected.length && timingSafeEqual(recovered, expected);
      }
      case 'pss-digest':
        return verifyPssDigest(
          publicKey,
          planned.hash,
          p.digest ?? new Uint8Array(),
          p.signature,
          planned.saltLength,
        );
      case 'ecdsa-digest':
        return verifyEcdsaDigest(publicKey, p.digest ?? new Uint8Array(), p.signature);
      case 'dsa-digest':
        return verifyDsaDigest(publicKey, p.digest ?? new Uint8Array(), p.signature);
      case 'message':
        return nodeVerify(
          planned.hash,
          p.data ?? new Uint8Array(),
          { key: publicKey, ...planned.options },
          p.signature,
        );
    }
  } catch {
    return false;
  }
}
