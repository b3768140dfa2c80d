import { StoreValueError } from './errors.ts';
import type { MasterKey } from './master-key.ts';
import { sealMaterial } from './material.ts';
import { OBJECT_STATES } from './types.ts';
import type {
  NewStoredObject,
  ObjectPatch,
  ObjectState,
  StoredAttribute,
  WriteOp,
} from './types.ts';
import { encodeAttributeList, sortedAttributes } from './attribute-list.ts';
import { encodeValue } from './value-codec.ts';

// Everything is checked, encoded and sealed here, before a write joins a commit group:
// bad input fails its own promise at once, and the group's transaction only runs SQL.

/** An attribute: its search row (name, idx, key, date) and its value in the list (json). */
export interface EncodedAttribute {
  readonly name: string;
  readonly idx: number;
  readonly json: string;
  readonly key: string;
  readonly date: number | null;
}

/** A new object row, material already sealed. */
export interface EncodedObject {
  readonly id: string;
  readonly objectType: string;
  readonly state: ObjectState;
  readonly owner: string;
  readonly createdAt: number;
  readonly sealed: Uint8Array | null;
  readonly attributes: readonly EncodedAttribute[];
  /** The `objects.attrs` text (attribute-list.ts). */
  readonly attributeList: string;
}

/** A patch ready for SQL; `undefined` fields stay unchanged. */
export interface EncodedPatch {
  readonly state: ObjectState | undefined;
  readonly owner: string | undefined;
  readonly sealed: Uint8Array | null | undefined;
  readonly attributes: readonly EncodedAttribute[] | undefined;
  /** The new `objects.attrs` text when `attributes` is given. */
  readonly attributeList: string | undefined;
  readonly expectedRevision: number | undefined;
}

/** A `WriteOp` after encoding. */
export type EncodedOp =
  | { readonly op: 'create'; readonly object: EncodedObject }
  | { readonly op: 'update'; readonly id: string; readonly patch: EncodedPatch }
  | { readonly op: 'delete'; readonly id: string };

/** @throws StoreValueError (KW_STORE_VALUE) */
export function encodeNewObject(
  key: MasterKey,
  object: NewStoredObject,
  path = 'object',
): EncodedObject {
  if (object === null || typeof object !== 'object') {
    throw new StoreValueError(path, 'must be an object');
  }
  const id = checkId(object.id, `${path}.id`);
  const createdAt = object.createdAt ?? new Date();
  checkDate(createdAt, `${path}.createdAt`);
  const attributes = encodeAttributes(object.attributes, `${path}.attributes`);
  return {
    id,
    objectType: checkText(object.objectType, `${path}.objectType`, false),
    state: checkState(object.state, `${path}.state`),
    owner: checkText(object.owner, `${path}.owner`, true),
    createdAt: createdAt.getTime(),
    sealed: sealMaterial(key, id, checkMaterial(object.material, `${path}.material`)),
    attributes,
    attributeList: encodeAttributeList(attributes),
  };
}

/** @throws StoreValueError (KW_STORE_VALUE) */
export function encodePatch(
  key: MasterKey,
  id: string,
  patch: ObjectPatch,
  path = 'patch',
  idPath = 'id',
): EncodedPatch {
  checkId(id, idPath);
  if (patch === null || typeof patch !== 'object') {
    throw new StoreValueError(path, 'must be an object');
  }
  const { expectedRevision } = patch;
  if (
    expectedRevision !== undefined &&
    !(Number.isSafeInteger(expectedRevision) && expectedRevision >= 1)
  ) {
    throw new StoreValueError(`${path}.expectedRevision`, 'must be a positive integer');
  }
  const attributes =
    patch.attributes === undefined
      ? undefined
      : encodeAttributes(patch.attributes, `${path}.attributes`);
  return {
    state: patch.state === undefined ? undefined : checkState(patch.state, `${path}.state`),
    owner: patch.owner === undefined ? undefined : checkText(patch.owner, `${path}.owner`, true),
    sealed:
      patch.material === undefined
        ? undefined
        : sealMaterial(key, id, checkMaterial(patch.material, `${path}.material`)),
    attributes,
    attributeList: attributes === undefined ? undefined : encodeAttributeList(attributes),
    expectedRevision,
  };
}

