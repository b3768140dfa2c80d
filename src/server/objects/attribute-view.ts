/**
 * Attributes as a response shows them: only those the client's version defines (a 1.0
 * client never sees Fresh, a 2.x client never sees Operation Policy Name), with the KMIP 1.x
 * Attribute Index only where it is not 0 (the OASIS 1.x test cases leave index 0 out).
 */
import type { Attribute } from '../../kmip/messages/attributes.ts';
import { isAttributeDefinedIn } from '../../kmip/messages/attributes.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { compareVersions } from '../../kmip/registry.ts';
import { resolveAttributeName } from './attribute-rules.ts';
import type { IndexedAttribute, ManagedObjectRecord } from './object-record.ts';

// Attributes a listing of all attributes shows only from a later version than the one that
// defines them: PyKMIP 0.10 clients (KMIP 1.0–2.0) fail on a whole response that carries
// Original Creation Date, or any attribute its value factory raises NotImplementedError for
// (kmip/core/factories/attribute_values.py: Link, Cryptographic Domain Parameters, the
// certificate attributes; Certificate Type in 2.0) — as a key pair and a registered
// certificate have. Asked for by name, they are returned in every version that defines them.
const LISTED_SINCE: Readonly<Record<string, KmipVersionName>> = {
  OriginalCreationDate: '2.1',
  Link: '2.1',
  CryptographicDomainParameters: '2.1',
  CertificateType: '2.1',
  DigitalSignatureAlgorithm: '2.1',
  X_509CertificateIdentifier: '2.1',
  X_509CertificateSubject: '2.1',
  X_509CertificateIssuer: '2.1',
  CertificateIdentifier: '2.1',
  CertificateSubject: '2.1',
  CertificateIssuer: '2.1',
};

function isListedIn(attribute: Attribute, version: KmipVersionName): boolean {
  const since = LISTED_SINCE[attribute.name];
  return since === undefined || compareVersions(since, version) <= 0;
}

/** The attributes a `version` response may carry, in the order given. */
export function attributesForResponse(
  attributes: readonly IndexedAttribute[],
  version: KmipVersionName,
): Attribute[] {
  return attributes
    .filter((a) => isAttributeDefinedIn(a, { version }))
    .map(({ index, ...rest }) => (index === 0 ? rest : { ...rest, index }));
}

/**
 * The attributes GetAttributes returns: with no names every attribute of the object, else
 * every instance of each named attribute, in the order asked (an attribute the object does
 * not have is left out, KMIP 1.4 §4.12).
 * @throws KmipResultError Invalid Field naming an unknown attribute name.
 */
export function selectAttributes(
  record: Pick<ManagedObjectRecord, 'attributes'>,
  names: readonly string[] | undefined,
  version: KmipVersionName,
): Attribute[] {
  if (names === undefined || names.length === 0) {
    return attributesForResponse(
      record.attributes.filter((a) => isListedIn(a, version)),
      version,
    );
  }
  const wanted = [...new Set(names)];
  for (const name of wanted) resolveAttributeName(name, version);
  const selected = wanted.flatMap((name) => record.attributes.filter((a) => a.name === name));
  return attributesForResponse(selected, version);
}
