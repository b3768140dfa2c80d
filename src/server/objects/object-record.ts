/**
 * A managed object as operations see it: identity, lifecycle state, owner, every attribute
 * in the normalized message model (Unique Identifier, Object Type and State included) and
 * the object itself — converted from and to the store's shape.
 */
import { ObjectType, State } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { AttributeValue } from '../../kmip/messages/attribute-values.ts';
import type { ManagedObject, ManagedObjectKind } from '../../kmip/messages/objects.ts';
import type {
  ObjectState,
  StoredAttribute,
  StoredObject,
  StoredObjectMetadata,
} from '../../store/index.ts';
import { attributeRule } from './attribute-rules.ts';
import { decodeObjectMaterial } from './object-material.ts';
import { stateAt } from './state-machine.ts';

/** One attribute instance with its index (KMIP 1.x Attribute Index; 0 for the first). */
export interface IndexedAttribute extends Attribute {
  readonly index: number;
}

/** A managed object read for an operation. */
export interface ManagedObjectRecord {
  readonly id: string;
  /** Registry Object Type name, e.g. `SymmetricKey`. */
  readonly objectType: ManagedObjectKind;
  /** The state now, date-driven transitions applied (see `stateAt`). */
  readonly state: ObjectState;
  /** Identity of the client that created or registered it. */
  readonly owner: string;
  /** Store revision the record was read at; writes compare-and-set against it. */
  readonly revision: number;
  /** Every attribute: Unique Identifier, Object Type and State first, then by name and index. */
  readonly attributes: readonly IndexedAttribute[];
  /** The object with its key material; undefined once destroyed. */
  readonly object: ManagedObject | undefined;
}

/** The values of every instance of `name`, by index. */
export function attributeValues(
  record: Pick<ManagedObjectRecord, 'attributes'>,
  name: string,
): AttributeValue[] {
  return record.attributes.filter((a) => a.name === name).map((a) => a.value);
}

/** The value of the first instance of `name`, or undefined. */
export function attributeValue(
  record: Pick<ManagedObjectRecord, 'attributes'>,
  name: string,
): AttributeValue | undefined {
  return record.attributes.find((a) => a.name === name)?.value;
}

function dateOf(attributes: readonly StoredAttribute[], name: string): Date | undefined {
  const value = attributes.find((a) => a.name === name)?.value;
  return value instanceof Date ? value : undefined;
}

/** The state of a stored object at `now`, its Activation and Deactivation Dates applied. */
export function effectiveState(object: StoredObjectMetadata, now: Date): ObjectState {
  return stateAt(
    object.state,
    {
      activationDate: dateOf(object.attributes, 'ActivationDate'),
      deactivationDate: dateOf(object.attributes, 'DeactivationDate'),
    },
    now,
  );
}

// KMIP 2.x Vendor Identifications that contain `-` cannot be told from the attribute name in
// the normalized `<vendor>-<name>` form (attribute-names.ts), so the object keeps them, by
// attribute name, in one stored attribute of its own. Its name is no valid client attribute
// name (no registry name, no `-`), so no request can name, set or list it.
const VENDOR_SPLITS = '@VendorIdentifications';

/**
 * The record's attributes: the column attributes, then the stored ones with the vendor split
 * record folded back in (one pass, no intermediate arrays: every read builds this; issue #9).
 */
function recordAttributes(
  id: string,
  objectType: ManagedObjectKind,
  state: ObjectState,
  stored: readonly StoredAttribute[],
): IndexedAttribute[] {
  const attributes: IndexedAttribute[] = [
    { name: 'UniqueIdentifier', index: 0, value: id },
    { name: 'ObjectType', index: 0, value: ObjectType[objectType] },
  ];
  // KMIP 1.4 §3.22: State applies to Managed Cryptographic Objects; a Template has none.
  if (objectType !== 'Template') attributes.push({ name: 'State', index: 0, value: State[state] });
  let splits: Readonly<Record<string, string>> | undefined;
  for (let i = 0; i < stored.length; i++) {
    const a = stored[i] as StoredAttribute;
    if (a.name === VENDOR_SPLITS) {
      splits ??= a.value as Readonly<Record<string, string>>;
    }
  }
  for (let i = 0; i < stored.length; i++) {
    const a = stored[i] as StoredAttribute;
    if (a.name === VENDOR_SPLITS) continue;
    const vendor =
      splits !== undefined && Object.hasOwn(splits, a.name) ? splits[a.name] : undefined;
    attributes.push(
      vendor === undefined
        ? { name: a.name, index: a.index, value: a.value as AttributeValue }
        : {
            name: a.name,
            index: a.index,
            value: a.value as AttributeValue,
            vendorIdentification: vendor,
          },
    );
  }
  return attributes;
}

