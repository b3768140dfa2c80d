/**
 * Issues X.509 certificates: self-signed CAs and leaf certificates signed by a CA.
 * Keys are generated with WebCrypto; everything goes in and out as PEM.
 */
import {
  buildSans,
  buildSubject,
  randomSerialNumber,
  resolveEkus,
  resolveValidity,
  type ExtendedKeyUsage,
  type SubjectAltName,
  type Validity,
} from './certificate-options.ts';
import { PkiCertificateError, PkiKeyError } from './errors.ts';
import {
  DEFAULT_KEY_ALGORITHM,
  exportPrivateKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  signatureAlgorithmOf,
  signingParamsOf,
  type KeyAlgorithm,
} from './key-algorithm.ts';
import { webcrypto } from '../crypto/index.ts';
import { x509 } from './x509-lib.ts';

/** A certificate and its private key, both PEM. */
export interface IssuedCertificate {
  /** The certificate, PEM (`-----BEGIN CERTIFICATE-----`). */
  readonly cert: string;
  /** The unencrypted PKCS#8 private key, PEM (`-----BEGIN PRIVATE KEY-----`). */
  readonly key: string;
  /** The serial number, lowercase hex. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Options of {@link createCaCertificate}. */
export interface CreateCaOptions {
  /** Default `'Keywarden Development CA'`. */
  readonly commonName?: string;
  /** Default `'Keywarden'`. */
  readonly organization?: string;
  /** Default 10 years (3650 days) from now. */
  readonly validity?: Validity;
  /** Default `'ecdsa-p256'`. */
  readonly keyAlgorithm?: KeyAlgorithm;
  /** The clock; default now. */
  readonly now?: Date;
}

/** Options of {@link issueCertificate}. */
export interface IssueCertificateOptions {
  /** The issuing CA's certificate, PEM. */
  readonly caCert: string;
  /** The issuing CA's PKCS#8 private key, PEM. */
  readonly caKey: string;
  /** The subject CN: none (omit or `[]`), one, or several (several only to test peers that must refuse them). */
  readonly commonName?: string | readonly string[];
  /** The subject O; omitted when not given. */
  readonly organization?: string;
  /** Subject alternative names; no extension when empty. */
  readonly sans?: readonly SubjectAltName[];
  /** Extended key usages; no extension when empty or omitted. */
  readonly eku?: readonly ExtendedKeyUsage[];
  /** Default 2 years (730 days) from now; past dates make expired certificates. */
  readonly validity?: Validity;
  /** The new key's algorithm; default `'ecdsa-p256'`. */
  readonly keyAlgorithm?: KeyAlgorithm;
  /** The clock; default now. */
  readonly now?: Date;
}

const KU = x509.KeyUsageFlags;

/** Parses a PEM certificate (exactly one). */
export function parseCertificatePem(pem: string): x509.X509Certificate {
  try {
    const blocks = x509.PemConverter.decodeWithHeaders(pem).filter((b) => b.type === 'CERTIFICATE');
    const first = blocks[0];
    if (first === undefined || blocks.length !== 1)
      throw new Error('expected one CERTIFICATE block');
    return new x509.X509Certificate(first.rawData);
  } catch (cause) {
    throw new PkiCertificateError('not one PEM certificate', { cause });
  }
}

/**
 * Creates a self-signed CA: basicConstraints CA (critical), keyUsage keyCertSign and cRLSign
 * (critical), subject key identifier.
 * @throws KW_PKI_INVALID for a bad option, KW_PKI_KEY for an unsupported key algorithm.
 */
export async function createCaCertificate(
  options: CreateCaOptions = {},
): Promise<IssuedCertificate> {
  const keys = await generateKeyPair(options.keyAlgorithm ?? DEFAULT_KEY_ALGORITHM);
  const { notBefore, notAfter } = resolveValidity(
    options.validity,
    3650,
    options.now ?? new Date(),
  );
  const name = buildSubject(
    options.commonName ?? 'Keywarden Development CA',
    options.organization ?? 'Keywarden',
  );
  const serialNumber = randomSerialNumber();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber,
      name,
      keys,
      notBefore,
      notAfter,
      signingAlgorithm: signatureAlgorithmOf(keys.privateKey),
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return {
    cert: cert.toString('pem') + '\n',
    key: await exportPrivateKeyPem(keys.privateKey),
    serialNumber,
    notBefore,
    notAfter,
  };
}

/**
 * Issues a leaf certificate signed by a CA: basicConstraints CA:false, keyUsage
 * digitalSignature (plus keyEncipherment for RSA keys, which TLS 1.2 RSA key exchange needs),
 * and the SANs and EKUs asked for.
 * @throws KW_PKI_INVALID for a bad option, KW_PKI_CERTIFICATE for an unreadable CA
 * certificate, KW_PKI_KEY for an unreadable CA key or one that does not match the certificate.
 */
export async function issueCertificate(
  options: IssueCertificateOptions,
): Promise<IssuedCertificate> {
  const ca = parseCertificatePem(options.caCert);
  const signingKey = await importPrivateKeyPem(options.caKey, signingParamsOf(ca.publicKey));
  const keyAlgorithm = options.keyAlgorithm ?? DEFAULT_KEY_ALGORITHM;
  const subject = buildSubject(options.commonName, options.organization);
  const sans = buildSans(options.sans ?? []);
  const ekus = resolveEkus(options.eku ?? []);
  const { notBefore, notAfter } = resolveValidity(options.validity, 730, options.now ?? new Date());
  const keys = await generateKeyPair(keyAlgorithm);

  const usage = KU.digitalSignature | (keyAlgorithm.startsWith('rsa') ? KU.keyEncipherment : 0);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(usage, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
    await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey, false, webcrypto),
  ];
  // RFC 5280 §4.2.1.6: with an empty subject, the SAN extension must be critical.
  if (sans.length > 0)
    extensions.push(new x509.SubjectAlternativeNameExtension(sans, subject.length === 0));
  if (ekus.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(ekus, false));

  const serialNumber = randomSerialNumber();
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber,
      subject,
      issuer: ca.subjectName,
      publicKey: keys.publicKey,
      signingKey,
      notBefore,
      notAfter,
      signingAlgorithm: signatureAlgorithmOf(signingKey),
      extensions,
    },
    webcrypto,
  );
  // A CA key that parses but belongs to another certificate would sign a certificate that
  // chains nowhere: refuse it here instead of at a peer's handshake.
  if (!(await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }, webcrypto))) {
    throw new PkiKeyError('mismatch', 'the CA key does not match the CA certificate');
  }
  return {
    cert: cert.toString('pem') + '\n',
    key: await exportPrivateKeyPem(keys.privateKey),
    serialNumber,
    notBefore,
    notAfter,
  };
}
