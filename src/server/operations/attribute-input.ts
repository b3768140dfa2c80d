/**
 * Reading the attribute set of a creating request (Create, Register, Create Key Pair ...):
 * KMIP 1.x Template-Attribute or 2.x Attributes. Templates named in a 1.x Template-Attribute
 * (removed in 2.0) contribute their attributes (template-attributes.ts).
 */
import type { Attribute, AttributeSet } from '../../kmip/messages/attributes.ts';
import { checkClientAttributes } from '../objects/index.ts';
import type { OperationContext } from './context.ts';
import { withTemplateAttributes } from './template-attributes.ts';

/**
 * The client's attributes from an attribute set, the named Templates' merged in, checked
 * (see `checkClientAttributes`).
 * @throws KmipResultError Item Not Found for an unknown Template Name, Invalid Field for an
 *   ambiguous one, or what `checkClientAttributes` throws.
 */
export async function clientAttributesOf(
  set: AttributeSet | undefined,
  ctx: OperationContext,
): Promise<Attribute[]> {
  const given = set?.attributes ?? [];
  const merged = await withTemplateAttributes(set?.templateNames ?? [], given, ctx);
  return checkClientAttributes(merged, ctx.version);
}

/** The number value of a single-valued attribute, or undefined when absent. */
export function numberAttribute(
  attributes: readonly Attribute[],
  name: string,
): number | undefined | 'invalid' {
  const found = attributes.find((a) => a.name === name);
  if (found === undefined) return undefined;
  return typeof found.value === 'number' ? found.value : 'invalid';
}
