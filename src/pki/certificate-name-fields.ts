/**
 * The certificate name fields KMIP 1.4 splits into attributes (Certificate Subject CN,
 * Certificate Issuer O ...; KMIP 1.4 §3.x, 2.1 §4.x), apart from certificate-names.ts so that
 * the attribute tables need no X.509 library (issue #9).
 */
/** The name fields KMIP splits out, with their attribute type OIDs (RFC 5280 §4.1.2.4, RFC 4519). */
export const CERTIFICATE_NAME_FIELDS = {
  CN: '2.5.4.3',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  Email: '1.2.840.113549.1.9.1',
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  UID: '0.9.2342.19200300.100.1.1',
  SerialNumber: '2.5.4.5',
  Title: '2.5.4.12',
  DC: '0.9.2342.19200300.100.1.25',
  DNQualifier: '2.5.4.46',
} as const;

/** A field of {@link CERTIFICATE_NAME_FIELDS}. */
export type CertificateNameField = keyof typeof CERTIFICATE_NAME_FIELDS;

/** Each name's values per field, in the order the name lists them; absent fields are left out. */
export interface CertificateNames {
  readonly subject: Partial<Record<CertificateNameField, readonly string[]>>;
  readonly issuer: Partial<Record<CertificateNameField, readonly string[]>>;
}
