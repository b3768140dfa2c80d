/**
 * Attributes the server maintains on every new object besides dates and Digest (new-object.ts),
 * stored whatever the creating client's version and shown only to versions that define them:
 *  - Sensitive / Extractable default False / True, and Always Sensitive / Never Extractable
 *    recording whether they have kept their first value (KMIP 1.4 §3.48–3.51, 2.1 §4.55 ff.:
 *    server-maintained, on objects that hold key material);
 *  - Key Format Type of a Key Block object (an attribute since KMIP 2.0);
 *  - the split certificate name attributes (Certificate Subject CN ..., KMIP 1.4+);
 *  - Short Unique Identifier, the SHA-256 of the Unique Identifier (KMIP 2.0+);
 *  - Protection Storage Mask Software (KMIP 2.0+): Keywarden keeps material in its encrypted
 *    database, in software;
 *  - Lease Time, the `kmip.defaultLeaseTime` setting (KMIP 1.4 §3.20, 2.1 §4.34: initially set
 *    by the server on Managed Cryptographic Objects), when one is configured.
 */
import { ProtectionStorageMask } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { digest } from '../../crypto/index.ts';
import {
  PkiCertificateError,
  type CertificateNameReader,
  type CertificateNames,
} from '../../pki/index.ts';
import type { AttributeEdit } from './attribute-edits.ts';
import type { IndexedAttribute } from './object-record.ts';

/** What the server's configuration decides about new objects. */
export interface MaintainedAttributeSettings {
  /** Lease Time in seconds given to new cryptographic objects; none when absent. */
  readonly defaultLeaseTime?: number;
}

// Managed Cryptographic Objects (KMIP 1.4 §2.2: the Managed Objects that hold cryptographic
// material): Lease Time applies to these, not to Opaque Objects, Templates or requests.
const CRYPTOGRAPHIC_KINDS: ReadonlySet<ManagedObject['kind']> = new Set([
  'Certificate',
  'SymmetricKey',
  'PublicKey',
  'PrivateKey',
  'SplitKey',
  'SecretData',
  'PGPKey',
]);

function keyBlockOf(object: ManagedObject): { keyFormatType: number } | undefined {
  return 'keyBlock' in object ? object.keyBlock : undefined;
}

/**
 * Certificate Subject CN ... Certificate Issuer DN Qualifier (KMIP 1.4+): one instance per value
 * of each field of the X.509 subject and issuer names. None when the value does not parse as
 * X.509 (Register has checked it already; a PGP or unparsable value simply has no such fields).
 */
function certificateNameAttributes(
  der: Uint8Array,
  readNames: CertificateNameReader | undefined,
): Attribute[] {
  // The reader (the X.509 library) is loaded by the caller when a certificate comes (issue #9).
  if (readNames === undefined) throw new Error('certificate name reader not loaded');
  let names: CertificateNames;
  try {
    names = readNames(der);
  } catch (error) {
    if (error instanceof PkiCertificateError) return [];
    throw error;
  }
  const out: Attribute[] = [];
  for (const [side, fields] of [
    ['Subject', names.subject],
    ['Issuer', names.issuer],
  ] as const) {
    for (const [field, values] of Object.entries(fields)) {
      for (const value of values) out.push({ name: `Certificate${side}${field}`, value });
    }
  }
  return out;
}

/**
 * The maintained attributes of a new object whose attributes so far are `given`;
 * `readCertificateNames` is needed for a Certificate (see loadCertificateNameReader).
 */
export function maintainedAttributes(
  object: ManagedObject,
  id: string,
  given: readonly Attribute[],
  settings: MaintainedAttributeSettings = {},
  readCertificateNames?: CertificateNameReader,
): Attribute[] {
  const valueOf = (name: string) => given.find((a) => a.name === name)?.value;
  const has = (name: string) => valueOf(name) !== undefined;
  const out: Attribute[] = [];
  const block = keyBlockOf(object);
  if (block !== undefined) {
    const isSensitive = valueOf('Sensitive') === true;
    const isExtractable = valueOf('Extractable') !== false;
    if (!has('Sensitive')) out.push({ name: 'Sensitive', value: false });
    out.push({ name: 'AlwaysSensitive', value: isSensitive });
    if (!has('Extractable')) out.push({ name: 'Extractable', value: true });
    out.push({ name: 'NeverExtractable', value: !isExtractable });
    if (!has('KeyFormatType')) out.push({ name: 'KeyFormatType', value: block.keyFormatType });
  }
  if (object.kind === 'Certificate')
    out.push(...certificateNameAttributes(object.certificateValue, readCertificateNames));
  out.push({
    name: 'ShortUniqueIdentifier',
    value: digest('SHA_256', new TextEncoder().encode(id)),
  });
  // Where the object's material is kept: a Template has none.
  if (!has('ProtectionStorageMask') && object.kind !== 'Template') {
    out.push({ name: 'ProtectionStorageMask', value: ProtectionStorageMask.Software });
  }
  const { defaultLeaseTime } = settings;
  if (defaultLeaseTime !== undefined && !has('LeaseTime') && CRYPTOGRAPHIC_KINDS.has(object.kind)) {
    out.push({ name: 'LeaseTime', value: defaultLeaseTime });
  }
  return out;
}

/**
 * The edits that keep Never Extractable true to its name after `attributes` changed: once
 * Extractable has been True, Never Extractable is False for good. (Always Sensitive needs
 * none: Sensitive only ever changes from False to True, see attribute-change.ts.)
 */
export function followUpEdits(attributes: readonly IndexedAttribute[]): AttributeEdit[] {
  const value = (name: string) => attributes.find((a) => a.name === name)?.value;
  if (value('NeverExtractable') === true && value('Extractable') !== false) {
    return [{ op: 'set', name: 'NeverExtractable', value: false }];
  }
  return [];
}
