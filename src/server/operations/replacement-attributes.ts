/**
 * The attributes of a replacement key (ReKey KMIP 1.4 §4.4 / 2.1 §6.1.39, ReKeyKeyPair 1.4
 * §4.5 / 2.1 §6.1.40): the existing key's client attributes, its Names (which the existing key
 * then loses; requested Names are added to them), the request's other attributes over them,
 * and the dates: without an Offset the
 * Activation, Process Start, Protect Stop and Deactivation Dates are copied; with an Offset
 * the replacement's Activation Date is its Initial Date (now) + Offset and each other date
 * moves by the same amount as the Activation Date (D2 = D1 + (AT2 − AT1)). Server-maintained
 * attributes, Links, and the algorithm facts (the operation sets them) are not copied.
 */
import { isDeepStrictEqual } from 'node:util';
import { LinkType } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { AttributeEdit } from '../objects/index.ts';
import type { OperationContext } from './context.ts';
import { linkAttribute } from './object-links.ts';
import {
  attributeRule,
  attributeValue,
  CUSTOM_ATTRIBUTE_RULE,
  type ManagedObjectRecord,
} from '../objects/index.ts';

const DATES = ['ActivationDate', 'ProcessStartDate', 'ProtectStopDate', 'DeactivationDate'];
// Set by the re-keying operation itself, never carried over.
const NOT_COPIED: ReadonlySet<string> = new Set([
  ...DATES,
  'Link',
  'CryptographicAlgorithm',
  'CryptographicLength',
  'CryptographicDomainParameters',
]);

function shiftedDates(
  old: ManagedObjectRecord,
  offsetSeconds: number | undefined,
  now: Date,
): Attribute[] {
  const dateOf = (name: string) => {
    const value = attributeValue(old, name);
    return value instanceof Date ? value : undefined;
  };
  if (offsetSeconds === undefined) {
    return DATES.flatMap((name) => {
      const value = dateOf(name);
      return value === undefined ? [] : [{ name, value }];
    });
  }
  const activation = new Date(now.getTime() + offsetSeconds * 1000);
  const oldActivation = dateOf('ActivationDate');
  const shift = oldActivation === undefined ? 0 : activation.getTime() - oldActivation.getTime();
  const out: Attribute[] = [{ name: 'ActivationDate', value: activation }];
  for (const name of DATES.slice(1)) {
    const value = dateOf(name);
    if (value !== undefined && oldActivation !== undefined) {
      out.push({ name, value: new Date(value.getTime() + shift) });
    }
  }
  return out;
}

/** The replacement's client attributes (see the file header). */
export function replacementAttributes(
  old: ManagedObjectRecord,
  requested: readonly Attribute[],
  offsetSeconds: number | undefined,
  now: Date,
): Attribute[] {
  const copied: Attribute[] = old.attributes
    .filter(
      (a) =>
        !NOT_COPIED.has(a.name) &&
        (attributeRule(a.name) ?? CUSTOM_ATTRIBUTE_RULE).isClientSettable,
    )
    .map(({ name, value }) => ({ name, value }));
  const inherited = [...copied, ...shiftedDates(old, offsetSeconds, now)];
  // KMIP 1.4 §4.4 / §4.5: the replacement's Name is "set to the name(s) of the existing key",
  // so requested Names add to them (OASIS TC-REKEY-1: the original name stays at index 0);
  // any other requested attribute replaces the inherited instances of its name.
  const inheritedNames = inherited.filter((a) => a.name === 'Name');
  const isInheritedName = (a: Attribute) =>
    inheritedNames.some((n) => isDeepStrictEqual(n.value, a.value));
  const added = requested.filter((a) => a.name !== 'Name' || !isInheritedName(a));
  const overridden = new Set(added.map((a) => a.name).filter((name) => name !== 'Name'));
  return [...inherited.filter((a) => !overridden.has(a.name)), ...added];
}

/**
 * The existing key after its replacement exists: its Names removed (they moved to the
 * replacement) and a Replacement Object Link to `replacementId`.
 */
export async function retireReplacedKey(
  ctx: OperationContext,
  old: ManagedObjectRecord,
  replacementId: string,
): Promise<void> {
  const { name, value } = linkAttribute(LinkType.ReplacementObjectLink, replacementId);
  const edits: AttributeEdit[] = [{ op: 'add', name, value }];
  if (old.attributes.some((a) => a.name === 'Name')) edits.unshift({ op: 'delete', name: 'Name' });
  await ctx.objects.update(old, { edits });
}
