/**
 * The attribute values of a certificate's subject and issuer names, by the short names KMIP
 * 1.4 gives its split certificate attributes (Certificate Subject CN, Certificate Issuer O
 * ...; KMIP 1.4 §3.x, 2.1 §4.x "Certificate Subject/Issuer <field>").
 */
import { PkiCertificateError } from './errors.ts';
import { x509 } from './x509-lib.ts';

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

function fieldsOf(name: x509.Name): Partial<Record<CertificateNameField, readonly string[]>> {
  const out: Partial<Record<CertificateNameField, readonly string[]>> = {};
  for (const [field, oid] of Object.entries(CERTIFICATE_NAME_FIELDS)) {
    const values = name.getField(oid);
    if (values.length > 0) out[field as CertificateNameField] = values;
  }
  return out;
}

/**
 * Reads the subject and issuer name fields of a DER X.509 certificate.
 * @throws PkiCertificateError (KW_PKI_CERTIFICATE) when `der` is not a certificate.
 */
export function certificateNames(der: Uint8Array): CertificateNames {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(der);
  } catch (error) {
    throw new PkiCertificateError('not a DER X.509 certificate', { cause: error });
  }
  return { subject: fieldsOf(cert.subjectName), issuer: fieldsOf(cert.issuerName) };
}
