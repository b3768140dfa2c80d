/**
 * DER key material ↔ Node KeyObjects, by KMIP Key Format Type. Every parse failure becomes one
 * fixed-message CryptoKeyFormatError: OpenSSL's own messages are not passed on.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { takeBytes } from './bytes.ts';
import { curveFromOpensslName, type EcCurve } from './curves.ts';
import { DerTag } from '../asn1/der.ts';
import { hasSequenceShape } from './der-shape.ts';
import { assertValidDsaKey } from './dsa-key.ts';
import {
  CryptoKeyFormatError,
  CryptoUnsupportedAlgorithmError,
  CryptoUnsupportedFormatError,
} from './errors.ts';
import type { KeyPairAlgorithm, PrivateKeyFormat, PublicKeyFormat } from './key-formats.ts';

const { Integer, OctetString, Sequence, BitString } = DerTag;

// The leading children each encoding must have (see der-shape.ts for why we look at all).
const PRIVATE_SHAPES: Record<PrivateKeyFormat, { prefix: number[]; exact: boolean }> = {
  // RFC 8017 A.1.2: version, n, e, d, p, q, dp, dq, qi [, otherPrimeInfos]
  PKCS_1: { prefix: Array<number>(9).fill(Integer), exact: false },
  // RFC 5208 §5: version, algorithm, privateKey [, attributes] (RFC 5958 adds publicKey)
  PKCS_8: { prefix: [Integer, Sequence, OctetString], exact: false },
  // RFC 5915 §3: version, privateKey [, parameters] [, publicKey]
  ECPrivateKey: { prefix: [Integer, OctetString], exact: false },
};

const PUBLIC_SHAPES: Record<PublicKeyFormat, { prefix: number[]; exact: boolean }> = {
  PKCS_1: { prefix: [Integer, Integer], exact: true }, // RFC 8017 A.1.1: n, e
  X_509: { prefix: [Sequence, BitString], exact: true }, // RFC 5280 §4.1: algorithm, key
};

const NODE_PRIVATE_TYPE = { PKCS_1: 'pkcs1', PKCS_8: 'pkcs8', ECPrivateKey: 'sec1' } as const;
const NODE_PUBLIC_TYPE = { PKCS_1: 'pkcs1', X_509: 'spki' } as const;

/** A parsed key with what we know about it. */
export interface ParsedKey {
  readonly key: KeyObject;
  readonly algorithm: KeyPairAlgorithm;
  /** Set for EC keys. */
  readonly curve: EcCurve | undefined;
}

/** Names the key's algorithm (and curve); refuses key types this module does not handle. */
export function identifyKey(key: KeyObject): ParsedKey {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { key, algorithm: 'RSA', curve: undefined };
    case 'ed25519':
      return { key, algorithm: 'Ed25519', curve: undefined };
    case 'dsa':
      return { key, algorithm: 'DSA', curve: undefined };
    case 'ec': {
      const opensslName = key.asymmetricKeyDetails?.namedCurve;
      const curve = curveFromOpensslName(opensslName);
      if (curve === undefined) throw new CryptoUnsupportedAlgorithmError(opensslName ?? 'EC');
      return { key, algorithm: 'EC', curve };
    }
    default:
      // rsa-pss keys are refused too: re-encoding them as plain RSA would drop their restrictions.
      throw new CryptoUnsupportedAlgorithmError(key.asymmetricKeyType ?? 'unknown');
  }
}

/** Refuses a format that cannot hold a key of `algorithm` (PKCS_1 is RSA only, ECPrivateKey EC only). */
export function assertFormatFits(algorithm: KeyPairAlgorithm, format: string): void {
  if (
    (format === 'PKCS_1' && algorithm !== 'RSA') ||
    (format === 'ECPrivateKey' && algorithm !== 'EC')
  ) {
    throw new CryptoUnsupportedFormatError(algorithm, format);
  }
}

/** Parses a DER private key in `format`. */
export function importPrivateKey(der: Uint8Array, format: PrivateKeyFormat): ParsedKey {
  if (!Object.hasOwn(PRIVATE_SHAPES, format))
    throw new CryptoUnsupportedFormatError('unknown', format);
  const shape = PRIVATE_SHAPES[format];
  if (!hasSequenceShape(der, shape.prefix, shape.exact)) throw new CryptoKeyFormatError(format);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: toBuffer(der), format: 'der', type: NODE_PRIVATE_TYPE[format] });
  } catch {
    throw new CryptoKeyFormatError(format);
  }
  const parsed = identifyKey(key);
  if (parsed.algorithm === 'DSA') assertValidDsaKey(key, format);
  // The shapes of PKCS_1 and ECPrivateKey already imply the type; this guards the implication.
  if (format === 'PKCS_1' && parsed.algorithm !== 'RSA') throw new CryptoKeyFormatError(format);
  if (format === 'ECPrivateKey' && parsed.algorithm !== 'EC')
    throw new CryptoKeyFormatError(format);
  return parsed;
}

/** Parses a DER public key in `format`. */
export function importPublicKey(der: Uint8Array, format: PublicKeyFormat): ParsedKey {
  if (!Object.hasOwn(PUBLIC_SHAPES, format))
    throw new CryptoUnsupportedFormatError('unknown', format);
  const shape = PUBLIC_SHAPES[format];
  if (!hasSequenceShape(der, shape.prefix, shape.exact)) throw new CryptoKeyFormatError(format);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: toBuffer(der), format: 'der', type: NODE_PUBLIC_TYPE[format] });
  } catch {
    throw new CryptoKeyFormatError(format);
  }
  const parsed = identifyKey(key);
  if (parsed.algorithm === 'DSA') assertValidDsaKey(key, format);
  return parsed;
}

/** Encodes a private key as DER in `format`. */
export function exportPrivateKey(parsed: ParsedKey, format: PrivateKeyFormat): Uint8Array {
  assertFormatFits(parsed.algorithm, format);
  if (!Object.hasOwn(NODE_PRIVATE_TYPE, format)) {
    throw new CryptoUnsupportedFormatError(parsed.algorithm, format);
  }
  const type = NODE_PRIVATE_TYPE[format];
  return takeBytes(parsed.key.export({ format: 'der', type }));
}

/** Encodes a public key (or the public half of a private key) as DER in `format`. */
export function exportPublicKey(parsed: ParsedKey, format: PublicKeyFormat): Uint8Array {
  assertFormatFits(parsed.algorithm, format);
  if (!Object.hasOwn(NODE_PUBLIC_TYPE, format)) {
    throw new CryptoUnsupportedFormatError(parsed.algorithm, format);
  }
  const type = NODE_PUBLIC_TYPE[format];
  const publicKey = parsed.key.type === 'private' ? createPublicKey(parsed.key) : parsed.key;
  return takeBytes(publicKey.export({ format: 'der', type }));
}

// A Buffer view over the caller's bytes (no copy), as Node's key parsers want.
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
