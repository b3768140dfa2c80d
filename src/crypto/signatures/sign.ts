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
import { assertAlgorithmAllowed, DEFAULT_CRYPTO_POLICY } from '../policy/policy.ts';
import type { CryptoPolicy } from '../policy/policy.ts';

/** DER key material with its KMIP Key Format Type name, or a ready KeyObject. */
export type SignatureKey =
  | KeyObject
  | { readonly der: Uint8Array; readonly format: 'PKCS_1' | 'PKCS_8' | 'X_509' | 'ECPrivateKey' };

/** KMIP Cryptographic Parameters of a signature: algorithm RSA/ECDSA/Ed25519/Ed448, padding, hash. */
export interface SignatureParams {
  /** KMIP Cryptographic Algorithm: `RSA`, `ECDSA`, `Ed25519`, `Ed448`. */
  readonly algorithm: string;
  /** RSA only: KMIP Padding Method `PKCS1V1_5` (default) or `PSS`. */
  readonly padding?: string;
  /** KMIP Hashing Algorithm (`SHA_256` default); ignored for EdDSA. */
  readonly hash?: string;
  /** PSS salt length in bytes; the hash length by default (RFC 8017 §9.1 recommendation). */
  readonly saltLength?: number;
  readonly key: SignatureKey;
  /** The message; or give `digest` (pre-hashed, RSA PKCS#1 v1.5 only). */
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

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

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
  return d?.namedCurve ? CURVE_BITS[d.namedCurve] : undefined;
}

interface Plan {
  readonly key: KeyObject;
  readonly hash: Hash | undefined;
  readonly options: { padding?: number; saltLength?: number };
}

const KEY_TYPES: Record<string, string> = {
  RSA: 'rsa',
  ECDSA: 'ec',
  Ed25519: 'ed25519',
  Ed448: 'ed448',
};

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
    return { key, hash: undefined, options: {} };
  }
  const hash = HASHES[p.hash ?? 'SHA_256'];
  if (!hash) throw new CryptoUnsupportedCipherError(p.algorithm, undefined, p.hash);
  if (expected === 'ec') {
    // Node has no raw-digest ECDSA: sign(null) on an EC key still hashes with SHA-256.
    if (p.digest !== undefined)
      throw new CryptoParameterError('digest', 'pre-hashed ECDSA is not supported');
    return { key, hash, options: {} };
  }
  const padding = p.padding ?? 'PKCS1V1_5';
  if (padding === 'PSS') {
    if (p.digest !== undefined)
      throw new CryptoParameterError('digest', 'pre-hashed PSS is not supported');
    const saltLength = p.saltLength ?? hash.length;
    return { key, hash, options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength } };
  }
  if (padding !== 'PKCS1V1_5')
    throw new CryptoUnsupportedCipherError(p.algorithm, undefined, padding);
  if (p.digest !== undefined && p.digest.length !== hash.length) {
    throw new CryptoParameterError(
      'digest',
      `must be ${hash.length} bytes for ${p.hash ?? 'SHA_256'}`,
    );
  }
  return { key, hash, options: { padding: constants.RSA_PKCS1_PADDING } };
}

function digestInfo(prefix: string, digest: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(prefix, 'hex'), digest]);
}

/** Sign `data` (or a pre-computed `digest`, RSA PKCS#1 v1.5 only); ECDSA signatures are DER. */
export function sign(p: SignatureParams): Uint8Array {
  const { key, hash, options } = plan(p, true);
  if (p.digest !== undefined && hash) {
    // EMSA-PKCS1-v1_5 over a given digest: private-key operation with block type 1 padding.
    const info = digestInfo(hash.prefix, p.digest);
    return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, info));
  }
  return new Uint8Array(
    nodeSign(hash?.node ?? null, p.data ?? new Uint8Array(), { key, ...options }),
  );
}

/** Verify `signature`; false for any mismatch or malformed signature. */
export function verify(p: SignatureParams & { readonly signature: Uint8Array }): boolean {
  const { key, hash, options } = plan(p, false);
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  try {
    if (p.digest !== undefined && hash) {
      const padding = constants.RSA_PKCS1_PADDING;
      const recovered = publicDecrypt({ key: publicKey, padding }, p.signature);
      const expected = digestInfo(hash.prefix, p.digest);
      return recovered.length === expected.length && timingSafeEqual(recovered, expected);
    }
    const data = p.data ?? new Uint8Array();
    return nodeVerify(hash?.node ?? null, data, { key: publicKey, ...options }, p.signature);
  } catch {
    return false;
  }
}
