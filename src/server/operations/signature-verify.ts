/**
 * Signature Verify (KMIP 1.4 §4.32, 2.1 §6.1.53): checks Signature Data over Data (or
 * Digested Data: RSA PKCS#1 v1.5, PSS, ECDSA) with a public key; also with Deactivated and
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
import type { KeyUse } from './key-use.ts';
import { keyedStep, keyForUse } from './keyed-stream.ts';
import { verifyWithKey } from './signature-run.ts';

const VERIFY_USE: KeyUse = {
  operation: 'SignatureVerify',
  objectTypes: ['PublicKey'],
  usage: CryptographicUsageMask.Verify,
  isProcessing: true,
  purpose: 'process',
};

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
    const key = await keyForUse(id, VERIFY_USE, ctx);
    const params = effectiveParameters(request.cryptographicParameters, key.record);
    const input = { digest: request.digestedData, signature: request.signatureData };
    return {
      uniqueIdentifier: id,
      validityIndicator: indicator(verifyWithKey(key, params, input, ctx)),
    };
  }
  const step = await keyedStep(request, VERIFY_USE, ctx);
  if (step.kind === 'partial') return step.response;
  const { objectId, key, params } = step;
  const signature = request.signatureData ?? step.init.signatureData;
  if (signature === undefined) throw missingData('Signature Verify needs Signature Data');
  const isValid = verifyWithKey(key, params, { data: step.data, signature }, ctx);
  return { uniqueIdentifier: objectId, validityIndicator: indicator(isValid) };
}
