/**
 * Key algorithms the PKI issues certificates for, and the WebCrypto parameters behind them:
 * key generation, the signature algorithm a CA key signs with, and PEM (PKCS#8) import/export.
 */
import { PkiKeyError } from './errors.ts';
import {
  webcrypto,
  type WebCryptoImportParams,
  type WebCryptoKey,
  type WebCryptoKeyGenParams,
  type WebCryptoKeyPair,
  type WebCryptoSignParams,
} from '../crypto/index.ts';
import { x509 } from './x509-lib.ts';
import { isKeyAlgorithm, type KeyAlgorithm } from './key-algorithm-names.ts';

export {
  DEFAULT_KEY_ALGORITHM,
  KEY_ALGORITHMS,
  isKeyAlgorithm,
  type KeyAlgorithm,
} from './key-algorithm-names.ts';

// RFC 5480 §4 / RFC 5758 §3.2: ECDSA keys sign with the hash matching their curve size.
const PARAMS: Record<KeyAlgorithm, { generate: WebCryptoKeyGenParams }> = {
  'ecdsa-p256': { generate: { name: 'ECDSA', namedCurve: 'P-256' } },
  'ecdsa-p384': { generate: { name: 'ECDSA', namedCurve: 'P-384' } },
  'rsa-2048': {
    generate: {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
  },
  'rsa-3072': {
    generate: {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 3072,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
  },
};

/** Generates an extractable key pair for signing. */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<WebCryptoKeyPair> {
  if (!isKeyAlgorithm(algorithm)) {
    throw new PkiKeyError(
      'unsupported-algorithm',
      `unsupported key algorithm ${String(algorithm)}`,
    );
  }
  return (await webcrypto.subtle.generateKey(PARAMS[algorithm].generate, true, [
    'sign',
    'verify',
  ])) as WebCryptoKeyPair;
}

/** The import parameters (and so the signing algorithm) for a key of this public key's type. */
export function signingParamsOf(publicKey: x509.PublicKey): WebCryptoImportParams {
  const algorithm = publicKey.algorithm as { name?: string; namedCurve?: string };
  if (algorithm.name === 'ECDSA' && typeof algorithm.namedCurve === 'string') {
    return { name: 'ECDSA', namedCurve: algorithm.namedCurve };
  }
  if (algorithm.name === 'RSASSA-PKCS1-v1_5' || algorithm.name === 'RSA-PSS') {
    // A CA key may sign with PKCS#1 v1.5 whatever padding its certificate names.
    return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  }
  throw new PkiKeyError(
    'unsupported-algorithm',
    `unsupported CA key algorithm ${String(algorithm.name)}`,
  );
}

/** The signature algorithm for a signing key (SHA-384 for P-384, SHA-256 otherwise). */
export function signatureAlgorithmOf(key: WebCryptoKey): WebCryptoSignParams {
  const algorithm = key.algorithm as { name?: string; namedCurve?: string };
  if (algorithm.name === 'ECDSA') {
    return { name: 'ECDSA', hash: algorithm.namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256' };
  }
  return { name: 'RSASSA-PKCS1-v1_5' };
}

/** Exports a private key as an unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
export async function exportPrivateKeyPem(key: WebCryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n';
}

/** Imports a PKCS#8 PEM private key for signing, with the parameters of its certificate's public key. */
export async function importPrivateKeyPem(
  pem: string,
  params: WebCryptoImportParams,
): Promise<WebCryptoKey> {
  let der: ArrayBuffer;
  try {
    const blocks = x509.PemConverter.decodeWithHeaders(pem).filter((b) => b.type === 'PRIVATE KEY');
    const first = blocks[0];
    if (first === undefined || blocks.length !== 1)
      throw new Error('expected one PRIVATE KEY block');
    der = first.rawData;
  } catch (cause) {
    throw new PkiKeyError('unreadable', 'the key is not one PKCS#8 PEM private key', { cause });
  }
  try {
    return await webcrypto.subtle.importKey('pkcs8', der, params, false, ['sign']);
  } catch (cause) {
    throw new PkiKeyError('mismatch', 'the key does not fit the CA certificate', { cause });
  }
}
