/**
 * Decrypt (KMIP 1.4 §4.30, 2.1 §6.1.12): the inverse of Encrypt, with a symmetric key or an
 * RSA private key; also allowed with Deactivated and Compromised keys (KMIP 1.4 §3.22).
 * Any authentication or padding failure is one Cryptographic Failure with a fixed message.
 * Invalid Message when the mode needs an IV or a tag the request lacks (crypto-run.ts).
 * Streams (1.3+): a symmetric non-AEAD cipher answers each part with its plaintext
 * (cipher-stream.ts); AEAD modes buffer until the tag, which may come with the first or the
 * final request, is checked.
 */
import { CryptographicUsageMask } from '../../kmip/generated/registry.ts';
import type { DecryptRequest, DecryptResponse } from '../../kmip/messages/payloads/decrypt.ts';
import { decryptWithKey } from './cipher-run.ts';
import type { OperationContext } from './context.ts';
import type { KeyUse } from './key-use.ts';
import { liveCipherStep } from './cipher-stream.ts';
import { keyedStep } from './keyed-stream.ts';

const DECRYPT_USE: KeyUse = {
  operation: 'Decrypt',
  objectTypes: ['SymmetricKey', 'PrivateKey'],
  usage: CryptographicUsageMask.Decrypt,
  isProcessing: true,
  purpose: 'process',
};

/** Decrypt. */
export async function decrypt(
  request: DecryptRequest,
  ctx: OperationContext,
): Promise<DecryptResponse> {
  const live = await liveCipherStep(request, DECRYPT_USE, ctx);
  if (live !== undefined) return live;
  const step = await keyedStep(request, DECRYPT_USE, ctx);
  if (step.kind === 'partial') return step.response;
  const { objectId, key, params } = step;
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
