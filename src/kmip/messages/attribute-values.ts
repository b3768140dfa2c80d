/**
 * Typed attribute values. Well-known structured attributes (Name, Link, Digest, ...) decode
 * to typed objects, scalar attributes to the JS value of the registry's item type for the
 * version; everything else (custom attributes, structures without a typed model, tags the
 * registry does not know) stays a raw item, re-tagged with the attribute's tag (or
 * Attribute Value for custom attributes) so that 1.x and 2.x decode to the same value.
 */
import type { ItemTypeName, KmipItem } from '../item.ts';
import { Tag } from '../generated/registry.ts';
import { isAllowedType, tagEntryByName, tagTypeInVersion } from '../registry.ts';
import type { RegistryItemType } from '../registry-types.ts';
import {
  anyItem,
  scalar,
  uniqueIdentifier,
  type UniqueIdentifierReference,
  type UniqueIdentifierValue,
} from './codecs.ts';
import {
  alternativeName,
  applicationSpecificInformation,
  cryptographicDomainParameters,
  cryptographicParameters,
  digest,
  keyValueLocation,
  link,
  name,
  revocationReason,
  rngParameters,
  usageLimits,
  x509CertificateIdentifier,
  type AlternativeNameValue,
  type ApplicationSpecificInformationValue,
  type CryptographicDomainParametersValue,
  type CryptographicParameters,
  type DigestValue,
  type KeyValueLocationValue,
  type LinkValue,
  type NameValue,
  type RevocationReasonValue,
  type RngParametersValue,
  type UsageLimitsValue,
  type X509CertificateIdentifierValue,
} from './common.ts';
import { attributeTag } from './attribute-names.ts';
import { wrongType } from './errors.ts';
import type { CodecContext, ValueCodec } from './schema.ts';

/** The typed values of the well-known attributes, by normalized name. */
export interface KnownAttributeValues {
  UniqueIdentifier: UniqueIdentifierValue;
  Name: NameValue;
  ObjectType: number;
  CryptographicAlgorithm: number;
  CryptographicLength: number;
  CryptographicParameters: CryptographicParameters;
  CryptographicDomainParameters: CryptographicDomainParametersValue;
  CertificateType: number;
  CertificateLength: number;
  DigitalSignatureAlgorithm: number;
  Digest: DigestValue;
  OperationPolicyName: string;
  CryptographicUsageMask: number;
  LeaseTime: number;
  UsageLimits: UsageLimitsValue;
  State: number;
  InitialDate: Date;
  ActivationDate: Date;
  ProcessStartDate: Date;
  ProtectStopDate: Date;
  DeactivationDate: Date;
  DestroyDate: Date;
  CompromiseOccurrenceDate: Date;
  CompromiseDate: Date;
  RevocationReason: RevocationReasonValue;
  ArchiveDate: Date;
  ObjectGroup: string;
  Fresh: boolean;
  Link: LinkValue;
  ApplicationSpecificInformation: ApplicationSpecificInformationValue;
  ContactInformation: string;
  LastChangeDate: Date;
  AlternativeName: AlternativeNameValue;
  KeyValuePresent: boolean;
  KeyValueLocation: KeyValueLocationValue;
  OriginalCreationDate: Date;
  RandomNumberGenerator: RngParametersValue;
  PKCS_12FriendlyName: string;
  Description: string;
  Sensitive: boolean;
  AlwaysSensitive: boolean;
  Extractable: boolean;
  NeverExtractable: boolean;
  ShortUniqueIdentifier: Uint8Array;
  X_509CertificateIdentifier: X509CertificateIdentifierValue;
  KeyFormatType: number;
  ProtectionStorageMask: number;
  ProtectionLevel: number;
  ProtectionPeriod: number;
  QuantumSafe: boolean;
}

/** Any attribute value: a scalar, a typed structure, or a raw item. */
export type AttributeValue =
  | number
  | bigint
  | string
  | boolean
  | Date
  | Uint8Array
  | UniqueIdentifierReference
  | KnownAttributeValues[keyof KnownAttributeValues]
  | KmipItem;

// Typed codecs of the structured attributes; scalar attributes use the registry's type.
const structuredCodecs: Readonly<Record<string, ValueCodec<AttributeValue>>> = {
  UniqueIdentifier: uniqueIdentifier,
  Name: name,
  Link: link,
  CryptographicParameters: cryptographicParameters,
  CryptographicDomainParameters: cryptographicDomainParameters,
  Digest: digest,
  ApplicationSpecificInformation: applicationSpecificInformation,
  RevocationReason: revocationReason,
  UsageLimits: usageLimits,
  AlternativeName: alternativeName,
  KeyValueLocation: keyValueLocation,
  X_509CertificateIdentifier: x509CertificateIdentifier,
  RandomNumberGenerator: rngParameters,
};

/** True when `value` is a raw item rather than a typed value. */
export function isRawItem(value: unknown): value is KmipItem {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Date) &&
    typeof (value as { tag?: unknown }).tag === 'number' &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

function isScalarType(
  type: RegistryItemType | 'Varies' | null,
): type is Exclude<ItemTypeName, 'Structure'> {
  return type !== null && type !== 'Varies' && type !== 'Structure';
}

/** A raw-item codec that re-tags the decoded item with `canonicalTag`. */
function rawValue(canonicalTag: number): ValueCodec<AttributeValue> {
  return {
    label: 'item',
    decode: (item) =>
      item.tag === canonicalTag ? item : ({ ...item, tag: canonicalTag } as KmipItem),
    encode: (value, tag, ctx, path) => anyItem.encode(value as KmipItem, tag, ctx, path),
  };
}

/**
 * The codec of an attribute's value, by normalized name, for a version. Custom names and
 * unknown tags get a raw-item codec.
 */
export function attributeValueCodec(
  attributeName: string,
  ctx: CodecContext,
): ValueCodec<AttributeValue> {
  const entry = tagEntryByName(attributeName);
  // Custom names keep Attribute Value; hex names (unknown tags) keep their own tag.
  if (entry === undefined) return rawValue(attributeTag(attributeName) ?? Tag.AttributeValue);
  const typed = structuredCodecs[attributeName];
  const raw = rawValue(entry.tag);
  if (typed !== undefined) {
    return {
      label: typed.label,
      decode: typed.decode,
      encode: (value, tag, c, path) =>
        isRawItem(value) ? raw.encode(value, tag, c, path) : typed.encode(value, tag, c, path),
    };
  }
  const type = tagTypeInVersion(entry, ctx.version);
  if (!isScalarType(type)) return raw;
  const codec = scalar(type) as ValueCodec<AttributeValue>;
  return {
    label: type,
    decode(item, c, path) {
      if (item.type === type) return codec.decode(item, c, path);
      // Another type the registry allows for this tag (alternate or other-version type): keep it raw.
      if (isAllowedType(entry, item.type)) return raw.decode(item, c, path);
      throw wrongType(path, type, item.type);
    },
    encode: (value, tag, c, path) =>
      isRawItem(value) ? raw.encode(value, tag, c, path) : codec.encode(value, tag, c, path),
  };
}
