/**
 * MAC (KMIP 1.4 §4.33, 2.1 §6.1.33): HMAC or AES-CMAC of Data with a symmetric key whose
 * usage mask has MAC Generate. Streams Data with Init/Final Indicator (1.3+).
 * Reasons: see key-use.ts, crypto-run.ts; Missing Data without Data.
 */
import { CryptographicUsageMask } from '../../kmip/generated/registry.ts';
import type { MacRequest, MacResponse } from '../../kmip/messages/payloads/mac.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters } from './crypto-params.ts';
import { requireUnwrappedKeyForUse } from './key-unwrapping.ts';
import type { KeyUse } from './key-use.ts';
import { macWithKey } from './mac-run.ts';
import { streamStep } from './stream-step.ts';

const MAC_USE: KeyUse = {
  operation: 'MAC',
  objectTypes: ['SymmetricKey'],
  usage: CryptographicUsageMask.MACGenerate,
};

async function keyFor(id: string, ctx: OperationContext) {
  const record = await ctx.objects.getForOperation(id, 'MAC');
  return requireUnwrappedKeyForUse(record, MAC_USE, ctx);
}

/** MAC. */
export async function mac(request: MacRequest, ctx: OperationContext): Promise<MacResponse> {
  let id: string | undefined;
  if (request.correlationValue === undefined) {
    id = ctx.resolveId(request.uniqueIdentifier);
    const key = await keyFor(id, ctx);
    effectiveParameters(request.cryptographicParameters, key.record);
  }
  const { data: _data, ...init } = request;
  const step = streamStep(request, ctx, { operation: 'MAC', objectId: id, init });
  if (step.kind === 'partial') {
    return { uniqueIdentifier: step.objectId ?? '', correlationValue: step.correlationValue };
  }
  const objectId = step.objectId ?? ctx.resolveId(request.uniqueIdentifier);
  const key = await keyFor(objectId, ctx);
  const params = effectiveParameters(step.init.cryptographicParameters, key.record);
  return { uniqueIdentifier: objectId, macData: macWithKey(key, params, step.data, ctx) };
}
