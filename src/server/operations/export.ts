/**
 * Export (KMIP 1.4 §4.31, 2.1 §6.1.18): the object with all its attributes (every attribute
 * the client's version defines — the complete listing, whatever `attributeListing` says for
 * Get Attributes, since the point of Export is a copy that Import can restore). Key Format
 * Type, Key Wrap Type, Key Compression Type and Key Wrapping Specification work as for Get
 * (`objectAsAsked`), and so do its access rules: a Sensitive object leaves only wrapped, an
 * object whose Extractable is False not at all. The key material of a destroyed object is
 * never returned: Export answers as Get does (Object Destroyed; 2.0 and 1.4: Item Not Found).
 * Like Get, the first Export clears Fresh; the attributes returned are those before it.
 * Sets the ID Placeholder (2.1 §6.1.18). Reasons: those of Get.
 */
import { ObjectType } from '../../kmip/generated/registry.ts';
import type { ExportRequest, ExportResponse } from '../../kmip/messages/payloads/export.ts';
import { attributeValue, selectAttributes } from '../objects/index.ts';
import type { OperationContext } from './context.ts';
import { objectAsAsked } from './get.ts';

/** Export. */
export async function exportObject(
  request: ExportRequest,
  ctx: OperationContext,
): Promise<ExportResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'Export');
  const object = await objectAsAsked(request, record, ctx);
  const attributes = selectAttributes(record, undefined, ctx.version, 'complete');
  if (attributeValue(record, 'Fresh') === true) {
    await ctx.objects.update(record, {
      edits: [{ op: 'set', name: 'Fresh', value: false }],
      isBookkeeping: true,
    });
  }
  ctx.idPlaceholder.set(id);
  ctx.logger.info({ objectId: id, objectType: record.objectType }, 'exported object');
  return {
    objectType: ObjectType[record.objectType],
    uniqueIdentifier: id,
    attributes: { attributes },
    object,
  };
}