/** A record without the object (key material): what access checks and attribute matching use. */
export type ManagedObjectMetadata = Omit<ManagedObjectRecord, 'object'>;

/** Converts a stored object's metadata into a record as of `now`; no key material is touched. */
export function toMetadataRecord(stored: StoredObjectMetadata, now: Date): ManagedObjectMetadata {
  const objectType = stored.objectType as ManagedObjectKind;
  const state = effectiveState(stored, now);
  return {
    id: stored.id,
    objectType,
    state,
    owner: stored.owner,
    revision: stored.revision,
    attributes: recordAttributes(stored.id, objectType, state, stored.attributes),
  };
}

/** Converts a stored object into a record as of `now`. */
export function toRecord(stored: StoredObject, now: Date): ManagedObjectRecord {
  const objectType = stored.objectType as ManagedObjectKind;
  const state = effectiveState(stored, now);
  return {
    id: stored.id,
    objectType,
    state,
    owner: stored.owner,
    revision: stored.revision,
    attributes: recordAttributes(stored.id, objectType, state, stored.attributes),
    object: stored.material === null ? undefined : decodeObjectMaterial(stored.material),
  };
}

/** The attributes the store keeps: everything but the column attributes, by name and index. */
export function toStoredAttributes(attributes: readonly IndexedAttribute[]): StoredAttribute[] {
  // One pass and a sort only when out of order (every Create; issue #9, garbage per request).
  const stored: StoredAttribute[] = [];
  let splits: Record<string, string> | undefined;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i] as IndexedAttribute;
    if (attributeRule(a.name)?.isColumn === true) continue;
    if (a.vendorIdentification !== undefined) (splits ??= {})[a.name] = a.vendorIdentification;
    stored.push({ name: a.name, index: a.index, value: a.value });
  }
  if (splits !== undefined) stored.push({ name: VENDOR_SPLITS, index: 0, value: splits });
  for (let i = 1; i < stored.length; i++) {
    if (compareStored(stored[i - 1] as StoredAttribute, stored[i] as StoredAttribute) > 0) {
      return stored.sort(compareStored);
    }
  }
  return stored;
}

function compareStored(a: StoredAttribute, b: StoredAttribute): number {
  return a.name === b.name ? a.index - b.index : a.name < b.name ? -1 : 1;
}

/**
 * Gives every instance an index: instances that carry one keep it, the others take the next
 * free index of their name, in order.
 */
export function assignIndexes(attributes: readonly Attribute[]): IndexedAttribute[] {
  let carriesIndex = false;
  for (let i = 0; i < attributes.length && !carriesIndex; i++) {
    carriesIndex = attributes[i]?.index !== undefined;
  }
  // No instance carries one (every Create): the nth instance of a name takes index n, counted
  // over the instances before it; a Map of counters only for long lists (issue #9).
  if (!carriesIndex) {
    const n = attributes.length;
    const next = n > 32 ? new Map<string, number>() : undefined;
    const out = new Array<IndexedAttribute>(n);
    for (let i = 0; i < n; i++) {
      const a = attributes[i] as Attribute;
      let index = 0;
      if (next === undefined) {
        for (let j = 0; j < i; j++) if ((attributes[j] as Attribute).name === a.name) index++;
      } else {
        index = next.get(a.name) ?? 0;
        next.set(a.name, index + 1);
      }
      out[i] = { ...a, index };
    }
    return out;
  }
  const used = new Map<string, Set<number>>();
  for (const a of attributes) {
    if (a.index !== undefined) {
      const set = used.get(a.name) ?? new Set<number>();
      set.add(a.index);
      used.set(a.name, set);
    }
  }
  return attributes.map((a) => {
    if (a.index !== undefined) return { ...a, index: a.index };
    const set = used.get(a.name) ?? new Set<number>();
    let index = 0;
    while (set.has(index)) index++;
    set.add(index);
    used.set(a.name, set);
    return { ...a, index };
  });
}
