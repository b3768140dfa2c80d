import { createCipheriv, createDecipheriv } from 'node:crypto';
import { CryptoParameterError } from '../ciphers/errors.ts';
import { CryptoDecryptError, CryptoKeyLengthError } from '../errors.ts';
import { secretKeyOf } from '../secret-key.ts';
import { assertAlgorithmAllowed, DEFAULT_CRYPTO_POLICY } from '../policy/policy.ts';
import type { CryptoPolicy } from '../policy/policy.ts';

/** KMIP Block Cipher Mode names for the two AES key wraps. */
export type AesKeyWrapMode = 'NISTKeyWrap' | 'AESKeyWrapPadding';

// OpenSSL's id-aesN-wrap (RFC 3394 / SP 800-38F KW) and id-aesN-wrap-pad (RFC 5649 / KWP),
// both with their default initial values (A6A6A6A6A6A6A6A6 / A65959A6 || MLI).
// Node requires the IV explicitly: RFC 3394 §2.2.3.1 default IV, RFC 5649 §3 AIV prefix.
function initialValue(mode: AesKeyWrapMode): Uint8Array {
  return mode === 'NISTKeyWrap'
    ? new Uint8Array(8).fill(0xa6)
    : Uint8Array.of(0xa6, 0x59, 0x59, 0xa6);
}

function cipherName(mode: AesKeyWrapMode, kek: Uint8Array): string {
  if (![16, 24, 32].includes(kek.length)) throw new CryptoKeyLengthError(32, kek.length);
  return `id-aes${kek.length * 8}-wrap${mode === 'AESKeyWrapPadding' ? '-pad' : ''}`;
}

/** Wrap `keyData` under the AES key-encryption key `kek` (RFC 3394, or RFC 5649 with padding). */
export function aesKeyWrap(
  mode: AesKeyWrapMode,
  kek: Uint8Array,
  keyData: Uint8Array,
  policy: CryptoPolicy = DEFAULT_CRYPTO_POLICY,
): Uint8Array {
  const name = cipherName(mode, kek);
  assertAlgorithmAllowed('AES', kek.length * 8, 'wrap', policy);
  // RFC 3394 §2: at least two 64-bit blocks; RFC 5649 §4.1: at least one octet.
  if (
    mode === 'NISTKeyWrap' ? keyData.length < 16 || keyData.length % 8 !== 0 : keyData.length < 1
  ) {
    throw new CryptoParameterError(
      'data',
      `${keyData.length} bytes cannot be wrapped with ${mode}`,
    );
  }
  const cipher = createCipheriv(name, secretKeyOf(kek), initialValue(mode));
  return new Uint8Array(Buffer.concat([cipher.update(keyData), cipher.final()]));
}

/** Unwrap; an integrity check failure throws CryptoDecryptError (fixed message). */
export function aesKeyUnwrap(
  mode: AesKeyWrapMode,
  kek: Uint8Array,
  wrapped: Uint8Array,
  policy: CryptoPolicy = DEFAULT_CRYPTO_POLICY,
): Uint8Array {
  const name = cipherName(mode, kek);
  assertAlgorithmAllowed('AES', kek.length * 8, 'unwrap', policy);
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) {
    throw new CryptoParameterError(
      'data',
      'wrapped key must be a multiple of 8 bytes, at least 16',
    );
  }
  try {
    const decipher = createDecipheriv(name, secretKeyOf(kek), initialValue(mode));
    return new Uint8Array(Buffer.concat([decipher.update(wrapped), decipher.final()]));
  } catch {
    throw new CryptoDecryptError();
  }
}
