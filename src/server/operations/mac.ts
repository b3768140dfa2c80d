/**
 * MAC (KMIP 1.4 §4.33, 2.1 §6.1.33): HMAC or AES-CMAC of Data with a symmetric key whose
 * usage mask has MAC Generate. Streams Data with Init/Final Indicator (1.3+).
 * Reasons: see key-use.ts, crypto-run.ts; Missing Data without Data.
 */
import { CryptographicUsageMask } from '../../kmip/generated/registry.ts';
import type { MacRequest, MacResponse } from '../../kmip/messages/payloads/mac.ts';
import type { OperationContext } from './context.ts';
import type { KeyUse } from './key-use.ts';
import { keyedStep } from './keyed-stream.ts';
import { macWithKey } from './mac-run.ts';

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
  return { uniqueIdentifier: objectId, macData: macWithKey(key, params, step.data, ctx) };
}
