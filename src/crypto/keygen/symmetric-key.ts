import { randomFillSync } from 'node:crypto';
import { CryptoInvalidLengthError, CryptoUnsupportedAlgorithmError } from './errors.ts';
import {
  isAllowedLength,
  isSymmetricAlgorithm,
  symmetricKeyBytes,
  SYMMETRIC_KEY_LENGTHS,
  type SymmetricAlgorithm,
} from './symmetric-algorithms.ts';

/**
 * Checks that `algorithm` is a supported symmetric algorithm and `lengthBits` a length it allows.
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for an unknown name.
 * @throws CryptoInvalidLengthError (KW_CRYPTO_INVALID_LENGTH) for a length the algorithm refuses.
 */
export function assertSymmetricKeyLength(
  algorithm: string,
  lengthBits: number,
): asserts algorithm is SymmetricAlgorithm {
  if (!isSymmetricAlgorithm(algorithm)) throw new CryptoUnsupportedAlgorithmError(algorithm);
  if (!isAllowedLength(SYMMETRIC_KEY_LENGTHS[algorithm], lengthBits)) {
    throw new CryptoInvalidLengthError(algorithm, lengthBits);
  }
}

/**
 * Generates a symmetric key (KMIP Create) of `lengthBits` bits from the OS CSPRNG, as Raw bytes
 * in a fresh `Uint8Array` the caller may zero. DES3 keys carry odd parity in every byte; a DES3
 * length of 112 or 168 (the effective length) gives a 16- or 24-byte key bundle.
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for an unknown name.
 * @throws CryptoInvalidLengthError (KW_CRYPTO_INVALID_LENGTH) for a length the algorithm refuses.
 * @example
 * const key = generateSymmetricKey('AES', 256); // 32 random bytes
 */
export function generateSymmetricKey(algorithm: string, lengthBits: number): Uint8Array {
  assertSymmetricKeyLength(algorithm, lengthBits);
  const key = randomFillSync(new Uint8Array(symmetricKeyBytes(algorithm, lengthBits)));
  if (algorithm === 'DES3') setOddParity(key);
  return key;
}

/**
 * Checks key material handed to KMIP Register against the algorithm's allowed lengths and
 * returns its length in bits (for the Cryptographic Length attribute). DES3 parity is not
 * checked: many clients do not set it and the cipher ignores it.
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for an unknown name.
 * @throws CryptoInvalidLengthError (KW_CRYPTO_INVALID_LENGTH) when the length is not allowed.
 */
export function validateSymmetricKeyLength(algorithm: string, material: Uint8Array): number {
  const lengthBits = material.length * 8;
  assertSymmetricKeyLength(algorithm, lengthBits);
  return lengthBits;
}

/**
 * Tells whether key material of `material.length` bytes is a `lengthBits` key of `algorithm`
 * (for Register, which compares a stated Cryptographic Length with the material): a 24-byte
 * DES3 key is one of 192 bits or, by its effective length, of 168.
 */
export function isSymmetricKeyLength(
  algorithm: string,
  lengthBits: number,
  material: Uint8Array,
): boolean {
  if (!isSymmetricAlgorithm(algorithm)) return false;
  if (!isAllowedLength(SYMMETRIC_KEY_LENGTHS[algorithm], lengthBits)) return false;
  return symmetricKeyBytes(algorithm, lengthBits) === material.length;
}

// FIPS 46-3 §3 / NIST SP 800-67 Rev. 2 §3.1: the low bit of each DES key byte is a parity bit
// set so the byte has an odd number of ones. Some HSM-backed clients check it on import.
function setOddParity(key: Uint8Array): void {
  for (let i = 0; i < key.length; i++) {
    const high = (key[i] ?? 0) & 0xfe;
    let ones = 0;
    for (let b = high; b !== 0; b >>= 1) ones += b & 1;
    key[i] = high | (ones % 2 === 0 ? 1 : 0);
  }
}
