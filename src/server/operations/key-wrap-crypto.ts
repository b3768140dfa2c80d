/**
 * The cryptography of key wrapping (KMIP 1.4 §2.1.5 / 2.1 §2.1.5), with managed keys that
 * passed `requireManagedKey`: AES key wrap (RFC 3394 = NIST KW, the default; RFC 5649 = KWP)
 * with a symmetric key, RSA encryption (OAEP, SHA-256 by default; PKCS#1 v1.5 on request)
 * with a public key and its inverse with the private key, HMAC with a symmetric HMAC key and
 * signatures (RSA PKCS#1 v1.5 / PSS, ECDSA, DSA, Ed25519) with a private key, verified with the
 * public key. The Cryptographic Parameters are the request's, else the key's Cryptographic
 * Parameters attribute, else these defaults; the effective ones are returned so the Key
 * Wrapping Data states exactly how the key was wrapped.
 */
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  PaddingMethod,
  ResultReason,
} from '../../kmip/generated/registry.ts';
import type { CryptographicParameters } from '../../kmip/messages/common.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { attributeValue } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { convertKeyFormat } from './key-format-conversion.ts';
import type { ManagedKey } from './managed-key-use.ts';

const name = (enumeration: string, value: number | undefined): string | undefined =>
  value === undefined ? undefined : enumValueEntry(enumeration, value)?.name;

/** The request's parameters, else the key's Cryptographic Parameters attribute, else none. */
export function parametersFor(
  key: ManagedKey,
  given: CryptographicParameters | undefined,
): CryptographicParameters {
  if (given !== undefined) return given;
  const stored = attributeValue(key, 'CryptographicParameters');
  return typeof stored === 'object' && stored !== null && !(stored instanceof Date)
    ? (stored as CryptographicParameters)
    : {};
}

function blockOf(key: ManagedKey) {
  if (!('keyBlock' in key.object)) throw invalidField(`object ${key.id} has no Key Block`);
  return key.object.keyBlock;
}

/** The bytes of a key in `format` (symmetric keys: Raw). */
function keyBytes(key: ManagedKey, format: number, ctx: OperationContext): Uint8Array {
  const converted = convertKeyFormat(key.object, format, ctx);
  const value = 'keyBlock' in converted ? converted.keyBlock.keyValue : undefined;
  if (
    value === undefined ||
    value instanceof Uint8Array ||
    !(value.keyMaterial instanceof Uint8Array)
  ) {
    throw new KmipResultError(
      ResultReason.KeyWrapTypeNotSupported,
      `key ${key.id} is stored wrapped`,
    );
  }
  return value.keyMaterial;
}

/** Maps src/crypto refusals to KMIP reasons; an integrity failure gets one fixed message. */
function guarded<T>(ctx: OperationContext, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoDecryptError) {
      throw new KmipResultError(ResultReason.CryptographicFailure, 'unwrapping failed');
    }
    if (error instanceof ctx.crypto.CryptoPolicyError) {
      throw new KmipResultError(ResultReason.PermissionDenied, error.message);
    }
    if (
      error instanceof ctx.crypto.CryptoParameterError ||
      error instanceof ctx.crypto.CryptoUnsupportedCipherError
    ) {
      throw new KmipResultError(ResultReason.UnsupportedCryptographicParameters, error.message);
    }
    throw error;
  }
}

function aesMode(params: CryptographicParameters): 'NISTKeyWrap' | 'AESKeyWrapPadding' {
  const mode = params.blockCipherMode ?? BlockCipherMode.NISTKeyWrap;
  if (mode === BlockCipherMode.NISTKeyWrap) return 'NISTKeyWrap';
  if (mode === BlockCipherMode.AESKeyWrapPadding) return 'AESKeyWrapPadding';
  throw new KmipResultError(
    ResultReason.UnsupportedCryptographicParameters,
    `Block Cipher Mode ${name('BlockCipherMode', mode) ?? mode} is not supported for key wrapping (NISTKeyWrap, AESKeyWrapPadding)`,
  );
}

function rsaOptions(params: CryptographicParameters) {
  const padding = params.paddingMethod ?? PaddingMethod.OAEP;
  if (padding !== PaddingMethod.OAEP && padding !== PaddingMethod.PKCS1V1_5) {
    throw new KmipResultError(
      ResultReason.UnsupportedCryptographicParameters,
      `Padding Method ${name('PaddingMethod', padding) ?? padding} is not supported for RSA key wrapping (OAEP, PKCS1V1_5)`,
    );
  }
  const hash = params.hashingAlgorithm ?? HashingAlgorithm.SHA_256;
  const mgf = params.maskGeneratorHashingAlgorithm;
  return {
    effective: {
      ...params,
      paddingMethod: padding,
      ...(padding === PaddingMethod.OAEP ? { hashingAlgorithm: hash } : {}),
    },
    padding: name('PaddingMethod', padding) ?? 'OAEP',
    hash: name('HashingAlgorithm', hash) ?? 'SHA_256',
    ...(mgf === undefined ? {} : { mgf1Hash: name('HashingAlgorithm', mgf) ?? String(mgf) }),
    ...(params.pSource === undefined ? {} : { label: params.pSource }),
  };
}

/** The key's Cryptographic Algorithm: the Key Block's, else the attribute's. */
function algorithmOf(key: ManagedKey): number {
  const stated =
    blockOf(key).cryptographicAlgorithm ?? attributeValue(key, 'CryptographicAlgorithm');
  return typeof stated === 'number' ? stated : -1;
}

function requireAlgorithm(key: ManagedKey, allowed: readonly number[], what: string): number {
  const algorithm = algorithmOf(key);
  if (!allowed.includes(algorithm)) {
    throw invalidField(`key ${key.id} cannot serve as ${what}`);
  }
  return algorithm;
}

