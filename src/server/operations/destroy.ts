/**
 * Destroy (KMIP 1.4 §4.21, 2.1 §6.1.17): erases the key material and keeps the metadata,
 * State Destroyed (Destroyed Compromised for a compromised object), Destroy Date set to now.
 * Objects may be destroyed when Pre-Active, Deactivated or Compromised, never while Active.
 * Reasons: Item Not Found (2.1: Object Not Found), Permission Denied, Wrong Key Lifecycle
 * State (1.x and 2.0: Permission Denied) for an Active or already destroyed object.
 */
import type { DestroyRequest, DestroyResponse } from '../../kmip/messages/payloads/destroy.ts';
import type { OperationContext } from './context.ts';

/** Destroy. */
export async function destroy(
  request: DestroyRequest,
  ctx: OperationContext,
): Promise<DestroyResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  // The key material is neither needed nor read (issue #9).
  const record = await ctx.objects.getMetadataForOperation(id, 'Destroy');
  await ctx.objects.updateMetadata(record, {
    event: 'destroy',
    edits: [{ op: 'set', name: 'DestroyDate', value: ctx.now() }],
    destroyMaterial: true,
  });
  ctx.logger.info({ objectId: id }, 'destroyed key material');
  return { uniqueIdentifier: id };
}
