import {
  constants,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import { CryptoDecryptError } from '../errors.ts';
import { decryptOaep, encryptOaep, type OaepParams } from '../rsa/eme-oaep.ts';
import { isRsaPaddingHash } from '../rsa/mgf1.ts';
import { assertAlgorithmAllowed, DEFAULT_CRYPTO_POLICY } from '../policy/policy.ts';
import type { CryptoPolicy } from '../policy/policy.ts';
import { CryptoParameterError, CryptoUnsupportedCipherError } from './errors.ts';

/** An RSA key as DER with its KMIP Key Format Type, or a KeyObject. */
export type RsaKey =
  KeyObject | { readonly der: Uint8Array; readonly format: 'PKCS_1' | 'PKCS_8' | 'X_509' };

/** RSA encryption parameters, KMIP names: padding `OAEP` (default) or `PKCS1V1_5`. */
export interface RsaEncryptParams {
  readonly key: RsaKey;
  readonly data: Uint8Array;
  readonly padding?: string;
  /** OAEP hash (KMIP Hashing Algorithm), SHA_256 by default. */
  readonly hash?: string;
  /** OAEP MGF1 hash (KMIP Mask Generator Hashing Algorithm); the OAEP hash by default. */
  readonly mgf1Hash?: string;
  /** OAEP label (P source); empty by default. */
  readonly label?: Uint8Array;
  readonly policy?: CryptoPolicy;
}

const OAEP_HASHES: Record<string, string> = {
  SHA_1: 'sha1',
  SHA_224: 'sha224',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

function toKey(key: RsaKey, usePrivate: boolean): KeyObject {
  if (key instanceof KeyObject)
    return usePrivate || key.type === 'public' ? key : createPublicKey(key);
  const der = Buffer.from(key.der);
  if (key.format === 'X_509') return createPublicKey({ key: der, format: 'der', type: 'spki' });
  const type = key.format === 'PKCS_8' ? 'pkcs8' : 'pkcs1';
  if (usePrivate) return createPrivateKey({ key: der, format: 'der', type });
  if (key.format === 'PKCS_1') {
    // PKCS#1 for encryption is an RSAPublicKey; fall back to RSAPrivateKey.
    try {
      return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
    } catch {
      // not an RSAPublicKey: read it as a private key below
    }
  }
  return createPublicKey(createPrivateKey({ key: der, format: 'der', type }));
}

type Options =
  { padding: number; oaepHash?: string; oaepLabel?: Uint8Array } | { readonly oaep: OaepParams };

function options(p: RsaEncryptParams, key: KeyObject): Options {
  if (key.asymmetricKeyType !== 'rsa')
    throw new CryptoUnsupportedCipherError('RSA', undefined, p.padding);
  const padding = p.padding ?? 'OAEP';
  if (padding === 'PKCS1V1_5') return { padding: constants.RSA_PKCS1_PADDING };
  if (padding !== 'OAEP') throw new CryptoUnsupportedCipherError('RSA', undefined, padding);
  const hash = p.hash ?? 'SHA_256';
  const oaepHash = OAEP_HASHES[hash];
  if (!oaepHash || !isRsaPaddingHash(hash))
    throw new CryptoUnsupportedCipherError('RSA', undefined, hash);
  if (p.mgf1Hash !== undefined && p.mgf1Hash !== hash) {
    // Node's MGF1 always uses oaepHash: a different MGF1 hash takes our own encoding.
    if (!isRsaPaddingHash(p.mgf1Hash))
      throw new CryptoUnsupportedCipherError('RSA', undefined, p.mgf1Hash);
    return { oaep: { hash, mgf1Hash: p.mgf1Hash, ...(p.label ? { label: p.label } : {}) } };
  }
  return {
    padding: constants.RSA_PKCS1_OAEP_PADDING,
    oaepHash,
    ...(p.label ? { oaepLabel: p.label } : {}),
  };
}

/** RSA-encrypt `data` with the public key (or the public half of a private key). */
export function encryptRsa(p: RsaEncryptParams): Uint8Array {
  const key = toKey(p.key, false);
  const opts = options(p, key);
  assertAlgorithmAllowed(
    'RSA',
    key.asymmetricKeyDetails?.modulusLength,
    'encrypt',
    p.policy ?? DEFAULT_CRYPTO_POLICY,
  );
  if ('oaep' in opts) return encryptOaep(key, opts.oaep, p.data);
  try {
    return new Uint8Array(publicEncrypt({ key, ...opts }, p.data));
  } catch (error) {
    throw new CryptoParameterError('data', 'too long for this key and padding', { cause: error });
  }
}

/**
 * RSA-decrypt with the private key. OAEP failures throw CryptoDecryptError (fixed message).
 * PKCS#1 v1.5: Node 24's OpenSSL uses implicit rejection (CVE-2023-46809 / Marvin), so a
 * malformed ciphertext yields a deterministic pseudo-random plaintext, never an error: callers
 * must check what they unwrapped (length, key checks) and must not report the difference.
 */
export function decryptRsa(p: RsaEncryptParams): Uint8Array {
  const key = toKey(p.key, true);
  const opts = options(p, key);
  assertAlgorithmAllowed(
    'RSA',
    key.asymmetricKeyDetails?.modulusLength,
    'decrypt',
    p.policy ?? DEFAULT_CRYPTO_POLICY,
  );
  if ('oaep' in opts) return decryptOaep(key, opts.oaep, p.data);
  try {
    return new Uint8Array(privateDecrypt({ key, ...opts }, p.data));
  } catch {
    throw new CryptoDecryptError();
  }
}
