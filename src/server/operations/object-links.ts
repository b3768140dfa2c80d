/**
 * Link attributes between managed objects (KMIP 1.4 §3.35, 2.1 §4.35): the pairs the
 * deriving, re-keying and certifying operations set (Derivation Base Object / Derived Key,
 * Replaced / Replacement Object, Certificate / Public Key).
 */
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObjectRecord } from '../objects/index.ts';
import type { OperationContext } from './context.ts';

/** A Link attribute of `linkType` to `id`. */
export function linkAttribute(linkType: number, id: string): Attribute {
  return { name: 'Link', value: { linkType, linkedObjectIdentifier: id } };
}

/** Adds a Link of `linkType` to `id` on an existing object (one compare-and-set write). */
export async function addLink(
  ctx: OperationContext,
  record: ManagedObjectRecord,
  linkType: number,
  id: string,
): Promise<ManagedObjectRecord> {
  const { name, value } = linkAttribute(linkType, id);
  return ctx.objects.update(record, { edits: [{ op: 'add', name, value }] });
}
