/**
 * MAC Verify (KMIP 1.4 §4.34, 2.1 §6.1.34): compares MAC Data with the MAC of Data in
 * constant time; a mismatch is Validity Indicator Invalid, never an error. Allowed with
 * Deactivated and Compromised keys (KMIP 1.4 §3.22). Streams Data (1.3+); MAC Data may come
 * with the first or the final request.
 */
import { CryptographicUsageMask, ValidityIndicator } from '../../kmip/generated/registry.ts';
import type {
  MacVerifyRequest,
  MacVerifyResponse,
} from '../../kmip/messages/payloads/mac-verify.ts';
import { missingData } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters } from './crypto-params.ts';
import { requireUnwrappedKeyForUse } from './key-unwrapping.ts';
import type { KeyUse } from './key-use.ts';
import { macVerifyWithKey } from './mac-run.ts';
import { streamStep } from './stream-step.ts';

const MAC_VERIFY_USE: KeyUse = {
  operation: 'MACVerify',
  objectTypes: ['SymmetricKey'],
  usage: CryptographicUsageMask.MACVerify,
  isProcessing: true,
};

async function keyFor(id: string, ctx: OperationContext) {
  const record = await ctx.objects.getForOperation(id, 'MACVerify');
  return requireUnwrappedKeyForUse(record, MAC_VERIFY_USE, ctx);
}

/** MAC Verify. */
export async function macVerify(
  request: MacVerifyRequest,
  ctx: OperationContext,
): Promise<MacVerifyResponse> {
  let id: string | undefined;
  if (request.correlationValue === undefined) {
    id = ctx.resolveId(request.uniqueIdentifier);
    const key = await keyFor(id, ctx);
    effectiveParameters(request.cryptographicParameters, key.record);
  }
  const { data: _data, ...init } = request;
  const step = streamStep(request, ctx, { operation: 'MACVerify', objectId: id, init });
  if (step.kind === 'partial') {
    return { uniqueIdentifier: step.objectId ?? '', correlationValue: step.correlationValue };
  }
  const expected = request.macData ?? step.init.macData;
  if (expected === undefined) throw missingData('MAC Verify needs MAC Data');
  const objectId = step.objectId ?? ctx.resolveId(request.uniqueIdentifier);
  const key = await keyFor(objectId, ctx);
  const params = effectiveParameters(step.init.cryptographicParameters, key.record);
  const isValid = macVerifyWithKey(key, params, { data: step.data, expected }, ctx);
  return {
    uniqueIdentifier: objectId,
    validityIndicator: isValid ? ValidityIndicator.Valid : ValidityIndicator.Invalid,
  };
}
