/**
 * Register checks for Certificate objects (KMIP 1.4 §2.2.1, 2.1 §2.2.1) and the attributes
 * the server sets from the certificate, as the OASIS test case TC-CERTATTR-1-14 shows them:
 * Certificate Type, Certificate Length (DER bytes), X.509 Certificate Identifier / Subject /
 * Issuer (KMIP 1.1+: DER names, the serial INTEGER as encoded), the KMIP 1.0 Certificate
 * Identifier / Subject / Issuer (RFC 4514 text; deprecated in 1.1, gone in 2.0 — each
 * version's listings show only what it defines), Digital Signature Algorithm, and the
 * public key's Cryptographic Algorithm and Length. Alternative names are not extracted.
 * Only X.509 is accepted; the signature is not verified (Register stores, it does not trust).
 */
import { CertificateType, Tag } from '../../kmip/generated/registry.ts';
import type { KmipItem } from '../../kmip/item.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { Certificate } from '../../kmip/messages/objects.ts';
import { invalidField } from '../pipeline/result-error.ts';
import {
  ALGORITHM_OF_FAMILY,
  algorithmName,
  keyFamilyOf,
  statedNumber,
} from './asymmetric-algorithm.ts';
import { certificateFields } from './certificate-der.ts';
import type { OperationContext } from './context.ts';
import type { RegisteredAttributes } from './register-key-block.ts';

const NOT_A_CERTIFICATE = 'the certificate is not a valid DER X.509 certificate';

function structure(tag: number, fields: readonly KmipItem[]): KmipItem {
  return { tag, type: 'Structure', value: fields };
}
function bytesItem(tag: number, value: Uint8Array): KmipItem {
  return { tag, type: 'ByteString', value };
}
function textItem(tag: number, value: string): KmipItem {
  return { tag, type: 'TextString', value };
}

function inspect(der: Uint8Array, ctx: OperationContext) {
  try {
    return ctx.crypto.inspectCertificate(der);
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoCertificateFormatError)
      throw invalidField(NOT_A_CERTIFICATE);
    throw error;
  }
}

/** The public key's algorithm and length, checked against what the request stated. */
function keyAttributes(
  info: ReturnType<OperationContext['crypto']['inspectCertificate']>,
  attributes: readonly Attribute[],
): Attribute[] {
  const algorithm = statedNumber(attributes, 'CryptographicAlgorithm');
  const length = statedNumber(attributes, 'CryptographicLength');
  const family = info.publicKeyAlgorithm;
  if (family === undefined) return [];
  if (algorithm !== undefined && keyFamilyOf(algorithm) !== family) {
    throw invalidField(
      `Cryptographic Algorithm ${algorithmName(algorithm)} does not match the certificate's key (${family})`,
    );
  }
  if (length !== undefined && length !== info.publicKeyLength) {
    throw invalidField(`Cryptographic Length ${length} does not match the certificate's key`);
  }
  return [
    { name: 'CryptographicAlgorithm', value: algorithm ?? ALGORITHM_OF_FAMILY[family] },
    ...(info.publicKeyLength === undefined
      ? []
      : [{ name: 'CryptographicLength', value: info.publicKeyLength }]),
  ];
}

/**
 * Checks a Certificate for Register; the attributes the server sets from it.
 * @throws KmipResultError Invalid Field for a Certificate Type other than X.509, bytes that are
 *   not one DER certificate, or a stated algorithm or length its key contradicts.
 */
export function registerCertificate(
  object: Certificate,
  attributes: readonly Attribute[],
  ctx: OperationContext,
): RegisteredAttributes {
  if (object.certificateType !== CertificateType.X_509) {
    throw invalidField('only X.509 certificates can be registered (PGP keys are PGP Key objects)');
  }
  const der = object.certificateValue;
  const info = inspect(der, ctx);
  const fields = certificateFields(der);
  if (fields === undefined) throw invalidField(NOT_A_CERTIFICATE);
  const serverAttributes: Attribute[] = [
    { name: 'CertificateType', value: CertificateType.X_509 },
    { name: 'CertificateLength', value: der.length },
    {
      name: 'X_509CertificateIdentifier',
      value: {
        issuerDistinguishedName: info.issuerDer,
        certificateSerialNumber: fields.serialNumberDer,
      },
    },
    {
      name: 'X_509CertificateSubject',
      value: structure(Tag.X_509CertificateSubject, [
        bytesItem(Tag.SubjectDistinguishedName, info.subjectDer),
      ]),
    },
    {
      name: 'X_509CertificateIssuer',
      value: structure(Tag.X_509CertificateIssuer, [
        bytesItem(Tag.IssuerDistinguishedName, info.issuerDer),
      ]),
    },
    {
      name: 'CertificateIdentifier',
      value: structure(Tag.CertificateIdentifier, [
        textItem(Tag.Issuer, info.issuer),
        textItem(Tag.SerialNumber, fields.serialNumberHex),
      ]),
    },
    {
      name: 'CertificateSubject',
      value: structure(Tag.CertificateSubject, [
        textItem(Tag.CertificateSubjectDistinguishedName, info.subject),
      ]),
    },
    {
      name: 'CertificateIssuer',
      value: structure(Tag.CertificateIssuer, [
        textItem(Tag.CertificateIssuerDistinguishedName, info.issuer),
      ]),
    },
    ...(fields.signatureAlgorithm === undefined
      ? []
      : [{ name: 'DigitalSignatureAlgorithm', value: fields.signatureAlgorithm }]),
    ...keyAttributes(info, attributes),
  ];
  return { serverAttributes, implicit: [] };
}
