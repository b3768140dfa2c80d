/**
 * What Add, Set, Modify and Delete Attribute share: the client's rights over the attribute a
 * request names (the rules tables, objects/attribute-rules.ts), the limits the object's state
 * puts on the lifecycle dates, and finding the instance a request means — by KMIP 1.x
 * Attribute Index or by KMIP 2.x Current Attribute value.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { AttributeValue } from '../../kmip/messages/attribute-values.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import {
  attributesForResponse,
  attributeValue,
  lifecycleError,
  resolveAttributeName,
  type AttributeRule,
  type IndexedAttribute,
  type ManagedObjectRecord,
} from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { TEMPLATE_OWN_ATTRIBUTES } from './template-attributes.ts';

/** What a request does to an attribute. */
export type AttributeChange = 'add' | 'set' | 'modify' | 'delete';

const DONE: Readonly<Record<AttributeChange, string>> = {
  add: 'added',
  set: 'set',
  modify: 'modified',
  delete: 'deleted',
};

const quoted = (name: string) => JSON.stringify(name);

/** True for KMIP 1.x: Attribute Index in requests, the attribute echoed in responses. */
export function isVersion1(version: KmipVersionName): boolean {
  return version.startsWith('1.');
}

/**
 * The rules of the attribute `name`, when a client may make `change` to it on an object of
 * `objectType`. An attribute the client may not modify is read-only once the object exists,
 * so it may not be added either (KMIP 1.4 §4.14: "Read-Only attributes SHALL NOT be added").
 * A Template (KMIP 1.x) takes only attributes of a Template itself (`TEMPLATE_OWN_ATTRIBUTES`
 * and custom ones): those for new objects are in its Template structure, set at Register.
 * @throws KmipResultError Invalid Field for an unknown name or one that does not apply to a
 *   Template; Attribute Read Only (1.x: Permission Denied) when the client may not change it.
 */
export function ruleForChange(
  name: string,
  change: AttributeChange,
  version: KmipVersionName,
  objectType?: string,
): AttributeRule {
  const { kind, rule } = resolveAttributeName(name, version);
  if (objectType === 'Template' && kind === 'standard' && !TEMPLATE_OWN_ATTRIBUTES.has(name)) {
    throw invalidField(`attribute ${quoted(name)} does not apply to a Template itself`);
  }
  const isAllowed = change === 'delete' ? rule.isClientDeletable : rule.isClientModifiable;
  if (!isAllowed) {
    throw new KmipResultError(
      ResultReason.AttributeReadOnly,
      `attribute ${quoted(name)} cannot be ${DONE[change]} by a client`,
    );
  }
  return rule;
}

/** Every instance of `name` on the object, by index. */
export function instancesOf(
  record: Pick<ManagedObjectRecord, 'attributes'>,
  name: string,
): IndexedAttribute[] {
  return record.attributes.filter((a) => a.name === name);
}

/** Attribute Not Found (KMIP 1.x answers Item Not Found, see reason-compat.ts). */
export function attributeNotFound(name: string): KmipResultError {
  return new KmipResultError(
    ResultReason.AttributeNotFound,
    `attribute ${quoted(name)} is not set on the object`,
  );
}

/** Attribute Instance Not Found (KMIP 1.x: Item Not Found). */
export function instanceNotFound(name: string, detail: string): KmipResultError {
  return new KmipResultError(
    ResultReason.AttributeInstanceNotFound,
    `attribute ${quoted(name)} has no instance ${detail}`,
  );
}

/**
 * The index a KMIP 1.x request means. KMIP 1.1+ assumes 0 when none is given (1.4 §4.15,
 * §4.16); KMIP 1.0 assumed 0 only for an attribute with a single instance (1.0 §2.1.1; OASIS
 * TC-171-11 notes the change).
 * @throws KmipResultError Invalid Field for a KMIP 1.0 request that leaves it out although
 *   the attribute has several instances.
 */
export function requestedIndex(
  index: number | undefined,
  instances: readonly IndexedAttribute[],
  version: KmipVersionName,
): number {
  if (index !== undefined) return index;
  if (version === '1.0' && instances.length > 1) {
    throw invalidField(
      `attribute ${quoted(instances[0]?.name ?? '')} has ${instances.length} instances: KMIP 1.0 needs an Attribute Index`,
    );
  }
  return 0;
}

