import { generateKeyPair as nodeGenerateKeyPair, type KeyObject } from 'node:crypto';
import { EC_CURVES, GENERATED_EC_CURVES, type GeneratedEcCurve } from './curves.ts';
import { CryptoInvalidLengthError, CryptoUnsupportedAlgorithmError } from './errors.ts';
import type {
  TransparentDsaPrivateKey,
  TransparentDsaPublicKey,
  TransparentEcPrivateKey,
  TransparentEcPublicKey,
  TransparentRsaPrivateKey,
  TransparentRsaPublicKey,
} from './key-formats.ts';
import { exportPrivateKey, exportPublicKey, identifyKey, type ParsedKey } from './key-objects.ts';
import { privateKeyToTransparent, publicKeyToTransparent } from './transparent.ts';

// Under 1024 bits RSA is factorable with public effort (RSA-768 fell in 2009); NIST SP 800-131A
// Rev. 2 disallows < 2048 for new keys, but 1024 stays for PyKMIP-era clients. Above 4096 one
// generation can hold a worker thread for many seconds, an easy denial of service.
const RSA_MIN_BITS = 1024;
const RSA_MAX_BITS = 4096;
// RFC 8017 §3.1 allows any odd e ≥ 3; 65537 is the universal choice (FIPS 186-5 §A.1.1).
const RSA_PUBLIC_EXPONENT = 0x10001;

/** What to generate in KMIP CreateKeyPair. */
export type KeyPairSpec =
  | { readonly algorithm: 'RSA'; readonly lengthBits: number }
  | { readonly algorithm: 'EC'; readonly curve: GeneratedEcCurve }
  | { readonly algorithm: 'Ed25519' }
  | { readonly algorithm: 'DSA'; readonly lengthBits: number; readonly divisorBits?: number };

// FIPS 186-4 §4.2: the (L, N) pairs of P and Q sizes; the first N of each L is the default.
// OpenSSL 3 refuses to generate anything else (512-bit keys can only be registered).
const DSA_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [1024, [160]],
  [2048, [256, 224]],
  [3072, [256]],
]);

/** A generated RSA key pair in every encoding KMIP offers for it. */
export interface RsaKeyPair {
  readonly algorithm: 'RSA';
  readonly lengthBits: number;
  readonly privateKey: {
    readonly PKCS_1: Uint8Array;
    readonly PKCS_8: Uint8Array;
    readonly transparent: TransparentRsaPrivateKey;
  };
  readonly publicKey: {
    readonly PKCS_1: Uint8Array;
    readonly X_509: Uint8Array;
    readonly transparent: TransparentRsaPublicKey;
  };
}

/** A generated EC key pair in every encoding KMIP offers for it. */
export interface EcKeyPair {
  readonly algorithm: 'EC';
  readonly curve: GeneratedEcCurve;
  readonly lengthBits: number;
  readonly privateKey: {
    readonly ECPrivateKey: Uint8Array;
    readonly PKCS_8: Uint8Array;
    readonly transparent: TransparentEcPrivateKey;
  };
  readonly publicKey: { readonly X_509: Uint8Array; readonly transparent: TransparentEcPublicKey };
}

/** A generated Ed25519 key pair (RFC 8410 encodings). */
export interface Ed25519KeyPair {
  readonly algorithm: 'Ed25519';
  readonly lengthBits: 256;
  readonly privateKey: { readonly PKCS_8: Uint8Array };
  readonly publicKey: { readonly X_509: Uint8Array };
}

/** A generated DSA key pair (PKCS#8 / SubjectPublicKeyInfo with id-dsa, RFC 3279 §2.3.2). */
export interface DsaKeyPair {
  readonly algorithm: 'DSA';
  /** Bits of P. */
  readonly lengthBits: number;
  /** Bits of Q. */
  readonly divisorBits: number;
  readonly privateKey: {
    readonly PKCS_8: Uint8Array;
    readonly transparent: TransparentDsaPrivateKey;
  };
  readonly publicKey: { readonly X_509: Uint8Array; readonly transparent: TransparentDsaPublicKey };
}

/** Any generated key pair. */
export type GeneratedKeyPair = RsaKeyPair | EcKeyPair | Ed25519KeyPair | DsaKeyPair;

/**
 * Generates an asymmetric key pair (KMIP CreateKeyPair) on Node's worker pool, so an RSA
 * generation does not stall the event loop.
 * @throws CryptoUnsupportedAlgorithmError (KW_CRYPTO_UNSUPPORTED_ALGORITHM) for an unknown
 *   algorithm or curve.
 * @throws CryptoInvalidLengthError (KW_CRYPTO_INVALID_LENGTH) for an RSA length outside
 *   1024..4096 or not a multiple of 8 (under 1024 is refused as weak), or DSA sizes other than
 *   FIPS 186-4's (1024/160, 2048/224, 2048/256, 3072/256).
 * @example
 * const pair = await generateKeyPair({ algorithm: 'EC', curve: 'P_256' });
 * store(pair.privateKey.PKCS_8, pair.publicKey.X_509);
 */
