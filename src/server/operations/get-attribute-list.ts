/**
 * Get Attribute List (KMIP 1.4 §4.13, 2.1 §6.1.23): the names of the attributes an object
 * has — KMIP 1.x Attribute Name text strings, KMIP 2.x Attribute References — limited to
 * those the client's version defines, custom attributes included: every attribute the object
 * has, whatever `kmip.attributeListing` says (PyKMIP 0.10 parses every name; asked for by
 * name, each can be read back). Works on destroyed objects too: their metadata stays. Reasons: Item Not
 * Found (2.1: Object Not Found), Permission Denied.
 */
import type {
  GetAttributeListRequest,
  GetAttributeListResponse,
} from '../../kmip/messages/payloads/get-attribute-list.ts';
import { selectAttributes } from '../objects/index.ts';
import { isVersion1 } from './attribute-change.ts';
import type { OperationContext } from './context.ts';

// An attribute known only by its extension tag (0x54xxxx) has no KMIP 1.x Attribute Name.
const TAG_NAMED = /^0x/;

/** Get Attribute List. */
export async function getAttributeList(
  request: GetAttributeListRequest,
  ctx: OperationContext,
): Promise<GetAttributeListResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'GetAttributeList');
  const names = new Set(
    selectAttributes(record, undefined, ctx.version, 'complete').map((a) => a.name),
  );
  const attributeNames = [...names].filter(
    (name) => !(isVersion1(ctx.version) && TAG_NAMED.test(name)),
  );
  return { uniqueIdentifier: id, attributeNames };
}
