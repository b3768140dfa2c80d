/**
 * DeriveKey with Derivation Method Asymmetric Key (KMIP 1.4 §4.6 / 2.1 §6.1.16, Derivation
 * Method enumeration): ECDH between the caller's private key (the first Unique Identifier, the
 * derivation base) and another party's public key (the second), both Active with Derive Key
 * in their usage masks, on the same curve; the caller needs DeriveKey permission on the
 * private key and read (Get) permission on the public key. The Cryptographic Parameters may name ECDH (or EC);
 * any other algorithm is Invalid Field. The new key is the leftmost bytes of the shared secret
 * Z (SEC 1 v2 §3.3.1, the x-coordinate of d·Q), as the OASIS case TC-DERIVEKEY-6 uses it: an
 * AES-256 key from secp256k1's 32-byte Z. KMIP defines no KDF for this method; a client that
 * wants SP 800-56C key derivation derives again (HKDF) from the result. Asking for more
 * bytes than Z has is Cryptographic Failure.
 */
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ResultReason,
} from '../../kmip/generated/registry.ts';
import type { DeriveKeyRequest } from '../../kmip/messages/payloads/derive-key.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { runCrypto } from './crypto-run.ts';
import type { OperationContext } from './context.ts';
import { convertKeyFormat } from './key-format-conversion.ts';
import { tryUnwrapObject } from './key-unwrapping.ts';
import { requireManagedKey, type ManagedKey } from './managed-key-use.ts';

const ECDH_ALGORITHMS: ReadonlySet<number> = new Set([
  CryptographicAlgorithm.ECDH,
  CryptographicAlgorithm.EC,
]);

async function useKey(
  ctx: OperationContext,
  id: string,
  kind: 'PrivateKey' | 'PublicKey',
): Promise<ManagedKey> {
  // The peer's public key is only read: the access policy is asked about Get for it (public
  // keys are readable material, as for a wrapping key), about DeriveKey for the private key.
  const key = await requireManagedKey(ctx, id, {
    operation: kind === 'PrivateKey' ? 'DeriveKey' : 'Get',
    usage: CryptographicUsageMask.DeriveKey,
    objectTypes: [kind],
    role: kind === 'PrivateKey' ? 'derivation private key' : "other party's public key",
  });
  const outcome = await tryUnwrapObject(key.object, ctx);
  return outcome.kind === 'clear' ? { ...key, object: outcome.object } : key;
}

/** The DER bytes of a key converted to `format` (PKCS_8 or X_509). */
function derOf(key: ManagedKey, format: number, ctx: OperationContext): Uint8Array {
  const object = convertKeyFormat(key.object, format, ctx);
  const value = 'keyBlock' in object ? object.keyBlock.keyValue : undefined;
  if (
    value === undefined ||
    value instanceof Uint8Array ||
    !(value.keyMaterial instanceof Uint8Array)
  ) {
    throw invalidField(`object ${key.id} is stored wrapped and cannot take part in ECDH`);
  }
  return value.keyMaterial;
}

/**
 * The ECDH-derived bytes and the base (the private key) for an Asymmetric Key derivation.
 * @throws KmipResultError Invalid Field (not one private and one public key, another
 *   algorithm, keys on different curves or not EC), Cryptographic Failure (longer than Z),
 *   and those of `requireManagedKey` for either key.
 */
export async function deriveByEcdh(
  request: DeriveKeyRequest,
  ids: readonly string[],
  length: number,
  ctx: OperationContext,
): Promise<{ readonly base: ManagedKey; readonly bytes: Uint8Array }> {
  const algorithm = request.derivationParameters.cryptographicParameters?.cryptographicAlgorithm;
  if (algorithm !== undefined && !ECDH_ALGORITHMS.has(algorithm)) {
    throw invalidField('the Asymmetric Key derivation method supports ECDH only');
  }
  const [privateId, publicId, ...rest] = ids;
  if (privateId === undefined || publicId === undefined || rest.length > 0) {
    throw invalidField(
      "the Asymmetric Key derivation method takes a private key and the other party's public key",
    );
  }
  const base = await useKey(ctx, privateId, 'PrivateKey');
  const peer = await useKey(ctx, publicId, 'PublicKey');
  const secret = runCrypto(ctx, () =>
    ctx.crypto.ecdhSharedSecret(
      { der: derOf(base, KeyFormatType.PKCS_8, ctx), format: 'PKCS_8' },
      { der: derOf(peer, KeyFormatType.X_509, ctx), format: 'X_509' },
    ),
  );
  if (length > secret.length) {
    throw new KmipResultError(
      ResultReason.CryptographicFailure,
      `ECDH on this curve yields ${secret.length * 8} bits, fewer than the Cryptographic Length`,
    );
  }
  return { base, bytes: secret.slice(0, length) };
}
