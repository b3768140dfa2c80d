import { createHash } from 'node:crypto';
import { encryptSymmetric } from '../ciphers/symmetric.ts';
import { CryptoParameterError, CryptoUnsupportedCipherError } from '../ciphers/errors.ts';
import { assertAlgorithmAllowed, DEFAULT_CRYPTO_POLICY } from '../policy/policy.ts';
import type { CryptoPolicy } from '../policy/policy.ts';
import {
  hkdf,
  KDF_HASHES,
  kdfCounterHmac,
  kdfDoublePipelineHmac,
  kdfFeedbackHmac,
  pbkdf2,
} from './kdf.ts';

/** KMIP 1.4 §4.6 DeriveKey methods this layer implements (KMIP Derivation Method names). */
export const DERIVATION_METHODS: readonly string[] = [
  'PBKDF2',
  'HASH',
  'HMAC',
  'ENCRYPT',
  'NIST800_108_C',
  'NIST800_108_F',
  'NIST800_108_DPI',
];

/** Inputs of a KMIP derivation; names follow the Derivation Parameters structure (KMIP 1.4 §2.1.10). */
export interface DeriveKeyParams {
  /** KMIP Derivation Method name. */
  readonly method: string;
  /** Key material of the base object (the password, for PBKDF2). */
  readonly keyMaterial: Uint8Array;
  /** Length of the derived key in bytes (KMIP Cryptographic Length / 8). */
  readonly length: number;
  /** KMIP Hashing Algorithm of the Cryptographic Parameters; SHA_256 by default. */
  readonly hash?: string;
  readonly derivationData?: Uint8Array;
  readonly salt?: Uint8Array;
  readonly iterationCount?: number;
  /** NIST800_108_F only: K(0), the Derivation Parameters' Initialization Vector; empty when absent. */
  readonly initializationVector?: Uint8Array;
  /** ENCRYPT only: cipher of the base key (KMIP names), and its IV. */
  readonly encryption?: {
    readonly algorithm: string;
    readonly mode?: string;
    readonly padding?: string;
    readonly iv?: Uint8Array;
  };
  readonly policy?: CryptoPolicy;
}

function truncate(out: Uint8Array, length: number): Uint8Array {
  // PyKMIP and KMIP: a longer result is cut to the requested length; a shorter one is an error.
  if (out.length < length)
    throw new CryptoParameterError('length', `method yields only ${out.length} bytes`);
  return out.subarray(0, length);
}

/**
 * Derive key material as KMIP DeriveKey does (behaviour aligned with PyKMIP's engine):
 * PBKDF2(password = key material, salt, iteration count); HASH of the key material;
 * HMAC = HKDF(hash, key material, salt, info = derivation data); ENCRYPT = derivation data
 * encrypted under the base key; NIST800_108_C / _F / _DPI = SP 800-108 counter, feedback
 * (K(0) = initialization vector) and double-pipeline iteration modes with HMAC and a 32-bit
 * counter, fixed input = derivation data.
 */
export function deriveKey(p: DeriveKeyParams): Uint8Array {
  const hash = p.hash ?? 'SHA_256';
  const policy = p.policy ?? DEFAULT_CRYPTO_POLICY;
  const data = p.derivationData ?? new Uint8Array();
  switch (p.method) {
    case 'PBKDF2':
      if (p.salt === undefined || p.iterationCount === undefined) {
        throw new CryptoParameterError('salt', 'PBKDF2 needs a salt and an iteration count');
      }
      return pbkdf2(hash, p.keyMaterial, p.salt, p.iterationCount, p.length);
    case 'HASH': {
      const h = KDF_HASHES[hash];
      if (!h) throw new CryptoParameterError('hash', `unsupported hash ${hash}`);
      if (p.derivationData !== undefined && p.derivationData.length > 0) {
        // PyKMIP refuses both inputs: hash one or the other, never a guessed concatenation.
        throw new CryptoParameterError(
          'derivationData',
          'HASH derives from the key material alone',
        );
      }
      return truncate(new Uint8Array(createHash(h.node).update(p.keyMaterial).digest()), p.length);
    }
    case 'HMAC':
      assertAlgorithmAllowed(
        `HMAC_${hash.replace('SHA_', 'SHA')}`,
        p.keyMaterial.length * 8,
        'derive',
        policy,
      );
      return hkdf(hash, p.keyMaterial, p.salt ?? new Uint8Array(), data, p.length);
    case 'ENCRYPT': {
      if (!p.encryption)
        throw new CryptoParameterError('encryption', 'ENCRYPT needs cipher parameters');
      const out = encryptSymmetric({ ...p.encryption, key: p.keyMaterial, data, policy });
      return truncate(out.data, p.length);
    }
    case 'NIST800_108_C':
    case 'NIST800_108_F':
    case 'NIST800_108_DPI':
      assertAlgorithmAllowed(
        `HMAC_${hash.replace('SHA_', 'SHA')}`,
        p.keyMaterial.length * 8,
        'derive',
        policy,
      );
      if (p.method === 'NIST800_108_C') return kdfCounterHmac(hash, p.keyMaterial, data, p.length);
      if (p.method === 'NIST800_108_DPI')
        return kdfDoublePipelineHmac(hash, p.keyMaterial, data, p.length);
      return kdfFeedbackHmac(
        hash,
        p.keyMaterial,
        p.initializationVector ?? new Uint8Array(),
        data,
        p.length,
      );
    default:
      throw new CryptoUnsupportedCipherError(p.method);
  }
}
