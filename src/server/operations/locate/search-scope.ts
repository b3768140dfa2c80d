/**
 * Which objects a Locate searches besides its attributes: the Storage Status Mask (KMIP 1.4
 * §4.9 and §9.1.3.3.2, 2.1 §6.1.32 and §12.3) and the Object Group Member option (1.1+).
 *
 * Storage: an object is destroyed when its state is Destroyed or Destroyed Compromised,
 * archived when it has an Archive Date (Archive sets it, Recover deletes it: KMIP 1.4
 * §3.32), else on-line. Without a mask only on-line objects are searched. KMIP 1.x has no
 * Destroyed Storage bit and never returns destroyed objects (OASIS SKFF-M-5-14: a Locate
 * after Destroy finds nothing); KMIP 2.x returns them only when the mask has that bit.
 */
import { ObjectGroupMember, StorageStatusMask } from '../../../kmip/generated/registry.ts';
import type { KmipVersionName } from '../../../kmip/registry-types.ts';
import { existsInVersion, maskByName } from '../../../kmip/registry.ts';
import type { AttributeFilter, ObjectState } from '../../../store/index.ts';
import { attributeValues, type ManagedObjectMetadata } from '../../objects/index.ts';
import { invalidField } from '../../pipeline/result-error.ts';
import type { Criterion } from './criteria.ts';

type Storage = 'online' | 'archived' | 'destroyed';

const DESTROYED: readonly ObjectState[] = ['Destroyed', 'DestroyedCompromised'];
const LIVE: readonly ObjectState[] = ['PreActive', 'Active', 'Deactivated', 'Compromised'];
const ARCHIVE_DATE = 'ArchiveDate';

function storageOf(record: ManagedObjectMetadata): Storage {
  if (DESTROYED.includes(record.state)) return 'destroyed';
  return attributeValues(record, ARCHIVE_DATE).length > 0 ? 'archived' : 'online';
}

// The registry is fixed, so each version's bits are worked out once (every Locate asks).
const DEFINED_BITS = new Map<KmipVersionName, number>();

function definedBits(version: KmipVersionName): number {
  let bits = DEFINED_BITS.get(version);
  if (bits === undefined) {
    const mask = maskByName('StorageStatusMask');
    bits = (mask?.values ?? [])
      .filter((bit) => existsInVersion(bit, version))
      .reduce((all, bit) => all | bit.value, 0);
    DEFINED_BITS.set(version, bits);
  }
  return bits;
}

/**
 * The storage the request searches, as a criterion: exact in the store except for the mixes
 * of destroyed with only one of on-line and archived, which are checked on each object.
 * @throws KmipResultError Invalid Field for a bit the version does not define.
 */
export function storageCriterion(mask: number | undefined, version: KmipVersionName): Criterion {
  const bits = mask ?? StorageStatusMask.OnLineStorage;
  const unknown = bits & ~definedBits(version);
  if (unknown !== 0) {
    throw invalidField(
      `Storage Status Mask bits 0x${(unknown >>> 0).toString(16)} are not defined in KMIP ${version}`,
    );
  }
  const wanted = new Set<Storage>();
  if ((bits & StorageStatusMask.OnLineStorage) !== 0) wanted.add('online');
  if ((bits & StorageStatusMask.ArchivalStorage) !== 0) wanted.add('archived');
  if ((bits & StorageStatusMask.DestroyedStorage) !== 0) wanted.add('destroyed');
  const matches = (record: ManagedObjectMetadata) => wanted.has(storageOf(record));
  const live = wanted.has('online') || wanted.has('archived');
  if (!wanted.has('destroyed')) {
    if (!live) return { states: [], isExact: true, matches };
    // Live objects; on-line alone or archived alone also decides on the Archive Date.
    const filters: AttributeFilter[] = [];
    if (!wanted.has('archived')) filters.push({ name: ARCHIVE_DATE, absent: true });
    if (!wanted.has('online')) filters.push({ name: ARCHIVE_DATE, exists: true });
    return { states: LIVE, filters, isExact: true, matches };
  }
  if (!live) return { states: DESTROYED, isExact: true, matches };
  if (wanted.has('online') && wanted.has('archived')) return { isExact: true, matches };
  // Destroyed, or live and (not) archived: an OR the store's filters cannot express.
  return { isExact: false, matches };
}

/** How the Object Group Member option shapes a search. */
export interface GroupMemberScope {
  /** Extra criteria (Group Member Fresh: the object is fresh). */
  readonly criteria: readonly Criterion[];
  /** Oldest first: the group serves its members in the order they were made. */
  readonly order: 'asc' | 'desc';
  /** Group Member Default: only the group's default object, its oldest match. */
  readonly isSingle: boolean;
}

const FRESH: Criterion = {
  filters: [{ name: 'Fresh', equals: true }],
  isExact: true,
  matches: (record) => attributeValues(record, 'Fresh').some((v) => v === true),
};

/**
 * The search shape of an Object Group Member value (KMIP 1.4 §4.9). Group Member Fresh finds
 * fresh objects of the group, oldest first (OASIS TC-152-11 takes the first registered key
 * first); Group Member Default finds the group's default object, which this server's policy
 * makes its oldest matching member (TC-153-11 starts from the first key created). Without
 * the option the newest object comes first, as the specification requires.
 * @throws KmipResultError Invalid Field for a value the registry does not define.
 */
export function groupMemberScope(option: number | undefined): GroupMemberScope {
  switch (option) {
    case undefined:
      return { criteria: [], order: 'desc', isSingle: false };
    case ObjectGroupMember.GroupMemberFresh:
      return { criteria: [FRESH], order: 'asc', isSingle: false };
    case ObjectGroupMember.GroupMemberDefault:
      return { criteria: [], order: 'asc', isSingle: true };
    default:
      throw invalidField(`Object Group Member 0x${(option >>> 0).toString(16)} is not defined`);
  }
}
