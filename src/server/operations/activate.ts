/**
 * Activate (KMIP 1.4 §4.19, 2.1 §6.1.1): Pre-Active → Active, Activation Date set to now.
 * Only objects with a lifecycle (not Templates) can be activated. Reasons: Item Not Found
 * (2.1: Object Not Found), Permission Denied, Wrong Key Lifecycle State (1.x and 2.0:
 * Permission Denied) when the object is not Pre-Active, Invalid Object Type for a Template.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { ActivateRequest, ActivateResponse } from '../../kmip/messages/payloads/activate.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/** Activate. */
export async function activate(
  request: ActivateRequest,
  ctx: OperationContext,
): Promise<ActivateResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  // The key material is neither needed nor read (issue #9).
  const record = await ctx.objects.getMetadataForOperation(id, 'Activate');
  if (record.objectType === 'Template') {
    throw new KmipResultError(ResultReason.InvalidObjectType, 'a Template cannot be activated');
  }
  await ctx.objects.updateMetadata(record, {
    event: 'activate',
    edits: [{ op: 'set', name: 'ActivationDate', value: ctx.now() }],
  });
  return { uniqueIdentifier: id };
}
