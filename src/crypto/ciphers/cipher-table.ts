import { CryptoKeyLengthError } from '../errors.ts';
import { CryptoUnsupportedCipherError } from './errors.ts';

/** How one (algorithm, mode, key length) maps onto an OpenSSL cipher. */
export interface CipherSpec {
  /** OpenSSL cipher name for createCipheriv. */
  readonly name: string;
  /** Block size in bytes (1 for stream modes), used for padding and length checks. */
  readonly blockSize: number;
  /** IV/nonce length in bytes; 0 when the mode takes none. */
  readonly ivLength: number;
  /** Whether PKCS#7 padding applies (ECB/CBC only). */
  readonly paddable: boolean;
  /** AEAD mode: takes AAD and produces a tag. */
  readonly aead: boolean;
  /** Needs OpenSSL's legacy provider. */
  readonly legacy: boolean;
  /**
   * ChaCha20 (RFC 8439): the IV is a nonce (12 bytes, or the original 8) that symmetric.ts
   * lays out with the block counter into OpenSSL's 16-byte IV.
   */
  readonly isChaCha20?: boolean;
}

// Block modes shared by AES and Camellia: OpenSSL names `<alg>-<bits>-<mode>`; "cfb" is CFB-128.
const BLOCK_MODES: Record<
  string,
  { suffix: string; iv: boolean; paddable: boolean; stream: boolean }
> = {
  ECB: { suffix: 'ecb', iv: false, paddable: true, stream: false },
  CBC: { suffix: 'cbc', iv: true, paddable: true, stream: false },
  CFB: { suffix: 'cfb', iv: true, paddable: false, stream: true },
  OFB: { suffix: 'ofb', iv: true, paddable: false, stream: true },
  CTR: { suffix: 'ctr', iv: true, paddable: false, stream: true },
};

// Legacy 64-bit-block (and SEED 128-bit) ciphers: OpenSSL prefix, block size, key bytes.
const LEGACY: Record<string, { prefix: string; block: number; keyLengths: readonly number[] }> = {
  Blowfish: { prefix: 'bf', block: 8, keyLengths: [16] },
  CAST5: { prefix: 'cast5', block: 8, keyLengths: [16] },
  IDEA: { prefix: 'idea', block: 8, keyLengths: [16] },
  SEED: { prefix: 'seed', block: 16, keyLengths: [16] },
};

function checkKey(allowed: readonly number[], key: Uint8Array): void {
  if (!allowed.includes(key.length)) {
    throw new CryptoKeyLengthError(allowed[0] ?? 0, key.length);
  }
}

function blockMode(
  algorithm: string,
  prefix: string,
  mode: string,
  block: number,
  legacy: boolean,
): CipherSpec {
  const m = BLOCK_MODES[mode];
  if (!m) throw new CryptoUnsupportedCipherError(algorithm, mode);
  return {
    name: `${prefix}-${m.suffix}`,
    blockSize: m.stream ? 1 : block,
    ivLength: m.iv ? block : 0,
    paddable: m.paddable,
    aead: false,
    legacy,
  };
}

/**
 * Resolve KMIP names (`AES`/`CBC` ...) and a key into the OpenSSL cipher to use; throws
 * CryptoUnsupportedCipherError or CryptoKeyLengthError. Key wrap modes are in ../keywrap.
 */
export function resolveCipher(
  algorithm: string,
  mode: string | undefined,
  key: Uint8Array,
): CipherSpec {
  const m = mode ?? 'CBC';
  switch (algorithm) {
    case 'AES':
    case 'Camellia': {
      const prefix = algorithm === 'AES' ? 'aes' : 'camellia';
      if (m === 'XTS' && algorithm === 'AES') {
        // IEEE 1619: two AES keys concatenated; only AES-128 and AES-256 are defined.
        checkKey([32, 64], key);
        const name = `aes-${key.length * 4}-xts`;
        return { name, blockSize: 1, ivLength: 16, paddable: false, aead: false, legacy: false };
      }
      checkKey([16, 24, 32], key);
      if (m === 'GCM' && algorithm === 'AES') {
        return {
          name: `aes-${key.length * 8}-gcm`,
          blockSize: 1,
          ivLength: 12,
          paddable: false,
          aead: true,
          legacy: false,
        };
      }
      return blockMode(algorithm, `${prefix}-${key.length * 8}`, m, 16, false);
    }
    case 'DES3': {
      // 3-key (24 bytes) or 2-key (16 bytes) TDEA; the policy decides whether 2-key is allowed.
      checkKey([24, 16], key);
      if (m !== 'ECB' && m !== 'CBC') throw new CryptoUnsupportedCipherError(algorithm, m);
      const prefix = key.length === 24 ? 'des-ede3' : 'des-ede';
      return blockMode(algorithm, prefix, m, 8, false);
    }
    case 'ChaCha20':
      // RFC 8439 §2.4: a stream cipher, 256-bit key, 96-bit nonce (64-bit in the original).
      checkKey([32], key);
      return {
        name: 'chacha20',
        blockSize: 1,
        ivLength: 12,
        paddable: false,
        aead: false,
        legacy: false,
        isChaCha20: true,
      };
    case 'ChaCha20Poly1305':
      checkKey([32], key);
      return {
        name: 'chacha20-poly1305',
        blockSize: 1,
        ivLength: 12,
        paddable: false,
        aead: true,
        legacy: false,
      };
    case 'RC4':
      checkKey([16], key);
      return { name: 'rc4', blockSize: 1, ivLength: 0, paddable: false, aead: false, legacy: true };
    default: {
      const legacy = LEGACY[algorithm];
      if (!legacy) throw new CryptoUnsupportedCipherError(algorithm, m);
      checkKey(legacy.keyLengths, key);
      if (m !== 'ECB' && m !== 'CBC') throw new CryptoUnsupportedCipherError(algorithm, m);
      return blockMode(algorithm, legacy.prefix, m, legacy.block, true);
    }
  }
}
