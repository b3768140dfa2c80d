/**
 * Decrypt (KMIP 1.4 §4.30, 2.1 §6.1.12): the inverse of Encrypt, with a symmetric key or an
 * RSA private key; also allowed with Deactivated and Compromised keys (KMIP 1.4 §3.22).
 * Any authentication or padding failure is one Cryptographic Failure with a fixed message.
 * Missing Data when the mode needs an IV or a tag the request lacks. Streams (1.3+): the tag
 * may come with the first or the final request.
 */
import { CryptographicUsageMask } from '../../kmip/generated/registry.ts';
import type { DecryptRequest, DecryptResponse } from '../../kmip/messages/payloads/decrypt.ts';
import { decryptWithKey } from './cipher-run.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters } from './crypto-params.ts';
import { requireUnwrappedKeyForUse } from './key-unwrapping.ts';
import type { KeyUse } from './key-use.ts';
import { streamStep } from './stream-step.ts';

const DECRYPT_USE: KeyUse = {
  operation: 'Decrypt',
  objectTypes: ['SymmetricKey', 'PrivateKey'],
  usage: CryptographicUsageMask.Decrypt,
  isProcessing: true,
};

async function keyFor(id: string, ctx: OperationContext) {
  const record = await ctx.objects.getForOperation(id, 'Decrypt');
  return requireUnwrappedKeyForUse(record, DECRYPT_USE, ctx);
}

/** Decrypt. */
export async function decrypt(
  request: DecryptRequest,
  ctx: OperationContext,
): Promise<DecryptResponse> {
  let id: string | undefined;
  if (request.correlationValue === undefined) {
    id = ctx.resolveId(request.uniqueIdentifier);
    const key = await keyFor(id, ctx);
    effectiveParameters(request.cryptographicParameters, key.record);
  }
  const { data: _data, ...init } = request;
  const step = streamStep(request, ctx, { operation: 'Decrypt', objectId: id, init });
  if (step.kind === 'partial') {
    return { uniqueIdentifier: step.objectId ?? '', correlationValue: step.correlationValue };
  }
  const objectId = step.objectId ?? ctx.resolveId(request.uniqueIdentifier);
  const key = await keyFor(objectId, ctx);
  const params = effectiveParameters(step.init.cryptographicParameters, key.record);
  const iv = step.init.ivCounterNonce;
  const aad = step.init.authenticatedEncryptionAdditionalData;
  const tag = request.authenticatedEncryptionTag ?? step.init.authenticatedEncryptionTag;
  const data = decryptWithKey(
    key,
    params,
    {
      data: step.data,
      ...(iv === undefined ? {} : { iv }),
      ...(aad === undefined ? {} : { aad }),
      ...(tag === undefined ? {} : { tag }),
    },
    ctx,
  );
  return { uniqueIdentifier: objectId, data };
}
