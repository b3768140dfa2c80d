/**
 * Shapes of the generated KMIP registry (src/kmip/generated/registry.ts).
 * The data comes from data/kmip/registry.json; see data/kmip/SOURCES.md.
 */

/** The KMIP protocol versions Keywarden knows, oldest first. */
export const KMIP_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4', '2.0', '2.1'] as const;
/** A KMIP protocol version as `major.minor`. */
export type KmipVersionName = (typeof KMIP_VERSIONS)[number];

/** The TTLV item type names, as the registry spells them. */
export type RegistryItemType =
  | 'Structure'
  | 'Integer'
  | 'LongInteger'
  | 'BigInteger'
  | 'Enumeration'
  | 'Boolean'
  | 'TextString'
  | 'ByteString'
  | 'DateTime'
  | 'Interval'
  | 'DateTimeExtended';

/** One tag of the KMIP tag table. */
export interface TagEntry {
  /** Normalized CamelCase name (XML element name, JSON tag). */
  readonly name: string;
  /** The name as the specification prints it, e.g. `Activation Date` (KMIP 1.x attribute names). */
  readonly specName: string;
  readonly tag: number;
  /**
   * Item type in the newest version it exists in; `Varies` where the type depends on
   * context (1.x Attribute Value, Custom Attribute, Adjustment Value); null where no spec
   * defines one.
   */
  readonly type: RegistryItemType | 'Varies' | null;
  readonly since: KmipVersionName;
  /** Last version that defines it; null = still in 2.1. */
  readonly until: KmipVersionName | null;
  /** Enumeration that gives its values (Enumeration-typed tags). */
  readonly enumeration?: string;
  /** Mask that gives its bits (Integer-typed masks). */
  readonly mask?: string;
  /** Item type per version, where it changed between versions. */
  readonly typeByVersion?: Readonly<Partial<Record<KmipVersionName, RegistryItemType>>>;
  /** Other legal item types of the same tag (e.g. Key Material as Structure). */
  readonly alternateTypes?: readonly RegistryItemType[];
  readonly deprecatedSince?: KmipVersionName;
  readonly reservedSince?: KmipVersionName;
}

/** One named value of an enumeration or one bit of a mask. */
export interface ValueEntry {
  readonly name: string;
  readonly specName: string;
  readonly value: number;
  readonly since: KmipVersionName;
  readonly until: KmipVersionName | null;
  /** Other spellings accepted when decoding text encodings. */
  readonly aliases?: readonly string[];
  readonly deprecatedSince?: KmipVersionName;
}

/** An enumeration or a mask with its values. */
export interface ValueSetEntry {
  readonly name: string;
  readonly specName: string;
  readonly tag: number;
  readonly since: KmipVersionName;
  readonly until: KmipVersionName | null;
  readonly values: readonly ValueEntry[];
}
