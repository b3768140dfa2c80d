/**
 * The attribute values of a certificate's subject and issuer names, by the short names KMIP
 * 1.4 gives its split certificate attributes (Certificate Subject CN, Certificate Issuer O
 * ...; KMIP 1.4 §3.x, 2.1 §4.x "Certificate Subject/Issuer <field>").
 */
import { PkiCertificateError } from './errors.ts';
import { x509 } from './x509-lib.ts';
import {
  CERTIFICATE_NAME_FIELDS,
  type CertificateNameField,
  type CertificateNames,
} from './certificate-name-fields.ts';

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
