/**
 * How a managed object is kept in the store's `material` column: the TTLV encoding of the
 * whole object (Key Block with format, algorithm and length; certificate; opaque value), so
 * Get returns it exactly as it was stored, in any protocol version. Objects are encoded with
 * the newest version's rules (Templates, which KMIP 2.0 removed, with 1.4's); the store
 * encrypts the bytes at rest.
 */
import { Tag } from '../../kmip/generated/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { decodeTtlv, encodeTtlv } from '../../kmip/ttlv/index.ts';
import {
  managedObject,
  managedObjectTags,
  type ManagedObject,
} from '../../kmip/messages/objects.ts';

function storageVersion(tag: number): KmipVersionName {
  return tag === Tag.Template ? '1.4' : '2.1';
}

/** The bytes to store for `object`. */
export function encodeObjectMaterial(object: ManagedObject): Uint8Array {
  const tag = managedObjectTags[object.kind];
  const path = ['Material', object.kind];
  return encodeTtlv(managedObject.encode(object, tag, { version: storageVersion(tag) }, path));
}

/**
 * The object stored as `bytes`.
 * @throws KW_TTLV_* or KW_KMIP_MESSAGE when the bytes are not an object this code wrote.
 */
export function decodeObjectMaterial(bytes: Uint8Array): ManagedObject {
  const item = decodeTtlv(bytes);
  return managedObject.decode(item, { version: storageVersion(item.tag) }, ['Material']);
}
