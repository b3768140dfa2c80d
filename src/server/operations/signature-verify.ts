/**
 * Signature Verify (KMIP 1.4 §4.32, 2.1 §6.1.53): checks Signature Data over Data (or
 * Digested Data, RSA PKCS#1 v1.5 only) with a public key; also with Deactivated and
 * Compromised keys (KMIP 1.4 §3.22). A wrong or malformed signature is a successful response
 * with Validity Indicator Invalid, never an error. Streams Data (1.3+); the signature may
 * come with the first or the final request.
 */
import { CryptographicUsageMask, ValidityIndicator } from '../../kmip/generated/registry.ts';
import type {
  SignatureVerifyRequest,
  SignatureVerifyResponse,
} from '../../kmip/messages/payloads/signature-verify.ts';
import { invalidField, missingData } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters } from './crypto-params.ts';
import { requireUnwrappedKeyForUse } from './key-unwrapping.ts';
import type { KeyUse } from './key-use.ts';
import { verifyWithKey } from './signature-run.ts';
import { streamStep } from './stream-step.ts';

const VERIFY_USE: KeyUse = {
  operation: 'SignatureVerify',
  objectTypes: ['PublicKey'],
  usage: CryptographicUsageMask.Verify,
  isProcessing: true,
};

async function keyFor(id: string, ctx: OperationContext) {
  const record = await ctx.objects.getForOperation(id, 'SignatureVerify');
  return requireUnwrappedKeyForUse(record, VERIFY_USE, ctx);
}

function indicator(isValid: boolean): number {
  return isValid ? ValidityIndicator.Valid : ValidityIndicator.Invalid;
}

/** Signature Verify. */
export async function signatureVerify(
  request: SignatureVerifyRequest,
  ctx: OperationContext,
): Promise<SignatureVerifyResponse> {
  if (request.digestedData !== undefined) {
    if (
      request.data !== undefined ||
      request.correlationValue !== undefined ||
      request.initIndicator === true
    ) {
      throw invalidField('Digested Data is verified in one request, without Data');
    }
    if (request.signatureData === undefined)
      throw missingData('Signature Verify needs Signature Data');
    const id = ctx.resolveId(request.uniqueIdentifier);
    const key = await keyFor(id, ctx);
    const params = effectiveParameters(request.cryptographicParameters, key.record);
    const input = { digest: request.digestedData, signature: request.signatureData };
    return {
      uniqueIdentifier: id,
      validityIndicator: indicator(verifyWithKey(key, params, input, ctx)),
    };
  }
  let id: string | undefined;
  if (request.correlationValue === undefined) {
    id = ctx.resolveId(request.uniqueIdentifier);
    const key = await keyFor(id, ctx);
    effectiveParameters(request.cryptographicParameters, key.record);
  }
  const { data: _data, ...init } = request;
  const step = streamStep(request, ctx, { operation: 'SignatureVerify', objectId: id, init });
  if (step.kind === 'partial') {
    return { uniqueIdentifier: step.objectId ?? '', correlationValue: step.correlationValue };
  }
  const signature = request.signatureData ?? step.init.signatureData;
  if (signature === undefined) throw missingData('Signature Verify needs Signature Data');
  const objectId = step.objectId ?? ctx.resolveId(request.uniqueIdentifier);
  const key = await keyFor(objectId, ctx);
  const params = effectiveParameters(step.init.cryptographicParameters, key.record);
  const isValid = verifyWithKey(key, params, { data: step.data, signature }, ctx);
  return { uniqueIdentifier: objectId, validityIndicator: indicator(isValid) };
}