/** Wraps `data` under `key` (AES symmetric key or RSA public key). */
export function encryptWithKey(
  key: ManagedKey,
  given: CryptographicParameters | undefined,
  data: Uint8Array,
  ctx: OperationContext,
): { readonly data: Uint8Array; readonly parameters: CryptographicParameters } {
  const params = parametersFor(key, given);
  if (key.objectType === 'SymmetricKey') {
    requireAlgorithm(key, [CryptographicAlgorithm.AES], 'an AES key-encryption key');
    const mode = aesMode(params);
    if (mode === 'NISTKeyWrap' && (data.length < 16 || data.length % 8 !== 0)) {
      // RFC 3394 §2: whole 64-bit blocks, at least two; RFC 5649 has no such limit.
      throw invalidField(
        'NISTKeyWrap needs a multiple of 8 bytes (at least 16); use AESKeyWrapPadding',
      );
    }
    const kek = keyBytes(key, KeyFormatType.Raw, ctx);
    const wrapped = guarded(ctx, () => ctx.crypto.aesKeyWrap(mode, kek, data));
    return { data: wrapped, parameters: { ...params, blockCipherMode: BlockCipherMode[mode] } };
  }
  requireAlgorithm(key, [CryptographicAlgorithm.RSA], 'an RSA key-encryption key');
  const { effective, ...options } = rsaOptions(params);
  const der = keyBytes(key, KeyFormatType.X_509, ctx);
  const wrapped = guarded(ctx, () =>
    ctx.crypto.encryptRsa({ key: { der, format: 'X_509' }, data, ...options }),
  );
  return { data: wrapped, parameters: effective };
}

/** Unwraps `data` with `key` (AES symmetric key or RSA private key). */
export function decryptWithKey(
  key: ManagedKey,
  given: CryptographicParameters | undefined,
  data: Uint8Array,
  ctx: OperationContext,
): Uint8Array {
  const params = parametersFor(key, given);
  if (key.objectType === 'SymmetricKey') {
    requireAlgorithm(key, [CryptographicAlgorithm.AES], 'an AES key-encryption key');
    const mode = aesMode(params);
    const kek = keyBytes(key, KeyFormatType.Raw, ctx);
    return guarded(ctx, () => ctx.crypto.aesKeyUnwrap(mode, kek, data));
  }
  requireAlgorithm(key, [CryptographicAlgorithm.RSA], 'an RSA key-decryption key');
  const { effective: _effective, ...options } = rsaOptions(params);
  const der = keyBytes(key, KeyFormatType.PKCS_8, ctx);
  return guarded(ctx, () =>
    ctx.crypto.decryptRsa({ key: { der, format: 'PKCS_8' }, data, ...options }),
  );
}

const SIGNATURE_ALGORITHMS: Readonly<Record<number, string>> = {
  [CryptographicAlgorithm.RSA]: 'RSA',
  [CryptographicAlgorithm.EC]: 'ECDSA',
  [CryptographicAlgorithm.ECDSA]: 'ECDSA',
  [CryptographicAlgorithm.Ed25519]: 'Ed25519',
  [CryptographicAlgorithm.DSA]: 'DSA',
};

function signatureParams(key: ManagedKey, params: CryptographicParameters) {
  const algorithm = algorithmOf(key);
  const signer = SIGNATURE_ALGORITHMS[algorithm];
  if (signer === undefined) throw invalidField(`key ${key.id} cannot sign or verify`);
  return {
    algorithm: signer,
    ...(params.paddingMethod === undefined
      ? {}
      : { padding: name('PaddingMethod', params.paddingMethod) ?? '' }),
    hash:
      name('HashingAlgorithm', params.hashingAlgorithm ?? HashingAlgorithm.SHA_256) ?? 'SHA_256',
  };
}

function hmacName(key: ManagedKey): string {
  const algorithm = name('CryptographicAlgorithm', algorithmOf(key));
  if (algorithm === undefined || !algorithm.startsWith('HMAC_')) {
    throw invalidField(`key ${key.id} is not an HMAC key`);
  }
  return algorithm;
}

/** The MAC (symmetric HMAC key) or signature (private key) of `data`. */
export function macOrSign(
  key: ManagedKey,
  given: CryptographicParameters | undefined,
  data: Uint8Array,
  ctx: OperationContext,
): Uint8Array {
  if (key.objectType === 'SymmetricKey') {
    const algorithm = hmacName(key);
    const secret = keyBytes(key, KeyFormatType.Raw, ctx);
    return guarded(ctx, () => ctx.crypto.mac({ algorithm, key: secret, data }));
  }
  const params = signatureParams(key, parametersFor(key, given));
  const der = keyBytes(key, KeyFormatType.PKCS_8, ctx);
  return guarded(ctx, () => ctx.crypto.sign({ ...params, key: { der, format: 'PKCS_8' }, data }));
}

/** Whether `expected` is the MAC (symmetric key) or a valid signature (public key) of `data`. */
export function verifyMacOrSignature(
  key: ManagedKey,
  given: CryptographicParameters | undefined,
  data: Uint8Array,
  expected: Uint8Array,
  ctx: OperationContext,
): boolean {
  if (key.objectType === 'SymmetricKey') {
    const algorithm = hmacName(key);
    const secret = keyBytes(key, KeyFormatType.Raw, ctx);
    return guarded(ctx, () => ctx.crypto.macVerify({ algorithm, key: secret, data, expected }));
  }
  const params = signatureParams(key, parametersFor(key, given));
  const der = keyBytes(key, KeyFormatType.X_509, ctx);
  return guarded(ctx, () =>
    ctx.crypto.verify({ ...params, key: { der, format: 'X_509' }, data, signature: expected }),
  );
}
