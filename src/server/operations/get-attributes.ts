/**
 * Get Attributes (KMIP 1.4 §4.12, 2.1 §6.1.24): the named attributes of an object (all of
 * them when none are named), every instance, in the order asked; attributes the object does
 * not have are left out. Works on destroyed objects too: their metadata stays. Reasons: Item
 * Not Found (2.1: Object Not Found), Permission Denied, Invalid Field naming an unknown
 * attribute name.
 */
import type {
  GetAttributesRequest,
  GetAttributesResponse,
} from '../../kmip/messages/payloads/get-attributes.ts';
import { selectAttributes } from '../objects/index.ts';
import type { OperationContext } from './context.ts';

/** Get Attributes. */
export async function getAttributes(
  request: GetAttributesRequest,
  ctx: OperationContext,
): Promise<GetAttributesResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'GetAttributes');
  const attributes = selectAttributes(
    record,
    request.attributeNames,
    ctx.version,
    ctx.attributeListing,
  );
  return { uniqueIdentifier: id, attributes };
}