export async function generateKeyPair(
  spec: KeyPairSpec & { readonly algorithm: 'RSA' },
): Promise<RsaKeyPair>;
export async function generateKeyPair(
  spec: KeyPairSpec & { readonly algorithm: 'EC' },
): Promise<EcKeyPair>;
export async function generateKeyPair(
  spec: KeyPairSpec & { readonly algorithm: 'Ed25519' },
): Promise<Ed25519KeyPair>;
export async function generateKeyPair(
  spec: KeyPairSpec & { readonly algorithm: 'DSA' },
): Promise<DsaKeyPair>;
export async function generateKeyPair(spec: KeyPairSpec): Promise<GeneratedKeyPair>;
export async function generateKeyPair(spec: KeyPairSpec): Promise<GeneratedKeyPair> {
  switch (spec.algorithm) {
    case 'RSA':
      return generateRsa(spec.lengthBits);
    case 'EC':
      return generateEc(spec.curve);
    case 'Ed25519':
      return generateEd25519();
    case 'DSA':
      return generateDsa(spec.lengthBits, spec.divisorBits);
    default:
      throw new CryptoUnsupportedAlgorithmError(String((spec as { algorithm: unknown }).algorithm));
  }
}

async function generateRsa(lengthBits: number): Promise<RsaKeyPair> {
  if (!Number.isSafeInteger(lengthBits) || lengthBits % 8 !== 0 || lengthBits > RSA_MAX_BITS) {
    throw new CryptoInvalidLengthError('RSA', lengthBits);
  }
  if (lengthBits < RSA_MIN_BITS) {
    throw new CryptoInvalidLengthError('RSA', lengthBits, 'refused as weak, the minimum is 1024');
  }
  const { privateKey, publicKey } = await settle((done) =>
    nodeGenerateKeyPair(
      'rsa',
      { modulusLength: lengthBits, publicExponent: RSA_PUBLIC_EXPONENT },
      done,
    ),
  );
  const priv = identifyKey(privateKey);
  const pub = identifyKey(publicKey);
  return {
    algorithm: 'RSA',
    lengthBits,
    privateKey: {
      PKCS_1: exportPrivateKey(priv, 'PKCS_1'),
      PKCS_8: exportPrivateKey(priv, 'PKCS_8'),
      transparent: privateKeyToTransparent(priv) as TransparentRsaPrivateKey,
    },
    publicKey: {
      PKCS_1: exportPublicKey(pub, 'PKCS_1'),
      X_509: exportPublicKey(pub, 'X_509'),
      transparent: publicKeyToTransparent(pub) as TransparentRsaPublicKey,
    },
  };
}

async function generateEc(curve: GeneratedEcCurve): Promise<EcKeyPair> {
  if (!GENERATED_EC_CURVES.includes(curve)) {
    throw new CryptoUnsupportedAlgorithmError(String(curve));
  }
  const { openssl } = EC_CURVES[curve];
  const { privateKey, publicKey } = await settle((done) =>
    nodeGenerateKeyPair('ec', { namedCurve: openssl }, done),
  );
  const priv = identifyKey(privateKey);
  const pub = identifyKey(publicKey);
  return {
    algorithm: 'EC',
    curve,
    lengthBits: EC_CURVES[curve].bits,
    privateKey: {
      ECPrivateKey: exportPrivateKey(priv, 'ECPrivateKey'),
      PKCS_8: exportPrivateKey(priv, 'PKCS_8'),
      transparent: privateKeyToTransparent(priv) as TransparentEcPrivateKey,
    },
    publicKey: {
      X_509: exportPublicKey(pub, 'X_509'),
      transparent: publicKeyToTransparent(pub) as TransparentEcPublicKey,
    },
  };
}

async function generateEd25519(): Promise<Ed25519KeyPair> {
  const { privateKey, publicKey } = await settle((done) =>
    nodeGenerateKeyPair('ed25519', {}, done),
  );
  const priv: ParsedKey = identifyKey(privateKey);
  return {
    algorithm: 'Ed25519',
    // RFC 8032 §5.1.5: 32-byte keys; KMIP Cryptographic Length carries 256.
    lengthBits: 256,
    privateKey: { PKCS_8: exportPrivateKey(priv, 'PKCS_8') },
    publicKey: { X_509: exportPublicKey(identifyKey(publicKey), 'X_509') },
  };
}

async function generateDsa(lengthBits: number, divisorBits?: number): Promise<DsaKeyPair> {
  const divisors = DSA_SIZES.get(lengthBits);
  const divisorLength = divisorBits ?? divisors?.[0];
  if (divisors === undefined || divisorLength === undefined || !divisors.includes(divisorLength)) {
    const detail = `FIPS 186-4 sizes are 1024/160, 2048/224, 2048/256, 3072/256 (P/Q bits)`;
    throw new CryptoInvalidLengthError('DSA', lengthBits, detail);
  }
  const { privateKey, publicKey } = await settle((done) =>
    nodeGenerateKeyPair('dsa', { modulusLength: lengthBits, divisorLength }, done),
  );
  const priv = identifyKey(privateKey);
  const pub = identifyKey(publicKey);
  return {
    algorithm: 'DSA',
    lengthBits,
    divisorBits: divisorLength,
    privateKey: {
      PKCS_8: exportPrivateKey(priv, 'PKCS_8'),
      transparent: privateKeyToTransparent(priv) as TransparentDsaPrivateKey,
    },
    publicKey: {
      X_509: exportPublicKey(pub, 'X_509'),
      transparent: publicKeyToTransparent(pub) as TransparentDsaPublicKey,
    },
  };
}

type Done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) => void;

// Node's generateKeyPair is callback-based and typed per key type; this wraps one call.
function settle(
  start: (done: Done) => void,
): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return new Promise((resolve, reject) => {
    start((error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ privateKey, publicKey }),
    );
  });
}
