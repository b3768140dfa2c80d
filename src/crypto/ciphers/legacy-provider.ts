import { createCipheriv } from 'node:crypto';
import { CryptoLegacyProviderError } from './errors.ts';

/**
 * Whether OpenSSL's legacy provider is loaded in this process (`--openssl-legacy-provider`):
 * probed by creating a Blowfish cipher, which OpenSSL 3 serves only from that provider.
 */
export function isLegacyProviderLoaded(): boolean {
  try {
    createCipheriv('bf-ecb', new Uint8Array(16), null);
    return true;
  } catch {
    return false;
  }
}

/** @throws CryptoLegacyProviderError (KW_CRYPTO_LEGACY_PROVIDER) unless the legacy provider is loaded. */
export function assertLegacyProviderLoaded(): void {
  if (!isLegacyProviderLoaded()) throw new CryptoLegacyProviderError();
}
