/**
 * What the server lets a client do with each attribute (KMIP 1.4 §3 and 2.1 §4: the
 * "Initially set by / Modifiable by client / Deletable by client / Multiple instances
 * permitted" rows of each attribute's rules table), and how attribute names from a request
 * are recognised: a registry attribute the client's version defines, or a custom attribute
 * (KMIP 1.x `x-`/`y-` names, 2.x Vendor Attributes, extension tags 0x54xxxx). Anything else
 * is Invalid Field naming it.
 */
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import {
  compareVersions,
  existsInVersion,
  isExtensionTag,
  tagEntryByName,
} from '../../kmip/registry.ts';
import { CERTIFICATE_NAME_FIELDS } from '../../pki/index.ts';
import { invalidField } from '../pipeline/result-error.ts';

/** The rules of one attribute. */
export interface AttributeRule {
  /** Normalized name, e.g. `CryptographicAlgorithm`. */
  readonly name: string;
  readonly isMultiValued: boolean;
  /** The client may supply it when creating or registering an object, or add it later. */
  readonly isClientSettable: boolean;
  /** The client may change an existing value (Modify/Set Attribute). */
  readonly isClientModifiable: boolean;
  /** The client may delete it (Delete Attribute). */
  readonly isClientDeletable: boolean;
  /** Kept in a store column and presented as an attribute: Unique Identifier, Object Type, State. */
  readonly isColumn: boolean;
  /**
   * First version in which it is an attribute, when that is later than its tag's `since`
   * (Key Format Type: a Key Block field since 1.0, an attribute since 2.0).
   */
  readonly since?: KmipVersionName;
}

type Flags = Partial<Omit<AttributeRule, 'name'>>;

function rule(name: string, flags: Flags): AttributeRule {
  return {
    name,
    isMultiValued: flags.isMultiValued ?? false,
    isClientSettable: flags.isClientSettable ?? false,
    isClientModifiable: flags.isClientModifiable ?? false,
    isClientDeletable: flags.isClientDeletable ?? false,
    isColumn: flags.isColumn ?? false,
    ...(flags.since === undefined ? {} : { since: flags.since }),
  };
}

/** Set by the server only. */
const server = (name: string, multi = false) => rule(name, { isMultiValued: multi });
/** Supplied by the client at creation, fixed afterwards. */
const initial = (name: string, multi = false) =>
  rule(name, { isMultiValued: multi, isClientSettable: true });
/** Supplied and changed by the client, never deleted. */
const changeable = (name: string) =>
  rule(name, { isClientSettable: true, isClientModifiable: true });
/** Fully under the client's control. */
const free = (name: string, multi = false) =>
  rule(name, {
    isMultiValued: multi,
    isClientSettable: true,
    isClientModifiable: true,
    isClientDeletable: true,
  });

const CERTIFICATE_NAME_FIELD_NAMES = Object.keys(CERTIFICATE_NAME_FIELDS);

