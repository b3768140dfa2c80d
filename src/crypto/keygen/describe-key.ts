import { EC_CURVES, type EcCurve } from './curves.ts';
import { DerTag } from '../asn1/der.ts';
import { hasSequenceShape } from './der-shape.ts';
import type { KeyPairAlgorithm, PrivateKeyFormat, PublicKeyFormat } from './key-formats.ts';
import { importPrivateKey, importPublicKey, type ParsedKey } from './key-objects.ts';

/** What the server records about a registered key (Cryptographic Algorithm / Length). */
export interface KeyDescription {
  readonly algorithm: KeyPairAlgorithm;
  /** RSA: modulus bits; EC: curve size (521 for P_521); Ed25519: 256; DSA: bits of P. */
  readonly lengthBits: number;
  /** The curve of an EC key (KMIP RecommendedCurve name). */
  readonly curve?: EcCurve;
  /** Whether the material is a private key (it always is for PKCS_8 and ECPrivateKey). */
  readonly isPrivate: boolean;
}

/**
 * Names the algorithm and length of DER key material, for KMIP Register. `PKCS_1` holds either
 * an RSAPrivateKey or an RSAPublicKey; the two ASN.1 structures cannot be confused, and
 * `isPrivate` says which one it was, so the server can check it against the Object Type.
 * @throws CryptoKeyFormatError (KW_CRYPTO_KEY_FORMAT) when `der` is not a valid `format` encoding.
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for key types other
 *   than RSA, EC on a known curve, Ed25519 and DSA.
 */
export function describeKey(
  der: Uint8Array,
  format: PrivateKeyFormat | PublicKeyFormat,
): KeyDescription {
  switch (format) {
    case 'PKCS_8':
    case 'ECPrivateKey':
      return describeParsedKey(importPrivateKey(der, format));
    case 'X_509':
      return describeParsedKey(importPublicKey(der, format));
    case 'PKCS_1': {
      // RFC 8017 A.1.1 RSAPublicKey is exactly two INTEGERs; RSAPrivateKey has at least nine.
      const isPublic = hasSequenceShape(der, [DerTag.Integer, DerTag.Integer], true);
      return describeParsedKey(
        isPublic ? importPublicKey(der, format) : importPrivateKey(der, format),
      );
    }
    default:
      // Unknown names fall to the private-key parser, which refuses them with a typed error.
      return describeParsedKey(importPrivateKey(der, format));
  }
}

/** The description of an already parsed key. */
export function describeParsedKey(parsed: ParsedKey): KeyDescription {
  const isPrivate = parsed.key.type === 'private';
  switch (parsed.algorithm) {
    case 'RSA':
      return {
        algorithm: 'RSA',
        lengthBits: parsed.key.asymmetricKeyDetails?.modulusLength ?? 0,
        isPrivate,
      };
    case 'EC': {
      const curve = parsed.curve as EcCurve;
      return { algorithm: 'EC', lengthBits: EC_CURVES[curve].bits, curve, isPrivate };
    }
    case 'Ed25519':
      return { algorithm: 'Ed25519', lengthBits: 256, isPrivate };
    case 'DSA':
      // KMIP Cryptographic Length of a DSA key: the bit length of P (as the OASIS BL-M-12 case).
      return {
        algorithm: 'DSA',
        lengthBits: parsed.key.asymmetricKeyDetails?.modulusLength ?? 0,
        isPrivate,
      };
  }
}