/** @throws StoreValueError (KW_STORE_VALUE) naming the op, e.g. `ops[3].object.state`. */
export function encodeOps(key: MasterKey, ops: readonly WriteOp[]): EncodedOp[] {
  if (!Array.isArray(ops)) throw new StoreValueError('ops', 'must be an array');
  return ops.map((op, i): EncodedOp => {
    const path = `ops[${i}]`;
    switch (op?.op) {
      case 'create':
        return { op: 'create', object: encodeNewObject(key, op.object, `${path}.object`) };
      case 'update':
        return {
          op: 'update',
          id: op.id,
          patch: encodePatch(key, op.id, op.patch, `${path}.patch`, `${path}.id`),
        };
      case 'delete':
        return { op: 'delete', id: checkId(op.id, `${path}.id`) };
      default:
        throw new StoreValueError(`${path}.op`, 'must be create, update or delete');
    }
  });
}

/** @throws StoreValueError (KW_STORE_VALUE) */
export function checkId(id: unknown, path: string): string {
  return checkText(id, path, false);
}

/**
 * Checks and encodes a list of attributes; no two may share a name and index.
 * @throws StoreValueError (KW_STORE_VALUE) naming the first bad attribute, as
 *   `encodeAttributesWithPaths` does.
 */
export function encodeAttributes(
  attributes: readonly StoredAttribute[],
  path: string,
): EncodedAttribute[] {
  // Every Create encodes ~18 attributes (issue #9): no path text, no pair key and no Set per
  // attribute here. Duplicates are found on the sorted list the attribute list needs anyway;
  // on any problem the reference walk below runs and throws its error.
  if (!Array.isArray(attributes)) throw new StoreValueError(path, 'must be an array');
  const out = new Array<EncodedAttribute>(attributes.length);
  try {
    for (let i = 0; i < attributes.length; i++) {
      const attr = attributes[i];
      const name: unknown = attr?.name;
      const idx: unknown = attr?.index;
      if (typeof name !== 'string' || name.length === 0)
        return encodeAttributesWithPaths(attributes, path);
      if (!(Number.isSafeInteger(idx) && (idx as number) >= 0)) {
        return encodeAttributesWithPaths(attributes, path);
      }
      const value = encodeValue(attr?.value, 'value');
      out[i] = { name, idx: idx as number, json: value.json, key: value.key, date: value.date };
    }
  } catch {
    return encodeAttributesWithPaths(attributes, path);
  }
  const sorted = sortedAttributes(out);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as EncodedAttribute;
    const b = sorted[i] as EncodedAttribute;
    if (a.idx === b.idx && a.name === b.name) return encodeAttributesWithPaths(attributes, path);
  }
  return out;
}

/**
 * `encodeAttributes` one attribute at a time with the path of each; the reference the fast
 * path is tested against, and where its errors come from.
 * @throws StoreValueError (KW_STORE_VALUE)
 */
export function encodeAttributesWithPaths(
  attributes: readonly StoredAttribute[],
  path: string,
): EncodedAttribute[] {
  if (!Array.isArray(attributes)) throw new StoreValueError(path, 'must be an array');
  const seen = new Set<string>();
  return attributes.map((attr: StoredAttribute, i): EncodedAttribute => {
    const at = `${path}[${i}]`;
    const name = checkText(attr?.name, `${at}.name`, false);
    if (!(Number.isSafeInteger(attr.index) && attr.index >= 0)) {
      throw new StoreValueError(`${at}.index`, 'must be a non-negative integer');
    }
    const slot = JSON.stringify([name, attr.index]);
    if (seen.has(slot)) throw new StoreValueError(at, `duplicate ${name} index ${attr.index}`);
    seen.add(slot);
    const value = encodeValue(attr.value, `${at}.value`);
    return { name, idx: attr.index, json: value.json, key: value.key, date: value.date };
  });
}

function checkText(value: unknown, path: string, mayBeEmpty: boolean): string {
  if (typeof value !== 'string') throw new StoreValueError(path, 'must be a string');
  if (!mayBeEmpty && value.length === 0) throw new StoreValueError(path, 'must not be empty');
  return value;
}

function checkState(value: unknown, path: string): ObjectState {
  if (!(OBJECT_STATES as readonly unknown[]).includes(value)) {
    throw new StoreValueError(path, `must be one of ${OBJECT_STATES.join(', ')}`);
  }
  return value as ObjectState;
}

function checkMaterial(value: unknown, path: string): Uint8Array | null {
  if (value === null || value instanceof Uint8Array) return value;
  throw new StoreValueError(path, 'must be a Uint8Array or null');
}

function checkDate(value: unknown, path: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new StoreValueError(path, 'must be a valid Date');
  }
}
