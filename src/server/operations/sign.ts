/**
 * Sign (KMIP 1.4 §4.31, 2.1 §6.1.52): signs Data (or Digested Data: RSA PKCS#1 v1.5 and PSS,
 * ECDSA) with a private key: RSA PKCS#1 v1.5 or PSS with SHA-1/224/256/384/512, ECDSA on
 * P-256/384/521 and secp256k1 (DER signature), Ed25519. Streams Data with Init/Final Indicator (1.3+).
 * Counts against the key's Usage Limits (usage-limits.ts).
 * Reasons: see key-use.ts, crypto-run.ts; Missing Data without Data or Digested Data;
 * Permission Denied when the Usage Limits are exhausted.
 */
import { CryptographicUsageMask } from '../../kmip/generated/registry.ts';
import type { SignRequest, SignResponse } from '../../kmip/messages/payloads/sign.ts';
import { invalidField } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters } from './crypto-params.ts';
import type { KeyUse } from './key-use.ts';
import { keyedStep, keyForUse } from './keyed-stream.ts';
import { signWithKey } from './signature-run.ts';
import { assertUsageAvailable, consumeUsage } from './usage-limits.ts';

const SIGN_USE: KeyUse = {
  operation: 'Sign',
  objectTypes: ['PrivateKey'],
  usage: CryptographicUsageMask.Sign,
  purpose: 'protect',
};

/** Sign. */
export async function sign(request: SignRequest, ctx: OperationContext): Promise<SignResponse> {
  if (request.digestedData !== undefined) {
    if (
      request.data !== undefined ||
      request.correlationValue !== undefined ||
      request.initIndicator === true
    ) {
      throw invalidField('Digested Data is signed in one request, without Data');
    }
    const id = ctx.resolveId(request.uniqueIdentifier);
    const key = await keyForUse(id, SIGN_USE, ctx);
    const params = effectiveParameters(request.cryptographicParameters, key.record);
    const digest = request.digestedData;
    assertUsageAvailable(key.record, digest.length);
    const signatureData = signWithKey(key, params, { digest }, ctx);
    await consumeUsage(ctx, key.record, digest.length);
    return { uniqueIdentifier: id, signatureData };
  }
  const step = await keyedStep(request, SIGN_USE, ctx);
  if (step.kind === 'partial') return step.response;
  const { objectId, key, params } = step;
  assertUsageAvailable(key.record, step.data.length);
  const signatureData = signWithKey(key, params, { data: step.data }, ctx);
  await consumeUsage(ctx, key.record, step.data.length);
  return { uniqueIdentifier: objectId, signatureData };
}
