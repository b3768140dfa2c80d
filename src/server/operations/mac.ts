/**
 * MAC (KMIP 1.4 §4.33, 2.1 §6.1.33): HMAC or AES-CMAC of Data with a symmetric key whose
 * usage mask has MAC Generate. Streams Data with Init/Final Indicator (1.3+).
 * Counts against the key's Usage Limits (usage-limits.ts).
 * Reasons: see key-use.ts, crypto-run.ts; Missing Data without Data; Permission Denied when
 * the Usage Limits are exhausted.
 */
import { CryptographicUsageMask } from '../../kmip/generated/registry.ts';
import type { MacRequest, MacResponse } from '../../kmip/messages/payloads/mac.ts';
import type { OperationContext } from './context.ts';
import type { KeyUse } from './key-use.ts';
import { keyedStep } from './keyed-stream.ts';
import { macWithKey } from './mac-run.ts';
import { assertUsageAvailable, consumeUsage } from './usage-limits.ts';

const MAC_USE: KeyUse = {
  operation: 'MAC',
  objectTypes: ['SymmetricKey'],
  usage: CryptographicUsageMask.MACGenerate,
  purpose: 'protect',
};

/** MAC. */
export async function mac(request: MacRequest, ctx: OperationContext): Promise<MacResponse> {
  const step = await keyedStep(request, MAC_USE, ctx);
  if (step.kind === 'partial') return step.response;
  const { objectId, key, params } = step;
  assertUsageAvailable(key.record, step.data.length);
  const macData = macWithKey(key, params, step.data, ctx);
  await consumeUsage(ctx, key.record, step.data.length);
  return { uniqueIdentifier: objectId, macData };
}
