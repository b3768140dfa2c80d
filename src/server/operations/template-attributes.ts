/**
 * Templates by name in a KMIP 1.x Template-Attribute (KMIP 1.4 §2.1.8, §2.2.6; deprecated in
 * 1.3, removed in 2.0): the server finds each named Template the caller may read and merges
 * its attributes with the request's. KMIP 1.4 §4 (introduction): between templates the last
 * one wins a conflict on a single-instance attribute; the request's own attributes win over
 * every template; multi-instance attributes are the union of all instances.
 *
 * A Template's Name (and the other attributes that describe the Template itself) is never
 * copied: KMIP 1.0 §2.2.6 lists Name among the attributes that apply to the Template, not to
 * the objects created with it.
 */
import { isDeepStrictEqual } from 'node:util';
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { NameValue } from '../../kmip/messages/common.ts';
import { attributeRule, CUSTOM_ATTRIBUTE_RULE } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/**
 * The attributes a Template has as an object of its own (KMIP 1.4 §3: those that apply to
 * "All Objects" and that a client sets), besides custom attributes. Everything else a client
 * states for a Template belongs in the Template structure, for the objects created with it.
 */
export const TEMPLATE_OWN_ATTRIBUTES: ReadonlySet<string> = new Set([
  'Name',
  'ObjectGroup',
  'OperationPolicyName',
  'ContactInformation',
  'ApplicationSpecificInformation',
  'AlternativeName',
  'Description',
  'Comment',
]);

// Attributes of a Template's content that stay with the Template (see the header).
const NOT_INHERITED: ReadonlySet<string> = new Set(['Name']);

function isMultiValued(name: string): boolean {
  return (attributeRule(name) ?? CUSTOM_ATTRIBUTE_RULE).isMultiValued;
}

function describe(name: NameValue): string {
  return JSON.stringify(name.value);
}

/**
 * The attributes of the live Template named `name` that the caller may Get.
 * @throws KmipResultError Item Not Found when there is none (as PyKMIP answers a Template
 *   Name), Invalid Field when the name is ambiguous (several Templates the caller may read).
 */
async function templateContent(name: NameValue, ctx: OperationContext): Promise<Attribute[]> {
  const ids = await ctx.objects.find(
    {
      objectType: 'Template',
      // A destroyed Template keeps its metadata (and its Name) but no content.
      state: ['PreActive', 'Active', 'Deactivated'],
      attributes: [{ name: 'Name', equals: { value: name.value, type: name.type } }],
    },
    'Get',
  );
  const [id, other] = ids;
  if (id === undefined) {
    throw new KmipResultError(ResultReason.ItemNotFound, `template ${describe(name)} not found`);
  }
  if (other !== undefined) {
    throw invalidField(`template name ${describe(name)} names more than one Template`);
  }
  const record = await ctx.objects.getForOperation(id, 'Get');
  if (record.object?.kind !== 'Template') {
    throw new KmipResultError(ResultReason.ItemNotFound, `template ${describe(name)} not found`);
  }
  return record.object.attributes.filter((a) => !NOT_INHERITED.has(a.name));
}

/**
 * `explicit` merged over the attributes of `templates`, in order (KMIP 1.4 §4): for a
 * single-instance attribute the request's value, else the last template's; for a
 * multi-instance attribute every distinct value. Attribute Indexes are dropped (the server
 * assigns them).
 */
export function mergeTemplateAttributes(
  templates: readonly (readonly Attribute[])[],
  explicit: readonly Attribute[],
): Attribute[] {
  const explicitNames = new Set(explicit.map((a) => a.name));
  let inherited: Attribute[] = [];
  for (const content of templates) {
    const singles = new Set(content.filter((a) => !isMultiValued(a.name)).map((a) => a.name));
    inherited = inherited.filter((a) => !singles.has(a.name));
    inherited.push(...content.map(({ index: _index, ...rest }) => rest));
  }
  const merged: Attribute[] = [];
  for (const a of inherited) {
    if (!isMultiValued(a.name) && explicitNames.has(a.name)) continue;
    const isDuplicate = merged.some(
      (m) => m.name === a.name && isDeepStrictEqual(m.value, a.value),
    );
    if (!isDuplicate) merged.push(a);
  }
  for (const a of explicit) {
    const isRepeat =
      isMultiValued(a.name) &&
      merged.some((m) => m.name === a.name && isDeepStrictEqual(m.value, a.value));
    if (!isRepeat) merged.push(a);
  }
  return merged;
}

/**
 * The request's attributes with those of the named Templates merged in (see
 * `mergeTemplateAttributes`); `attributes` unchanged when no Template is named.
 * @throws KmipResultError Item Not Found for an unknown Template Name, Invalid Field for an
 *   ambiguous one.
 */
export async function withTemplateAttributes(
  names: readonly NameValue[],
  attributes: readonly Attribute[],
  ctx: OperationContext,
): Promise<readonly Attribute[]> {
  if (names.length === 0) return attributes;
  const templates: Attribute[][] = [];
  for (const name of names) templates.push(await templateContent(name, ctx));
  return mergeTemplateAttributes(templates, attributes);
}
