/**
 * Add Attribute (KMIP 1.4 §4.14, 2.1 §6.1.2): a new instance of an attribute the client may
 * change — another instance of a multi-valued attribute, or a single-valued one the object
 * does not have yet. The server assigns the index; KMIP 1.x answers with the attribute as
 * added, index included. Custom attributes are kept as sent. An Activation Date that has
 * already come activates a Pre-Active object (the object service applies due dates on write).
 * Reasons: Item Not Found (2.1: Object Not Found), Permission Denied, Invalid Field (unknown
 * name, an Attribute Index in the request), Attribute Read Only (1.x: Permission Denied),
 * Attribute Single Valued (1.x: Index Out of Bounds), Non Unique Name Attribute, and the
 * lifecycle errors of `assertValueAllowed`.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type {
  AddAttributeRequest,
  AddAttributeResponse,
} from '../../kmip/messages/payloads/add-attribute.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import {
  assertValueAllowed,
  instancesOf,
  isVersion1,
  ruleForChange,
  shownAttribute,
} from './attribute-change.ts';
import type { OperationContext } from './context.ts';

/** Add Attribute. */
export async function addAttribute(
  request: AddAttributeRequest,
  ctx: OperationContext,
): Promise<AddAttributeResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'AddAttribute');
  const { name, value, index, vendorIdentification } = request.attribute;
  // KMIP 1.4 §4.14: "The Attribute Index SHALL NOT be specified in the request" (0, the
  // index of a first instance, is tolerated).
  if (index !== undefined && index !== 0) {
    throw invalidField(`Add Attribute takes no Attribute Index (got ${index} for ${name})`);
  }
  const rule = ruleForChange(name, 'add', ctx.version, record.objectType);
  const existing = instancesOf(record, name);
  if (!rule.isMultiValued && existing.length > 0) {
    throw new KmipResultError(
      ResultReason.AttributeSingleValued,
      `attribute ${JSON.stringify(name)} is single-valued and already set; modify it instead`,
    );
  }
  assertValueAllowed(record, { name, value }, ctx);
  const written = await ctx.objects.update(record, {
    edits: [{ op: 'add', name, value, ...(vendorIdentification && { vendorIdentification }) }],
  });
  if (!isVersion1(ctx.version)) return { uniqueIdentifier: id };
  const before = new Set(existing.map((a) => a.index));
  const added = instancesOf(written, name).find((a) => !before.has(a.index));
  return { uniqueIdentifier: id, ...shownAttribute(added, ctx.version) };
}
