/**
 * Encrypt (KMIP 1.4 §4.29, 2.1 §6.1.20): encrypts Data with a symmetric key (AES modes with
 * PKCS5 or no padding, GCM with Tag Length and Authenticated Encryption Additional Data, XTS,
 * the AES key wrap modes, 3DES, Camellia and the legacy ciphers the policy allows) or an RSA
 * public key (OAEP, PKCS#1 v1.5). Cryptographic Parameters come from the request, else from
 * the key's Cryptographic Parameters attribute. An IV the server generates (none given, or
 * Random IV) is returned in IV/Counter/Nonce. Streams with Init/Final Indicator (1.3+): a
 * symmetric cipher answers each part with its ciphertext (cipher-stream.ts), the others
 * buffer the parts (keyed-stream.ts).
 * Counts against the key's Usage Limits (usage-limits.ts).
 * Reasons: see key-use.ts, crypto-run.ts; Missing Data without Data; Permission Denied when
 * the Usage Limits are exhausted.
 */
import { CryptographicUsageMask } from '../../kmip/generated/registry.ts';
import type { EncryptRequest, EncryptResponse } from '../../kmip/messages/payloads/encrypt.ts';
import { encryptWithKey } from './cipher-run.ts';
import type { OperationContext } from './context.ts';
import type { KeyUse } from './key-use.ts';
import { liveCipherStep } from './cipher-stream.ts';
import { keyedStep } from './keyed-stream.ts';
import { assertUsageAvailable, consumeUsage } from './usage-limits.ts';

const ENCRYPT_USE: KeyUse = {
  operation: 'Encrypt',
  objectTypes: ['SymmetricKey', 'PublicKey'],
  usage: CryptographicUsageMask.Encrypt,
  purpose: 'protect',
};

/** Encrypt. */
export async function encrypt(
  request: EncryptRequest,
  ctx: OperationContext,
): Promise<EncryptResponse> {
  const live = await liveCipherStep(request, ENCRYPT_USE, ctx);
  if (live !== undefined) return live;
  const step = await keyedStep(request, ENCRYPT_USE, ctx);
  if (step.kind === 'partial') return step.response;
  const { objectId, key, params } = step;
  const aad = step.init.authenticatedEncryptionAdditionalData;
  assertUsageAvailable(key.record, step.data.length);
  const out = encryptWithKey(
    key,
    params,
    {
      data: step.data,
      ...(step.init.ivCounterNonce === undefined ? {} : { iv: step.init.ivCounterNonce }),
      ...(aad === undefined ? {} : { aad }),
    },
    ctx,
  );
  await consumeUsage(ctx, key.record, step.data.length);
  return {
    uniqueIdentifier: objectId,
    data: out.data,
    ...(out.generatedIv === undefined ? {} : { ivCounterNonce: out.generatedIv }),
    ...(out.tag === undefined ? {} : { authenticatedEncryptionTag: out.tag }),
  };
}
