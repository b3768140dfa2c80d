// Security strength estimates, NIST SP 800-57 Part 1 Rev. 5 §5.6.1 (Tables 2 and 3).

/** Algorithms the default policy refuses whatever their key length (broken or deprecated). */
export const LEGACY_ALGORITHMS: ReadonlySet<string> = new Set([
  'DES',
  'RC2',
  'RC4',
  'RC5',
  'Blowfish',
  'CAST5',
  'IDEA',
  'SEED',
  'SKIPJACK',
  'HMAC_MD5',
  'MD5',
  'MD2',
  'MD4',
]);

// HMAC strength is bounded by the hash: SP 800-57 Table 3 (HMAC column), SP 800-107 §5.3.4.
const HMAC_HASH_STRENGTH: Record<string, number> = {
  HMAC_MD5: 0, // not approved at all; reported as legacy first
  HMAC_SHA1: 128,
  HMAC_SHA224: 192,
  HMAC_SHA256: 256,
  HMAC_SHA384: 256,
  HMAC_SHA512: 256,
  HMAC_SHA3_224: 192,
  HMAC_SHA3_256: 256,
  HMAC_SHA3_384: 256,
  HMAC_SHA3_512: 256,
};

// Table 2: IFC/FFC modulus size → strength (RSA, DSA, DH).
function integerFactorizationStrength(bits: number): number {
  if (bits >= 15360) return 256;
  if (bits >= 7680) return 192;
  if (bits >= 3072) return 128;
  if (bits >= 2048) return 112;
  if (bits >= 1024) return 80;
  return 0;
}

/**
 * Estimated security strength in bits of `algorithm` (KMIP Cryptographic Algorithm name) with
 * a key of `keyLengthBits`. Unknown algorithms return 0 so that the policy refuses them.
 */
export function securityStrength(algorithm: string, keyLengthBits?: number): number {
  const bits = keyLengthBits ?? 0;
  switch (algorithm) {
    case 'AES':
    case 'Camellia':
    case 'ARIA':
    case 'SM4':
    case 'Twofish':
    case 'SEED':
    case 'IDEA':
    case 'CAST5':
    case 'Blowfish':
      return Math.min(bits, 256);
    case 'ChaCha20':
    case 'ChaCha20Poly1305':
      return 256;
    case 'DES3':
      // 3-key TDEA (168 bits, 192 with parity) = 112; 2-key (112/128) = 80 — SP 800-57 Table 2.
      // A one-key bundle (64 bits with parity) is single DES.
      if (bits >= 168) return 112;
      return keyLengthBits !== undefined && bits <= 64 ? 56 : 80;
    case 'DES':
      return 56;
    case 'RC4':
    case 'RC2':
    case 'RC5':
      return Math.min(bits, 128);
    case 'RSA':
    case 'DSA':
    case 'DH':
      return integerFactorizationStrength(bits);
    case 'EC':
    case 'ECDSA':
    case 'ECDH':
    case 'ECMQV':
      return Math.floor(bits / 2); // ECC: strength = half the order size (Table 2).
    case 'Ed25519':
      return 128;
    case 'Ed448':
      return 224;
    default: {
      const hashStrength = HMAC_HASH_STRENGTH[algorithm];
      if (hashStrength === undefined) return 0;
      // A key shorter than the strength caps it; an unspecified key length is judged by the hash.
      return keyLengthBits === undefined ? hashStrength : Math.min(bits, hashStrength);
    }
  }
}
