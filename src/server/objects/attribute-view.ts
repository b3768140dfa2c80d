/**
 * Attributes as a response shows them: only those the client's version defines (a 1.0
 * client never sees Fresh, a 2.x client never sees Operation Policy Name), with the KMIP 1.x
 * Attribute Index only where it is not 0 (the OASIS 1.x test cases leave index 0 out).
 */
import type { AttributeListing } from '../../config/index.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import { isAttributeDefinedIn } from '../../kmip/messages/attributes.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { compareVersions } from '../../kmip/registry.ts';
import { CERTIFICATE_NAME_FIELDS } from '../../pki/index.ts';
import { attributeRule, isAttributeOfVersion, resolveAttributeName } from './attribute-rules.ts';
import type { IndexedAttribute, ManagedObjectRecord } from './object-record.ts';

// The attributes PyKMIP 0.10's client fails on in a Get Attributes response, as [first,
// last] KMIP version: its 1.x attribute factory raises NotImplementedError for some (Link,
// Revocation Reason, Usage Limits, Cryptographic Domain Parameters, the certificate
// attributes) and knows no value type for others (Key Value Present, Original Creation Date,
// the 1.4 booleans ...); at 2.0 its Attributes decoder also refuses tags it does not count as
// 2.0 attributes. Found by feeding each attribute to the real client, which
// test/interop/server/attribute-listing-pykmip.test.ts keeps doing: update the table from it.
// Get Attribute List carries only names, which PyKMIP parses in every version.
const PYKMIP_UNPARSABLE: Readonly<Record<string, readonly [KmipVersionName, KmipVersionName]>> = {
  // The split certificate name attributes (Certificate Subject CN ..., 1.4+).
  ...Object.fromEntries(
    Object.keys(CERTIFICATE_NAME_FIELDS).flatMap((field) => [
      [`CertificateSubject${field}`, ['1.4', '2.0'] as const],
      [`CertificateIssuer${field}`, ['1.4', '2.0'] as const],
    ]),
  ),
  AlternativeName: ['1.2', '2.0'],
  AlwaysSensitive: ['1.4', '2.0'],
  CertificateIdentifier: ['1.0', '1.4'],
  CertificateIssuer: ['1.0', '1.4'],
  CertificateSubject: ['1.0', '1.4'],
  CertificateType: ['2.0', '2.0'],
  CryptographicDomainParameters: ['1.0', '2.0'],
  // Its 1.0 Digest has no Key Format Type, which PyKMIP reads unconditionally.
  Digest: ['1.0', '1.0'],
  Description: ['1.4', '2.0'],
  DigitalSignatureAlgorithm: ['1.1', '2.0'],
  Extractable: ['1.4', '2.0'],
  KeyFormatType: ['2.0', '2.0'],
  KeyValueLocation: ['1.2', '2.0'],
  KeyValuePresent: ['1.2', '2.0'],
  Link: ['1.0', '2.0'],
  NISTKeyType: ['2.0', '2.0'],
  NeverExtractable: ['1.4', '2.0'],
  OriginalCreationDate: ['1.2', '2.0'],
  PKCS_12FriendlyName: ['1.4', '2.0'],
  ProtectionLevel: ['2.0', '2.0'],
  ProtectionPeriod: ['2.0', '2.0'],
  ProtectionStorageMask: ['2.0', '2.0'],
  QuantumSafe: ['2.0', '2.0'],
  RandomNumberGenerator: ['1.3', '2.0'],
  RevocationReason: ['1.0', '2.0'],
  ShortUniqueIdentifier: ['2.0', '2.0'],
  UsageLimits: ['1.0', '2.0'],
  X_509CertificateIdentifier: ['1.1', '2.0'],
  X_509CertificateIssuer: ['1.1', '2.0'],
  X_509CertificateSubject: ['1.1', '2.0'],
};

function isPykmipUnparsable(name: string, version: KmipVersionName): boolean {
  const range = PYKMIP_UNPARSABLE[name];
  return (
    range !== undefined &&
    compareVersions(range[0], version) <= 0 &&
    compareVersions(version, range[1]) <= 0
  );
}

/**
 * The attributes the `compatible` listing leaves out of a `version` response to `operation`
 * (unnamed Get Attributes): those PyKMIP 0.10's client cannot parse, which make it fail on
 * the whole response. None for Get Attribute List, and none from KMIP 2.1 (beyond PyKMIP).
 */
export function pykmipUnlistedAttributes(
  version: KmipVersionName,
  operation: 'GetAttributes' | 'GetAttributeList' = 'GetAttributes',
): readonly string[] {
  if (operation === 'GetAttributeList') return [];
  return Object.keys(PYKMIP_UNPARSABLE).filter((name) => isPykmipUnparsable(name, version));
}

function isListedIn(
  attribute: Attribute,
  version: KmipVersionName,
  listing: AttributeListing,
): boolean {
  return listing === 'complete' || !isPykmipUnparsable(attribute.name, version);
}

// Listings of all attributes start with the object's identity and what it is, then the rest
// alphabetically, then custom attributes as stored. The specification fixes no order; this is
// the OASIS test cases' (SKFF-M-9 … -12, AKLC-O-1), where Key Format Type also follows Digest.
const LISTING_HEAD = [
  'UniqueIdentifier',
  'ShortUniqueIdentifier',
  'ObjectType',
  'CryptographicAlgorithm',
  'CryptographicLength',
];

function listingKey(name: string): string {
  const head = LISTING_HEAD.indexOf(name);
  if (head !== -1) return `0${head}`;
  if (attributeRule(name) === undefined) return '2';
  return `1${name === 'KeyFormatType' ? 'Digest\u0001' : name}`;
}

/** `attributes` in listing order (stable: instances of one attribute keep their order). */
export function inListingOrder<T extends { readonly name: string }>(attributes: readonly T[]): T[] {
  const keyed = attributes.map((a) => ({ a, key: listingKey(a.name) }));
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return keyed.map(({ a }) => a);
}

/** The attributes a `version` response may carry, in the order given. */
export function attributesForResponse(
  attributes: readonly IndexedAttribute[],
  version: KmipVersionName,
): Attribute[] {
  return attributes
    .filter((a) => isAttributeDefinedIn(a, { version }) && isAttributeOfVersion(a.name, version))
    .map(({ index, ...rest }) => (index === 0 ? rest : { ...rest, index }));
}

/**
 * The attributes GetAttributes returns: with no names every attribute of the object (in
 * listing order, see `inListingOrder`), else every instance of each named attribute, in the
 * order asked (an attribute the object does not have is left out, KMIP 1.4 §4.12).
 * @throws KmipResultError Invalid Field naming an unknown attribute name.
 */
export function selectAttributes(
  record: Pick<ManagedObjectRecord, 'attributes'>,
  names: readonly string[] | undefined,
  version: KmipVersionName,
  listing: AttributeListing = 'compatible',
): Attribute[] {
  if (names === undefined || names.length === 0) {
    return attributesForResponse(
      inListingOrder(record.attributes.filter((a) => isListedIn(a, version, listing))),
      version,
    );
  }
  const wanted = [...new Set(names)];
  for (const name of wanted) resolveAttributeName(name, version);
  const selected = wanted.flatMap((name) => record.attributes.filter((a) => a.name === name));
  return attributesForResponse(selected, version);
}
