/**
 * The stored form of an imported object (Import, KMIP 1.4 §4.32, 2.1 §6.1.25): unlike a
 * created or registered object, every attribute is taken as supplied — "Initially set by"
 * and "When implicitly set" are not enforced — so the server adds nothing (no Initial Date,
 * Digest, Fresh or Operation Policy Name of its own). Unique Identifier, Object Type and
 * State live in store columns; the object of a Destroyed state keeps no key material.
 */
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type { NewStoredObject, ObjectState } from '../../store/index.ts';
import { encodeObjectMaterial } from './object-material.ts';
import { assignIndexes, toStoredAttributes } from './object-record.ts';

/** An object for `ManagedObjects.importObject`. */
export interface ImportedManagedObject {
  /** The Unique Identifier the client gave. */
  readonly id: string;
  readonly object: ManagedObject;
  /** Every attribute but Unique Identifier, Object Type and State, checked by the caller. */
  readonly attributes: readonly Attribute[];
  readonly state: ObjectState;
  /** Replace an object that has this identifier (Replace Existing). */
  readonly replaceExisting: boolean;
}

const DESTROYED: ReadonlySet<ObjectState> = new Set(['Destroyed', 'DestroyedCompromised']);

/** The stored form of `spec`, owned by `owner` (the importing client) from `now`. */
export function buildImportedObject(
  spec: ImportedManagedObject,
  owner: string,
  now: Date,
): NewStoredObject & { readonly createdAt: Date } {
  return {
    id: spec.id,
    objectType: spec.object.kind,
    state: spec.state,
    owner,
    material: DESTROYED.has(spec.state) ? null : encodeObjectMaterial(spec.object),
    attributes: toStoredAttributes(assignIndexes(spec.attributes)),
    createdAt: now,
  };
}
