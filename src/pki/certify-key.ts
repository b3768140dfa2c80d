/**
 * Certificates for keys the CA did not generate (KMIP Certify, KMIP 1.4 §4.7 / 2.1 §6.1.3):
 * an end-entity certificate for a given SubjectPublicKeyInfo, signed by a CA given as PEM,
 * and the reading of a PKCS#10 certificate request (RFC 2986), whose self-signature must
 * verify before its key and subject are used.
 */
import { join } from 'node:path';
import {
  buildSubject,
  randomSerialNumber,
  resolveValidity,
  type Validity,
} from './certificate-options.ts';
import { DEV_PKI_FILES } from './dev-pki-files.ts';
import { PkiInputError, PkiKeyError } from './errors.ts';
import { parseCertificatePem } from './issue-certificate.ts';
import { importPrivateKeyPem, signatureAlgorithmOf, signingParamsOf } from './key-algorithm.ts';
import { readPemFile } from './pem-files.ts';
import { webcrypto } from '../crypto/index.ts';
import { x509 } from './x509-lib.ts';

/** A signing CA: certificate and PKCS#8 private key, PEM. */
export interface CertificateAuthorityPem {
  readonly caCert: string;
  readonly caKey: string;
}

/** Options of {@link certifyPublicKey}. */
export interface CertifyPublicKeyOptions extends CertificateAuthorityPem {
  /** The key to certify, DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). */
  readonly publicKey: Uint8Array;
  /** The subject: an RFC 4514 string (from a request) or a common name. */
  readonly subject: { readonly dn: string } | { readonly commonName: string };
  /** Whether the key may encipher keys (RSA): adds keyEncipherment to keyUsage. */
  readonly isRsa?: boolean;
  /** Default 1 year (365 days) from now. */
  readonly validity?: Validity;
  readonly now?: Date;
}

/** A certificate issued by {@link certifyPublicKey}. */
export interface CertifiedKey {
  /** The certificate, DER. */
  readonly der: Uint8Array;
  /** The serial number, lowercase hex. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const KU = x509.KeyUsageFlags;

/**
 * Issues an end-entity certificate (basicConstraints CA:false, keyUsage digitalSignature,
 * plus keyEncipherment for RSA, subject and authority key identifiers) for `publicKey`.
 * @throws KW_PKI_INVALID for an unreadable key or subject, KW_PKI_CERTIFICATE for an
 *   unreadable CA certificate, KW_PKI_KEY for a CA key that does not match it.
 */
export async function certifyPublicKey(options: CertifyPublicKeyOptions): Promise<CertifiedKey> {
  const ca = parseCertificatePem(options.caCert);
  const signingKey = await importPrivateKeyPem(options.caKey, signingParamsOf(ca.publicKey));
  let subjectKey: x509.PublicKey;
  let subject: x509.Name;
  try {
    subjectKey = new x509.PublicKey(options.publicKey);
    subject =
      'dn' in options.subject
        ? new x509.Name(options.subject.dn)
        : new x509.Name(buildSubject(options.subject.commonName, undefined));
  } catch (cause) {
    if (cause instanceof PkiInputError) throw cause;
    throw new PkiInputError('publicKey', `not a SubjectPublicKeyInfo or subject: ${String(cause)}`);
  }
  const { notBefore, notAfter } = resolveValidity(options.validity, 365, options.now ?? new Date());
  const usage = KU.digitalSignature | (options.isRsa === true ? KU.keyEncipherment : 0);
  const serialNumber = randomSerialNumber();
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber,
      subject,
      issuer: ca.subjectName,
      publicKey: subjectKey,
      signingKey,
      notBefore,
      notAfter,
      signingAlgorithm: signatureAlgorithmOf(signingKey),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage, true),
        await x509.SubjectKeyIdentifierExtension.create(subjectKey, false, webcrypto),
        await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  if (!(await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }, webcrypto))) {
    throw new PkiKeyError('mismatch', 'the CA key does not match the CA certificate');
  }
  return { der: new Uint8Array(cert.rawData), serialNumber, notBefore, notAfter };
}

/** What a verified PKCS#10 request asks for. */
export interface CertificateRequestInfo {
  /** DER SubjectPublicKeyInfo. */
  readonly publicKey: Uint8Array;
  /** RFC 4514 subject. */
  readonly subject: string;
}

/**
 * Reads a DER PKCS#10 certificate request and checks its signature (proof of possession).
 * @throws KW_PKI_INVALID when it does not parse or its signature does not verify.
 */
export async function readCertificateRequest(der: Uint8Array): Promise<CertificateRequestInfo> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(der);
  } catch {
    throw new PkiInputError('certificateRequest', 'not a DER PKCS#10 certificate request');
  }
  // A request whose key WebCrypto cannot import fails like a bad signature.
  const isValid = await request.verify(webcrypto).catch(() => false);
  if (!isValid) throw new PkiInputError('certificateRequest', 'its signature does not verify');
  return { publicKey: new Uint8Array(request.publicKey.rawData), subject: request.subject };
}

/**
 * The development CA of a data folder's `pki` directory (`ca.crt`, `ca.key`).
 * @throws KW_PKI_FILE when a file cannot be read.
 */
export async function readDevCertificateAuthority(
  pkiDir: string,
): Promise<CertificateAuthorityPem> {
  return {
    caCert: await readPemFile(join(pkiDir, DEV_PKI_FILES.caCert)),
    caKey: await readPemFile(join(pkiDir, DEV_PKI_FILES.caKey)),
  };
}
