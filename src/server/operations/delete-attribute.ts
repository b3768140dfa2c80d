/**
 * Delete Attribute (KMIP 1.4 §4.16, 2.1 §6.1.15): removes attribute instances the client may
 * delete. KMIP 1.x names one instance by Attribute Name and Attribute Index (0 when absent)
 * and answers with the deleted attribute; KMIP 2.x deletes the instance with the Current
 * Attribute's value, or every instance of the Attribute Reference. The other instances keep
 * their indexes (KMIP 1.4 §2.1.1). Reasons: Item Not Found (2.1: Object Not Found),
 * Permission Denied, Invalid Field (unknown name, Current Attribute and Attribute Reference
 * naming different attributes), Missing Data (2.x request naming no attribute), Attribute
 * Read Only (1.x: Permission Denied), Attribute Not Found and Attribute Instance Not Found
 * (1.x: Item Not Found).
 */
import type {
  DeleteAttributeRequest,
  DeleteAttributeResponse,
} from '../../kmip/messages/payloads/delete-attribute.ts';
import { invalidField, missingData } from '../pipeline/result-error.ts';
import {
  attributeNotFound,
  instanceNotFound,
  instancesOf,
  instanceWithValue,
  isVersion1,
  requestedIndex,
  ruleForChange,
  shownAttribute,
} from './attribute-change.ts';
import type { OperationContext } from './context.ts';

/** The attribute a request deletes from: Current Attribute's, else Attribute Name/Reference. */
function attributeNameOf(request: DeleteAttributeRequest): string {
  const { currentAttribute, attributeName } = request;
  if (currentAttribute === undefined) {
    if (attributeName === undefined) {
      throw missingData('Delete Attribute needs a Current Attribute or an Attribute Reference');
    }
    return attributeName;
  }
  if (attributeName !== undefined && attributeName !== currentAttribute.name) {
    throw invalidField(
      `Current Attribute ${JSON.stringify(currentAttribute.name)} and Attribute Reference ${JSON.stringify(attributeName)} differ`,
    );
  }
  return currentAttribute.name;
}

/** Delete Attribute. */
export async function deleteAttribute(
  request: DeleteAttributeRequest,
  ctx: OperationContext,
): Promise<DeleteAttributeResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'DeleteAttribute');
  const name = attributeNameOf(request);
  ruleForChange(name, 'delete', ctx.version, record.objectType);
  const instances = instancesOf(record, name);
  if (instances.length === 0) throw attributeNotFound(name);

  if (isVersion1(ctx.version)) {
    const index = requestedIndex(request.attributeIndex, instances, ctx.version);
    const deleted = instances.find((a) => a.index === index);
    if (deleted === undefined) throw instanceNotFound(name, `with index ${index}`);
    await ctx.objects.update(record, { edits: [{ op: 'delete', name, index }] });
    return { uniqueIdentifier: id, ...shownAttribute(deleted, ctx.version) };
  }
  const { currentAttribute } = request;
  const index =
    currentAttribute === undefined
      ? undefined
      : instanceWithValue(instances, currentAttribute).index;
  await ctx.objects.update(record, {
    edits: [index === undefined ? { op: 'delete', name } : { op: 'delete', name, index }],
  });
  return { uniqueIdentifier: id };
}
