/**
 * The operator's CA for KMIP Certify (`[pki] certifyCaCert` / `certifyCaKey`), read and checked
 * once at startup so a wrong file fails the start with a clear error instead of every Certify:
 * the certificate must be a CA (RFC 5280 §4.2.1.9 basicConstraints cA, §4.2.1.3 keyCertSign
 * when keyUsage is present) inside its validity, and the key must be its private key.
 */
import { convertPrivateKey, CryptoKeyFormatError } from '../crypto/index.ts';
import type { CertificateAuthorityPem } from './certify-key.ts';
import { certifyPublicKey } from './certify-key.ts';
import { PkiCertifyCaError, PkiKeyError, type CertifyCaProblem } from './errors.ts';
import { readPemFile } from './pem-files.ts';
import { x509 } from './x509-lib.ts';

/** Where the Certify CA lives. */
export interface CertifyCaFiles {
  /** PEM; the first CERTIFICATE block is the signing CA (a chain may follow it). */
  readonly certFile: string;
  /** PEM private key: PKCS#8, PKCS#1 (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`), unencrypted. */
  readonly keyFile: string;
  /** The clock for the validity check; default now. */
  readonly now?: Date;
}

/** A checked Certify CA: the PEM pair Certify signs with, and its subject for the log. */
export interface CertifyCa extends CertificateAuthorityPem {
  /** RFC 4514 subject of the CA certificate. */
  readonly subject: string;
  readonly notAfter: Date;
}

const KEY_BLOCKS = {
  'PRIVATE KEY': 'PKCS_8',
  'RSA PRIVATE KEY': 'PKCS_1',
  'EC PRIVATE KEY': 'ECPrivateKey',
} as const;

function readCertificate(pem: string, path: string): x509.X509Certificate {
  const fail = (cause?: unknown) =>
    new PkiCertifyCaError(
      'pki.certifyCaCert',
      path,
      'unreadable-certificate',
      'no PEM CERTIFICATE block that parses',
      { cause },
    );
  let blocks;
  try {
    blocks = x509.PemConverter.decodeWithHeaders(pem).filter((b) => b.type === 'CERTIFICATE');
  } catch (cause) {
    throw fail(cause);
  }
  const first = blocks[0];
  if (first === undefined) throw fail();
  try {
    return new x509.X509Certificate(first.rawData);
  } catch (cause) {
    throw fail(cause);
  }
}

function checkIsCa(cert: x509.X509Certificate, path: string, now: Date): void {
  const refuse = (problem: CertifyCaProblem, message: string) =>
    new PkiCertifyCaError('pki.certifyCaCert', path, problem, message);
  const constraints = cert.getExtension(x509.BasicConstraintsExtension);
  if (constraints?.ca !== true)
    throw refuse('not-ca', 'the certificate is not a CA (basicConstraints cA is not set)');
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  if (usage !== null && (usage.usages & x509.KeyUsageFlags.keyCertSign) === 0)
    throw refuse('no-key-cert-sign', 'the CA certificate keyUsage lacks keyCertSign');
  if (now < cert.notBefore)
    throw refuse(
      'not-yet-valid',
      `the CA certificate is valid from ${cert.notBefore.toISOString()}`,
    );
  if (now > cert.notAfter)
    throw refuse('expired', `the CA certificate expired on ${cert.notAfter.toISOString()}`);
}

// Certify imports PKCS#8 only; PKCS#1 and SEC1 files (what `openssl genrsa`/`ecparam` write) are
// re-encoded once here.
function readKeyAsPkcs8(pem: string, path: string): string {
  const refuse = (problem: CertifyCaProblem, message: string, cause?: unknown) =>
    new PkiCertifyCaError('pki.certifyCaKey', path, problem, message, { cause });
  let blocks;
  try {
    blocks = x509.PemConverter.decodeWithHeaders(pem);
  } catch (cause) {
    throw refuse('unreadable-key', 'not a PEM file', cause);
  }
  if (blocks.some((b) => b.type === 'ENCRYPTED PRIVATE KEY' || b.headers.length > 0))
    throw refuse(
      'encrypted-key',
      'the key is encrypted; give an unencrypted key (e.g. `openssl pkcs8 -topk8 -nocrypt`) in a file only the server can read',
    );
  const keys = blocks.filter((b) => Object.hasOwn(KEY_BLOCKS, b.type));
  const block = keys[0];
  if (block === undefined || keys.length !== 1)
    throw refuse(
      'unreadable-key',
      'expected one PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block',
    );
  const from = KEY_BLOCKS[block.type as keyof typeof KEY_BLOCKS];
  try {
    const der = convertPrivateKey(new Uint8Array(block.rawData), from, 'PKCS_8');
    return x509.PemConverter.encode(der.slice().buffer, 'PRIVATE KEY') + '\n';
  } catch (cause) {
    if (cause instanceof CryptoKeyFormatError)
      throw refuse('unreadable-key', `not a valid ${block.type}`, cause);
    throw refuse('unsupported-algorithm', 'the key algorithm cannot sign certificates', cause);
  }
}

/**
 * Reads and checks the Certify CA.
 * @throws KW_PKI_FILE when a file cannot be read; KW_PKI_CERTIFY_CA (with `setting`, `path`,
 *   `problem`) when the certificate is no usable CA or the key is unreadable or not its key.
 */
export async function loadCertifyCa(files: CertifyCaFiles): Promise<CertifyCa> {
  const certPem = await readPemFile(files.certFile);
  const keyPem = await readPemFile(files.keyFile);
  const cert = readCertificate(certPem, files.certFile);
  checkIsCa(cert, files.certFile, files.now ?? new Date());
  const caCert = cert.toString('pem') + '\n';
  const caKey = readKeyAsPkcs8(keyPem, files.keyFile);
  // Proof that the pair works: certify the CA's own public key and verify the signature.
  try {
    await certifyPublicKey({
      caCert,
      caKey,
      publicKey: new Uint8Array(cert.publicKey.rawData),
      subject: { commonName: 'Keywarden Certify CA check' },
      now: files.now ?? new Date(),
    });
  } catch (cause) {
    if (cause instanceof PkiKeyError) {
      const problem = cause.reason === 'unsupported-algorithm' ? cause.reason : 'key-mismatch';
      const message =
        problem === 'key-mismatch'
          ? 'the key is not the private key of pki.certifyCaCert'
          : cause.message;
      throw new PkiCertifyCaError('pki.certifyCaKey', files.keyFile, problem, message, { cause });
    }
    throw cause;
  }
  return { caCert, caKey, subject: cert.subject, notAfter: cert.notAfter };
}
