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
import type { KeyUse } from './key-use.ts';
import { keyedStep } from './keyed-stream.ts';
import { macVerifyWithKey } from './mac-run.ts';

const MAC_VERIFY_USE: KeyUse = {
  operation: 'MACVerify',
  objectTypes: ['SymmetricKey'],
  usage: CryptographicUsageMask.MACVerify,
  isProcessing: true,
  purpose: 'process',
};

/** MAC Verify. */
export async function macVerify(
  request: MacVerifyRequest,
  ctx: OperationContext,
): Promise<MacVerifyResponse> {
  const step = await keyedStep(request, MAC_VERIFY_USE, ctx);
  if (step.kind === 'partial') return step.response;
  const { objectId, key, params } = step;
  const expected = request.macData ?? step.init.macData;
  if (expected === undefined) throw missingData('MAC Verify needs MAC Data');
  const isValid = macVerifyWithKey(key, params, { data: step.data, expected }, ctx);
  return {
    uniqueIdentifier: objectId,
    validityIndicator: isValid ? ValidityIndicator.Valid : ValidityIndicator.Invalid,
  };
}
