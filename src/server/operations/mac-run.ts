/**
 * MAC computation with a checked symmetric key, shared by MAC and MACVerify: HMAC with the
 * hash the Cryptographic Algorithm names (HMAC_MD5 … HMAC_SHA3_512; the key's algorithm, or
 * the request's, as PyKMIP does: any symmetric key's bytes may key an HMAC), or CMAC with an
 * AES key (Cryptographic Algorithm AES or Block Cipher Mode CMAC; NIST SP 800-38B).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import type { NamedParameters } from './crypto-params.ts';
import { noteAlgorithmUse, runCrypto } from './crypto-run.ts';
import { symmetricKeyBytes } from './key-material.ts';
import type { UsableKey } from './key-use.ts';

function macAlgorithm(key: UsableKey, params: NamedParameters): string {
  if (params.mode === 'CMAC' || (params.algorithm ?? key.algorithm) === 'AES') {
    if (key.algorithm !== 'AES') throw invalidField('CMAC needs an AES key');
    return 'CMAC';
  }
  const algorithm = params.algorithm ?? key.algorithm;
  if (algorithm === undefined || !algorithm.startsWith('HMAC_')) {
    throw new KmipResultError(
      ResultReason.UnsupportedCryptographicParameters,
      `MAC with ${algorithm ?? 'no algorithm'} is not supported (HMAC_* or AES CMAC)`,
    );
  }
  return algorithm;
}

/** The MAC of `data`. @throws KmipResultError (see crypto-run.ts). */
export function macWithKey(
  key: UsableKey,
  params: NamedParameters,
  data: Uint8Array,
  ctx: OperationContext,
): Uint8Array {
  const algorithm = macAlgorithm(key, params);
  const bytes = symmetricKeyBytes(key);
  const out = runCrypto(ctx, () =>
    ctx.crypto.mac({ algorithm, key: bytes, data, policy: ctx.cryptoPolicy }),
  );
  noteAlgorithmUse(ctx, { algorithm, objectId: key.record.id, operation: 'MAC' });
  return out;
}

/** Whether `expected` is the MAC of `data` (constant time). @throws KmipResultError. */
export function macVerifyWithKey(
  key: UsableKey,
  params: NamedParameters,
  input: { readonly data: Uint8Array; readonly expected: Uint8Array },
  ctx: OperationContext,
): boolean {
  const algorithm = macAlgorithm(key, params);
  const bytes = symmetricKeyBytes(key);
  const isValid = runCrypto(ctx, () =>
    ctx.crypto.macVerify({ algorithm, key: bytes, ...input, policy: ctx.cryptoPolicy }),
  );
  noteAlgorithmUse(ctx, { algorithm, objectId: key.record.id, operation: 'MACVerify' });
  return isValid;
}
