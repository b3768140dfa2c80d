import { createHash, X509Certificate } from 'node:crypto';
import { KeywardenError } from '../../errors.ts';
import { takeBytes } from './bytes.ts';
import type { EcCurve } from './curves.ts';
import { DerTag, expectDerTag, readDer, readDerChildren, tryDer } from '../asn1/der.ts';
import { hasSequenceShape } from './der-shape.ts';
import { describeParsedKey } from './describe-key.ts';
import { CryptoCertificateFormatError, CryptoUnsupportedAlgorithmError } from './errors.ts';
import type { KeyPairAlgorithm } from './key-formats.ts';
import { exportPublicKey, identifyKey, type ParsedKey } from './key-objects.ts';

/** What KMIP Register(Certificate) records about an X.509 certificate. */
export interface CertificateInfo {
  /** Subject as an RFC 4514 string (`CN=host,O=Acme,C=US`). */
  readonly subject: string;
  /** Issuer as an RFC 4514 string. */
  readonly issuer: string;
  /** DER of the subject Name (KMIP 1.2+ X.509 Certificate Subject). */
  readonly subjectDer: Uint8Array;
  /** DER of the issuer Name (KMIP 1.2+ X.509 Certificate Issuer). */
  readonly issuerDer: Uint8Array;
  /** Serial number in lower-case hex, as encoded in the certificate. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The public key's algorithm; undefined for key types we do not handle (DSA, Ed448 ...). */
  readonly publicKeyAlgorithm: KeyPairAlgorithm | undefined;
  /** The public key's length in bits, as describeKey gives it; undefined with the algorithm. */
  readonly publicKeyLength: number | undefined;
  /** The curve of an EC public key. */
  readonly publicKeyCurve: EcCurve | undefined;
  /** The SubjectPublicKeyInfo DER (KMIP `X_509` public key), when the algorithm is known. */
  readonly subjectPublicKeyInfo: Uint8Array | undefined;
  /** Whether Basic Constraints marks it a CA certificate. */
  readonly isCa: boolean;
  /** SHA-256 of the whole DER certificate (KMIP Digest, default algorithm). */
  readonly digestSha256: Uint8Array;
}

/**
 * Reads the fields of a DER X.509 certificate (RFC 5280 §4.1). The signature is not checked:
 * Register stores certificates, it does not trust them.
 * @throws CryptoCertificateFormatError (KW_CRYPTO_CERTIFICATE_FORMAT) for anything but exactly
 *   one DER certificate (PEM, trailing bytes and garbage are refused).
 */
export function inspectCertificate(der: Uint8Array): CertificateInfo {
  // RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
  const { Sequence, BitString } = DerTag;
  if (!hasSequenceShape(der, [Sequence, Sequence, BitString], true)) {
    throw new CryptoCertificateFormatError();
  }
  const names = readNames(der);
  try {
    return readCertificate(der, names);
  } catch (error) {
    // OpenSSL parses lazily: a damaged key or date inside a certificate that parsed can still
    // fail on first access. Those failures are the certificate's, with our fixed message.
    if (error instanceof KeywardenError) throw error;
    throw new CryptoCertificateFormatError();
  }
}

function readCertificate(
  der: Uint8Array,
  names: { issuer: Uint8Array; subject: Uint8Array },
): CertificateInfo {
  const certificate = new X509Certificate(Buffer.from(der.buffer, der.byteOffset, der.length));
  const parsedKey = identifyOrUndefined(certificate);
  const description = parsedKey === undefined ? undefined : describeParsedKey(parsedKey);
  return {
    subject: toRfc4514(certificate.subject),
    issuer: toRfc4514(certificate.issuer),
    subjectDer: names.subject,
    issuerDer: names.issuer,
    serialNumber: certificate.serialNumber.toLowerCase(),
    notBefore: certificate.validFromDate,
    notAfter: certificate.validToDate,
    publicKeyAlgorithm: description?.algorithm,
    publicKeyLength: description?.lengthBits,
    publicKeyCurve: description?.curve,
    subjectPublicKeyInfo: parsedKey === undefined ? undefined : exportPublicKey(parsedKey, 'X_509'),
    isCa: certificate.ca,
    digestSha256: takeBytes(createHash('sha256').update(der).digest()),
  };
}

function identifyOrUndefined(certificate: X509Certificate): ParsedKey | undefined {
  try {
    return identifyKey(certificate.publicKey);
  } catch (error) {
    if (error instanceof CryptoUnsupportedAlgorithmError) return undefined;
    throw error;
  }
}

// TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity,
// subject, ... } (RFC 5280 §4.1). The names are copied out as they are encoded.
function readNames(der: Uint8Array): { issuer: Uint8Array; subject: Uint8Array } {
  const fields = tryDer(() => {
    const [tbs] = readDerChildren(readDer(der, DerTag.Sequence));
    return readDerChildren(expectDerTag(tbs, DerTag.Sequence));
  });
  if (fields === undefined) throw new CryptoCertificateFormatError();
  const first = fields[0]?.tag === DerTag.ContextConstructed0 ? 1 : 0;
  const issuer = fields[first + 2];
  const subject = fields[first + 4];
  if (issuer?.tag !== DerTag.Sequence || subject?.tag !== DerTag.Sequence) {
    throw new CryptoCertificateFormatError();
  }
  return { issuer: issuer.raw.slice(), subject: subject.raw.slice() };
}

// Node prints one RDN per line, most significant first, multi-valued RDNs joined by " + ", with
// RFC 2253 escaping already applied; RFC 4514 §2.1 wants the reverse order joined by commas.
// Reversing inside multi-valued RDNs too gives exactly `openssl x509 -nameopt RFC2253`.
function toRfc4514(nodeName: string): string {
  if (nodeName === '') return '';
  return nodeName
    .split('\n')
    .reverse()
    .map((rdn) => rdn.split(' + ').reverse().join('+'))
    .join(',');
}
