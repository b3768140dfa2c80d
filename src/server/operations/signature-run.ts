/**
 * Signing and verification with a checked key, shared by Sign and SignatureVerify. The
 * signature scheme comes from the Digital Signature Algorithm (e.g. SHA_256WithRSAEncryption,
 * RSASSA_PSS, ECDSAWithSHA384) or from Cryptographic Algorithm + Padding Method + Hashing
 * Algorithm, defaulting to the key's algorithm. Digested Data: RSA PKCS#1 v1.5 and PSS, and
 * ECDSA, sign and verify; DSA verifies, and signing it is Feature Not Supported (src/crypto,
 * docs/crypto.md).
 * A scheme of another key family (RSA parameters for an EC key): Sign refuses it with Bad
 * Cryptographic Parameters; SignatureVerify answers Invalid, since no signature of that scheme
 * can be valid under the key — as the OASIS TC-ECDSA-SIGN-DIGESTEDDATA cases (1.4, 2.0) expect.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import type { NamedParameters } from './crypto-params.ts';
import { noteAlgorithmUse, runCrypto } from './crypto-run.ts';
import { asymmetricKeyDer } from './key-material.ts';
import type { UsableKey } from './key-use.ts';

interface Scheme {
  readonly algorithm: string;
  readonly padding?: string;
  readonly hash?: string;
}

// KMIP Digital Signature Algorithm → scheme (KMIP 1.4 §9.1.3.2.7).
const DIGITAL_SIGNATURE_ALGORITHMS: Readonly<Record<string, Scheme>> = {
  SHA_1WithRSAEncryption: { algorithm: 'RSA', padding: 'PKCS1V1_5', hash: 'SHA_1' },
  SHA_224WithRSAEncryption: { algorithm: 'RSA', padding: 'PKCS1V1_5', hash: 'SHA_224' },
  SHA_256WithRSAEncryption: { algorithm: 'RSA', padding: 'PKCS1V1_5', hash: 'SHA_256' },
  SHA_384WithRSAEncryption: { algorithm: 'RSA', padding: 'PKCS1V1_5', hash: 'SHA_384' },
  SHA_512WithRSAEncryption: { algorithm: 'RSA', padding: 'PKCS1V1_5', hash: 'SHA_512' },
  RSASSA_PSS: { algorithm: 'RSA', padding: 'PSS' },
  ECDSAWithSHA_1: { algorithm: 'ECDSA', hash: 'SHA_1' },
  ECDSAWithSHA224: { algorithm: 'ECDSA', hash: 'SHA_224' },
  ECDSAWithSHA256: { algorithm: 'ECDSA', hash: 'SHA_256' },
  ECDSAWithSHA384: { algorithm: 'ECDSA', hash: 'SHA_384' },
  ECDSAWithSHA512: { algorithm: 'ECDSA', hash: 'SHA_512' },
  DSAWithSHA_1: { algorithm: 'DSA', hash: 'SHA_1' },
  DSAWithSHA224: { algorithm: 'DSA', hash: 'SHA_224' },
  DSAWithSHA256: { algorithm: 'DSA', hash: 'SHA_256' },
};

// Key algorithm (registry name) → signature algorithm src/crypto takes.
const KEY_SIGNATURE_ALGORITHM: Readonly<Record<string, string>> = {
  RSA: 'RSA',
  EC: 'ECDSA',
  ECDSA: 'ECDSA',
  DSA: 'DSA',
  Ed25519: 'Ed25519',
  Ed448: 'Ed448',
};

const SIGNATURE_FAMILIES: ReadonlySet<string> = new Set(Object.values(KEY_SIGNATURE_ALGORITHM));

/** The scheme the parameters ask for, and whether it is the key's own signature family. */
function schemeFor(
  key: UsableKey,
  params: NamedParameters,
): { readonly scheme: Scheme; readonly fitsKey: boolean } {
  const keyAlgorithm =
    key.algorithm === undefined ? undefined : KEY_SIGNATURE_ALGORITHM[key.algorithm];
  if (keyAlgorithm === undefined) {
    throw invalidField(`a ${key.algorithm ?? 'key of unknown algorithm'} cannot sign`);
  }
  let scheme: Scheme;
  if (params.signatureAlgorithm !== undefined) {
    const known = DIGITAL_SIGNATURE_ALGORITHMS[params.signatureAlgorithm];
    if (known === undefined) {
      throw new KmipResultError(
        ResultReason.UnsupportedCryptographicParameters,
        `Digital Signature Algorithm ${params.signatureAlgorithm} is not supported`,
      );
    }
    scheme = {
      ...known,
      ...(known.hash === undefined && params.hash !== undefined ? { hash: params.hash } : {}),
    };
  } else {
    const requested =
      params.algorithm === undefined
        ? keyAlgorithm
        : (KEY_SIGNATURE_ALGORITHM[params.algorithm] ?? params.algorithm);
    scheme = {
      algorithm: requested,
      ...(params.padding === undefined ? {} : { padding: params.padding }),
      ...(params.hash === undefined ? {} : { hash: params.hash }),
    };
  }
  return { scheme, fitsKey: scheme.algorithm === keyAlgorithm };
}

/** The message or its digest. */
export type SignInput = { readonly data: Uint8Array } | { readonly digest: Uint8Array };

function signatureParams(
  key: UsableKey,
  scheme: Scheme,
  params: NamedParameters,
  input: SignInput,
  ctx: OperationContext,
) {
  return {
    algorithm: scheme.algorithm,
    key: asymmetricKeyDer(key, ctx),
    policy: ctx.cryptoPolicy,
    ...(scheme.padding === undefined ? {} : { padding: scheme.padding }),
    ...(scheme.hash === undefined ? {} : { hash: scheme.hash }),
    ...(params.saltLength === undefined ? {} : { saltLength: params.saltLength }),
    ...input,
  };
}

/** Signs with a private key. @throws KmipResultError (see crypto-run.ts). */
export function signWithKey(
  key: UsableKey,
  params: NamedParameters,
  input: SignInput,
  ctx: OperationContext,
): Uint8Array {
  const { scheme, fitsKey } = schemeFor(key, params);
  if (!fitsKey) {
    throw new KmipResultError(
      ResultReason.BadCryptographicParameters,
      `signature algorithm ${scheme.algorithm} does not match the key's (${key.algorithm ?? '?'})`,
    );
  }
  const p = signatureParams(key, scheme, params, input, ctx);
  const signature = runCrypto(ctx, () => ctx.crypto.sign(p));
  noteAlgorithmUse(ctx, { algorithm: p.algorithm, objectId: key.record.id, operation: 'Sign' });
  return signature;
}

/**
 * Verifies with a public key: true when the signature is valid; false too for a scheme of
 * another key family. @throws KmipResultError.
 */
export function verifyWithKey(
  key: UsableKey,
  params: NamedParameters,
  input: SignInput & { readonly signature: Uint8Array },
  ctx: OperationContext,
): boolean {
  const { signature, ...message } = input;
  const { scheme, fitsKey } = schemeFor(key, params);
  if (!fitsKey) {
    if (SIGNATURE_FAMILIES.has(scheme.algorithm)) return false;
    throw new KmipResultError(
      ResultReason.BadCryptographicParameters,
      `${scheme.algorithm} is not a signature algorithm`,
    );
  }
  const p = signatureParams(key, scheme, params, message, ctx);
  const isValid = runCrypto(ctx, () => ctx.crypto.verify({ ...p, signature }));
  noteAlgorithmUse(ctx, {
    algorithm: p.algorithm,
    objectId: key.record.id,
    operation: 'SignatureVerify',
  });
  return isValid;
}
