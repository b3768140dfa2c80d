/**
 * Modify Attribute (KMIP 1.4 §4.15, 2.1 §6.1.34): a new value for an existing instance of an
 * attribute the client may change. KMIP 1.x names the instance by Attribute Index (0 when
 * absent) and answers with the attribute as modified; KMIP 2.x names it by Current Attribute
 * (its value), which may be left out when the attribute has one instance. Custom attributes
 * are kept as sent. Moving the Activation Date of a Pre-Active object to now or earlier
 * activates it. Reasons: Item Not Found (2.1: Object Not Found), Permission Denied, Invalid
 * Field (unknown name; 1.x: an attribute the object does not have, as PyKMIP and the 1.x
 * error table say), Attribute Not Found (2.x), Attribute Instance Not Found (1.x: Item Not
 * Found), Attribute Read Only (1.x: Permission Denied), Multi Valued Attribute (2.x, no
 * Current Attribute and several instances), Non Unique Name Attribute, and the lifecycle
 * errors of `assertValueAllowed` (OASIS SKLC-M-3).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type {
  ModifyAttributeRequest,
  ModifyAttributeResponse,
} from '../../kmip/messages/payloads/modify-attribute.ts';
import type { IndexedAttribute, ManagedObjectRecord } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import {
  assertValueAllowed,
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

/** The instance the request changes, by the rules of the request's version. */
function targetInstance(
  request: ModifyAttributeRequest,
  record: ManagedObjectRecord,
  ctx: OperationContext,
): IndexedAttribute {
  const { name } = request.attribute;
  const instances = instancesOf(record, name);
  if (isVersion1(ctx.version)) {
    if (instances.length === 0) {
      throw invalidField(
        `attribute ${JSON.stringify(name)} is not set on the object; add it first`,
      );
    }
    const index = requestedIndex(request.attribute.index, instances, ctx.version);
    const found = instances.find((a) => a.index === index);
    if (found === undefined) throw instanceNotFound(name, `with index ${index}`);
    return found;
  }
  const current = request.currentAttribute;
  if (current !== undefined) {
    if (current.name !== name) {
      throw invalidField(
        `Current Attribute ${JSON.stringify(current.name)} and New Attribute ${JSON.stringify(name)} differ`,
      );
    }
    return instanceWithValue(instances, current);
  }
  const [only, ...others] = instances;
  if (only === undefined) throw attributeNotFound(name);
  if (others.length > 0) {
    throw new KmipResultError(
      ResultReason.MultiValuedAttribute,
      `attribute ${JSON.stringify(name)} has ${instances.length} instances: name one with Current Attribute`,
    );
  }
  return only;
}

/** Modify Attribute. */
export async function modifyAttribute(
  request: ModifyAttributeRequest,
  ctx: OperationContext,
): Promise<ModifyAttributeResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'ModifyAttribute');
  const { name, value } = request.attribute;
  ruleForChange(name, 'modify', ctx.version, record.objectType);
  const target = targetInstance(request, record, ctx);
  assertValueAllowed(record, { name, value, replaced: target }, ctx);
  const written = await ctx.objects.update(record, {
    edits: [{ op: 'replace', name, index: target.index, value }],
  });
  if (!isVersion1(ctx.version)) return { uniqueIdentifier: id };
  const modified = instancesOf(written, name).find((a) => a.index === target.index);
  return { uniqueIdentifier: id, ...shownAttribute(modified, ctx.version) };
}
