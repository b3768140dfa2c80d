/**
 * Reading the attribute set of a creating request (Create, Register, Create Key Pair ...):
 * KMIP 1.x Template-Attribute or 2.x Attributes. Templates by name (KMIP 1.x, removed in 2.0)
 * are not stored by this server, so a Template Name finds nothing.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute, AttributeSet } from '../../kmip/messages/attributes.ts';
import { checkClientAttributes } from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

/**
 * The client's attributes from an attribute set, checked (see `checkClientAttributes`).
 * @throws KmipResultError Item Not Found for a Template Name, or what `checkClientAttributes` throws.
 */
export function clientAttributesOf(
  set: AttributeSet | undefined,
  ctx: OperationContext,
): Attribute[] {
  const [template] = set?.templateNames ?? [];
  if (template !== undefined) {
    throw new KmipResultError(
      ResultReason.ItemNotFound,
      `template ${JSON.stringify(template.value)} not found`,
    );
  }
  return checkClientAttributes(set?.attributes ?? [], ctx.version);
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