/**
 * The instance a KMIP 2.x Current Attribute names: the one with that value.
 * @throws KmipResultError Attribute Not Found when the attribute has no instance, Attribute
 *   Instance Not Found when none has that value.
 */
export function instanceWithValue(
  instances: readonly IndexedAttribute[],
  current: Attribute,
): IndexedAttribute {
  if (instances.length === 0) throw attributeNotFound(current.name);
  const found = instances.find((a) => isSameValue(a.value, current.value));
  if (found === undefined) throw instanceNotFound(current.name, 'with the Current Attribute value');
  return found;
}

// The dates a client may move only while the object is in one of these states: the rules
// tables of Activation Date, Process Start Date, Protect Stop Date and Deactivation Date
// (KMIP 1.4 §3.24–3.27; KMIP 2.1 §4.1, §4.40, §4.41, §4.18), "Modifiable by client: Yes, only
// while in ... state".
const DATE_STATES: Readonly<Record<string, readonly ManagedObjectRecord['state'][]>> = {
  ActivationDate: ['PreActive'],
  DeactivationDate: ['PreActive', 'Active'],
  ProcessStartDate: ['PreActive', 'Active'],
  ProtectStopDate: ['PreActive', 'Active'],
};
// "... and as long as the date has not been reached" (same clauses).
const FIXED_ONCE_REACHED = new Set(['ProcessStartDate', 'ProtectStopDate']);

/** A value a client is about to write, and the instance it replaces (if any). */
export interface NewValue {
  readonly name: string;
  readonly value: AttributeValue;
  readonly replaced?: IndexedAttribute;
}

/**
 * Checks what the value itself may not do: move a lifecycle date outside the states that
 * allow it, turn Sensitive back off, or repeat a Name the object already has.
 * @throws KmipResultError Wrong Key Lifecycle State (1.x and 2.0: Permission Denied, OASIS
 *   SKLC-M-3-21 / SKLC-M-3-14), Attribute Read Only (1.x: Permission Denied), Non Unique Name
 *   Attribute (1.x: Invalid Field, OASIS BL-M-8-21).
 */
export function assertValueAllowed(
  record: ManagedObjectRecord,
  change: NewValue,
  ctx: { readonly version: KmipVersionName; now(): Date },
): void {
  const { name, value, replaced } = change;
  const states = DATE_STATES[name];
  if (states !== undefined) {
    if (!states.includes(record.state)) {
      throw lifecycleError(
        ctx.version,
        `${name} cannot change while the object is ${record.state}`,
      );
    }
    const current = attributeValue(record, name);
    if (FIXED_ONCE_REACHED.has(name) && current instanceof Date && current <= ctx.now()) {
      throw lifecycleError(ctx.version, `${name} has been reached and can no longer change`);
    }
  }
  // Sensitive goes one way only, False to True, as KMIP 3.0 §4.61 and PKCS#11 CKA_SENSITIVE
  // say (KMIP 2.1 §4.55 leaves it open): a sensitive key must never become exportable in
  // the clear again.
  if (name === 'Sensitive' && attributeValue(record, name) === true && value !== true) {
    throw new KmipResultError(
      ResultReason.AttributeReadOnly,
      'Sensitive can only change from False to True',
    );
  }
  if (
    name === 'Name' &&
    instancesOf(record, name).some(
      (a) => a.index !== replaced?.index && isSameValue(a.value, value),
    )
  ) {
    throw new KmipResultError(
      ResultReason.NonUniqueNameAttribute,
      'the object already has an instance of Name with this value',
    );
  }
}

/** One instance as a KMIP 1.x response shows it (index left out when 0). */
export function shownAttribute(
  instance: IndexedAttribute | undefined,
  version: KmipVersionName,
): { attribute?: Attribute } {
  const [shown] = instance === undefined ? [] : attributesForResponse([instance], version);
  return shown === undefined ? {} : { attribute: shown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

/**
 * Structural equality of attribute values as decoded from a request and as read from the
 * store: dates by time, bytes by content (Buffer and Uint8Array alike), structures by their
 * present fields.
 */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => isSameValue(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const present = (o: Record<string, unknown>) =>
      Object.keys(o).filter((key) => o[key] !== undefined);
    const keys = present(a);
    return keys.length === present(b).length && keys.every((key) => isSameValue(a[key], b[key]));
  }
  return false;
}