const RULES: readonly AttributeRule[] = [
  rule('UniqueIdentifier', { isColumn: true }),
  rule('ObjectType', { isColumn: true }),
  rule('State', { isColumn: true }),
  free('Name', true),
  initial('CryptographicAlgorithm'),
  initial('CryptographicLength'),
  free('CryptographicParameters', true),
  initial('CryptographicDomainParameters'),
  server('CertificateType'),
  server('CertificateLength'),
  server('X_509CertificateIdentifier'),
  server('X_509CertificateSubject'),
  server('X_509CertificateIssuer'),
  server('CertificateIdentifier'),
  server('CertificateSubject'),
  server('CertificateIssuer'),
  // KMIP 1.4 split the names into one attribute per field, several instances where the name
  // repeats a field (two OUs); derived from the certificate (maintained-attributes.ts).
  ...CERTIFICATE_NAME_FIELD_NAMES.flatMap((field) => [
    server(`CertificateSubject${field}`, true),
    server(`CertificateIssuer${field}`, true),
  ]),
  server('DigitalSignatureAlgorithm', true),
  server('Digest', true),
  changeable('OperationPolicyName'),
  initial('CryptographicUsageMask'),
  server('LeaseTime'),
  initial('UsageLimits'),
  server('InitialDate'),
  // Dates the client may move while the state allows it (the operation checks the state).
  changeable('ActivationDate'),
  changeable('ProcessStartDate'),
  changeable('ProtectStopDate'),
  changeable('DeactivationDate'),
  server('DestroyDate'),
  server('CompromiseOccurrenceDate'),
  server('CompromiseDate'),
  server('RevocationReason'),
  server('ArchiveDate'),
  free('ObjectGroup', true),
  initial('Fresh'),
  free('Link', true),
  free('ApplicationSpecificInformation', true),
  free('ContactInformation'),
  server('LastChangeDate'),
  free('AlternativeName', true),
  server('KeyValuePresent'),
  initial('KeyValueLocation', true),
  initial('OriginalCreationDate'),
  initial('RandomNumberGenerator'),
  free('PKCS_12FriendlyName'),
  free('Description'),
  free('Comment'),
  changeable('Sensitive'),
  server('AlwaysSensitive'),
  changeable('Extractable'),
  server('NeverExtractable'),
  // KMIP 2.0 made the Key Block's Key Format Type an attribute of keys as well.
  rule('KeyFormatType', { since: '2.0' }),
  server('ShortUniqueIdentifier'),
  initial('NISTKeyType'),
  initial('ProtectionLevel'),
  initial('ProtectionPeriod'),
  initial('ProtectionStorageMask'),
  initial('QuantumSafe'),
  free('RotateInterval'),
  free('RotateAutomatic'),
  free('RotateOffset'),
  free('RotateName'),
  server('RotateDate'),
  server('RotateGeneration'),
  server('RotateLatest'),
];

const rulesByName = new Map(RULES.map((r) => [r.name, r]));

/** The rules of every standard attribute the server knows. */
export const ATTRIBUTE_RULES: readonly AttributeRule[] = RULES;

/** Rules of a custom attribute: the client owns it entirely, several instances allowed. */
export const CUSTOM_ATTRIBUTE_RULE: AttributeRule = free('(custom)', true);

/** The rules of a standard attribute, or undefined for custom and unknown names. */
export function attributeRule(name: string): AttributeRule | undefined {
  return rulesByName.get(name);
}

/** Tells whether `version` has `name` as an attribute by its rule (the tag's versions aside). */
export function isAttributeOfVersion(name: string, version: KmipVersionName): boolean {
  const since = rulesByName.get(name)?.since;
  return since === undefined || compareVersions(since, version) <= 0;
}

const HEX_TAG = /^0x([0-9A-Fa-f]{6})$/;
const V1_CUSTOM = /^[xy]-./;
const VENDOR = /^[^-]+-./;

/**
 * True for a custom attribute name: an extension tag (`0x54…`), a KMIP 1.x `x-`/`y-` name,
 * or (KMIP 2.x) any Vendor Attribute, normalized as `<vendor>-<name>`.
 */
export function isCustomAttributeName(name: string, version: KmipVersionName): boolean {
  const hex = HEX_TAG.exec(name);
  if (hex !== null) return isExtensionTag(Number.parseInt(hex[1] ?? '', 16));
  if (tagEntryByName(name) !== undefined) return false;
  return version.startsWith('1.') ? V1_CUSTOM.test(name) : VENDOR.test(name);
}

/** How the server reads an attribute name from a request. */
export type AttributeNameKind =
  | { readonly kind: 'standard'; readonly rule: AttributeRule }
  | { readonly kind: 'custom'; readonly rule: AttributeRule };

/**
 * Recognises an attribute name from a `version` request: a standard attribute that version
 * defines, or a custom attribute.
 * @throws KmipResultError (KW_KMIP_RESULT) Invalid Field naming the attribute otherwise —
 *   a misspelled name, a tag that is not an attribute, or one the version does not define.
 */
export function resolveAttributeName(name: string, version: KmipVersionName): AttributeNameKind {
  const known = attributeRule(name);
  const entry = tagEntryByName(name);
  if (
    known !== undefined &&
    entry !== undefined &&
    existsInVersion(entry, version) &&
    isAttributeOfVersion(name, version)
  ) {
    return { kind: 'standard', rule: known };
  }
  if (isCustomAttributeName(name, version)) return { kind: 'custom', rule: CUSTOM_ATTRIBUTE_RULE };
  throw invalidField(`unknown attribute ${JSON.stringify(name)} in KMIP ${version}`);
}
