/**
 * Lookups over the generated KMIP registry: tags by number, name or KMIP 1.x attribute
 * name; enumeration and mask values by name and number; what exists in which version.
 * Unknown numbers are not errors here: callers print them as hex so extensions round-trip.
 */
import { enumerationEntries, maskEntries, tagEntries } from './generated/registry.ts';
import {
  KMIP_VERSIONS,
  type KmipVersionName,
  type RegistryItemType,
  type TagEntry,
  type ValueEntry,
  type ValueSetEntry,
} from './registry-types.ts';

const tagsByNumber = new Map<number, TagEntry>();
const tagsByName = new Map<string, TagEntry>();
const tagsBySpecName = new Map<string, TagEntry>();
for (const entry of tagEntries) {
  tagsByNumber.set(entry.tag, entry);
  tagsByName.set(entry.name, entry);
  tagsBySpecName.set(entry.specName, entry);
}

interface ValueIndex {
  readonly byValue: ReadonlyMap<number, ValueEntry>;
  readonly byName: ReadonlyMap<string, ValueEntry>;
}

function indexValues(set: ValueSetEntry): ValueIndex {
  const byValue = new Map<number, ValueEntry>();
  const byName = new Map<string, ValueEntry>();
  for (const v of set.values) {
    // The first name listed for a value wins (the registry lists current names first).
    if (!byValue.has(v.value)) byValue.set(v.value, v);
    byName.set(v.name, v);
    for (const alias of v.aliases ?? []) if (!byName.has(alias)) byName.set(alias, v);
  }
  return { byValue, byName };
}

const enumerationIndex = new Map<string, ValueIndex>(
  Object.values(enumerationEntries).map((set) => [set.name, indexValues(set)]),
);
const maskIndex = new Map<string, ValueIndex>(
  Object.values(maskEntries).map((set) => [set.name, indexValues(set)]),
);

const versionRank = new Map<string, number>(KMIP_VERSIONS.map((v, i) => [v, i]));
// Version names by major, then minor: every request names its version (no string built).
const versionsByPair = new Map<number, Map<number, KmipVersionName>>();
for (const v of KMIP_VERSIONS) {
  const [major = 0, minor = 0] = v.split('.').map(Number);
  const minors = versionsByPair.get(major) ?? new Map<number, KmipVersionName>();
  minors.set(minor, v);
  versionsByPair.set(major, minors);
}

/** Orders two versions: negative when `a` is older than `b`. */
export function compareVersions(a: KmipVersionName, b: KmipVersionName): number {
  return (versionRank.get(a) ?? 0) - (versionRank.get(b) ?? 0);
}

/** The version name for a protocol version pair, or undefined when Keywarden does not know it. */
export function versionName(major: number, minor: number): KmipVersionName | undefined {
  return versionsByPair.get(major)?.get(minor);
}

/** True when something that exists `since`..`until` exists in `version`. */
export function existsInVersion(
  entry: { readonly since: KmipVersionName; readonly until: KmipVersionName | null },
  version: KmipVersionName,
): boolean {
  return (
    compareVersions(entry.since, version) <= 0 &&
    (entry.until === null || compareVersions(version, entry.until) <= 0)
  );
}

/** The registry entry of a tag number, or undefined for unknown and extension tags. */
export function tagEntry(tag: number): TagEntry | undefined {
  return tagsByNumber.get(tag);
}

/** The registry entry of a normalized tag name such as `UniqueIdentifier`. */
export function tagEntryByName(name: string): TagEntry | undefined {
  return tagsByName.get(name);
}

/**
 * The tag of a KMIP 1.x attribute name as the spec prints it (`Cryptographic Algorithm`),
 * or undefined for custom (`x-…`, `y-…`) and unknown names.
 */
export function tagEntryByAttributeName(attributeName: string): TagEntry | undefined {
  return tagsBySpecName.get(attributeName);
}

/** True when the tag is defined by the registry (in any version). */
export function isKnownTag(tag: number): boolean {
  return tagsByNumber.has(tag);
}

/** True when the tag is in the extension range 0x540000–0x54FFFF. */
export function isExtensionTag(tag: number): boolean {
  return tag >= 0x540000 && tag <= 0x54ffff;
}

/** The item type of a tag in a version (the types of a few tags changed in 2.0). */
export function tagTypeInVersion(
  entry: TagEntry,
  version: KmipVersionName,
): RegistryItemType | 'Varies' | null {
  return entry.typeByVersion?.[version] ?? entry.type;
}

/** True when `type` is a legal item type for the tag in some version. */
export function isAllowedType(entry: TagEntry, type: RegistryItemType): boolean {
  if (entry.type === 'Varies' || entry.type === type) return true;
  if (entry.alternateTypes?.includes(type)) return true;
  return Object.values(entry.typeByVersion ?? {}).includes(type);
}

/** The enumeration (values) of an Enumeration-typed tag. */
export function enumerationOfTag(tag: number): ValueSetEntry | undefined {
  const name = tagsByNumber.get(tag)?.enumeration;
  return name === undefined ? undefined : enumerationEntries[name];
}

/** The mask (bits) of a mask-valued Integer tag. */
export function maskOfTag(tag: number): ValueSetEntry | undefined {
  const name = tagsByNumber.get(tag)?.mask;
  return name === undefined ? undefined : maskEntries[name];
}

/** An enumeration by name, e.g. `ResultReason`. */
export function enumerationByName(name: string): ValueSetEntry | undefined {
  return enumerationEntries[name];
}

/** A mask by name, e.g. `CryptographicUsageMask`. */
export function maskByName(name: string): ValueSetEntry | undefined {
  return maskEntries[name];
}

/** The entry of an enumeration value by number. */
export function enumValueEntry(enumerationName: string, value: number): ValueEntry | undefined {
  return enumerationIndex.get(enumerationName)?.byValue.get(value);
}

/** The entry of an enumeration value by normalized name or alias. */
export function enumValueByName(enumerationName: string, name: string): ValueEntry | undefined {
  return enumerationIndex.get(enumerationName)?.byName.get(name);
}

/** The entry of a mask bit by normalized name or alias. */
export function maskBitByName(maskName: string, name: string): ValueEntry | undefined {
  return maskIndex.get(maskName)?.byName.get(name);
}

/**
 * Splits a mask value into its named bits; bits the mask does not name are returned
 * in `rest` so that they can be printed as hex and round-trip.
 */
export function splitMask(maskName: string, value: number): { names: string[]; rest: number } {
  const set = maskEntries[maskName];
  const names: string[] = [];
  let rest = value >>> 0;
  for (const bit of set?.values ?? []) {
    if ((rest & bit.value) >>> 0 === bit.value && bit.value !== 0) {
      names.push(bit.name);
      rest = (rest & ~bit.value) >>> 0;
    }
  }
  return { names, rest };
}

/** True when the value lies in the extension range 0x8XXXXXXX of every enumeration. */
export function isExtensionEnumValue(value: number): boolean {
  return value >>> 0 >= 0x80000000;
}
