/**
 * Set Attribute (KMIP 2.0+; 2.1 §6.1.50): gives an attribute the client may change exactly
 * one value — created when the object has none, replaced when it has one; an attribute with
 * several instances must be changed with Modify Attribute (OASIS TC-SETATTR-3-20). Custom
 * (vendor) attributes are kept as sent. An Activation Date that has already come activates a
 * Pre-Active object. Reasons: Object Not Found (2.0: Item Not Found), Permission Denied,
 * Invalid Field (unknown name), Attribute Read Only, Multi Valued Attribute, Non Unique Name
 * Attribute, and the lifecycle errors of `assertValueAllowed`.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type {
  SetAttributeRequest,
  SetAttributeResponse,
} from '../../kmip/messages/payloads/set-attribute.ts';
import type { AttributeEdit } from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import { assertValueAllowed, instancesOf, ruleForChange } from './attribute-change.ts';
import type { OperationContext } from './context.ts';

/** Set Attribute. */
export async function setAttribute(
  request: SetAttributeRequest,
  ctx: OperationContext,
): Promise<SetAttributeResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'SetAttribute');
  const { name, value, vendorIdentification } = request.attribute;
  ruleForChange(name, 'set', ctx.version, record.objectType);
  const existing = instancesOf(record, name);
  if (existing.length > 1) {
    throw new KmipResultError(
      ResultReason.MultiValuedAttribute,
      `attribute ${JSON.stringify(name)} has ${existing.length} instances; use Modify Attribute`,
    );
  }
  const [current] = existing;
  assertValueAllowed(record, { name, value, ...(current ? { replaced: current } : {}) }, ctx);
  const edit: AttributeEdit =
    current === undefined
      ? { op: 'add', name, value, ...(vendorIdentification && { vendorIdentification }) }
      : { op: 'replace', name, index: current.index, value };
  await ctx.objects.update(record, { edits: [edit] });
  return { uniqueIdentifier: id };
}
