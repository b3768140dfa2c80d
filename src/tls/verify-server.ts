/**
 * The server certificate checks of Keywarden's clients, run after the handshake and before a
 * byte of application data is sent (pywbem's "Verification of the X.509 server certificate"):
 * chain to a trusted CA and validity period (OpenSSL's verdict), host name or IP address
 * against the subject alternative names, then the caller's verify callback.
 */
import type { PeerCertificate, TLSSocket, DetailedPeerCertificate } from 'node:tls';
import { TlsVerifyError } from './errors.ts';
import { checkHostname } from './hostname.ts';

/**
 * An extra check of the server certificate (pywbem's `verify_callback`), called with the leaf
 * and the chain as verified (leaf first, up to the trusted root) once the built-in checks
 * passed; `false` (or a throw / rejected promise) refuses the server.
 */
export type VerifyCallback = (
  cert: PeerCertificate,
  chain: readonly PeerCertificate[],
) => boolean | Promise<boolean>;

// OpenSSL verify results about dates rather than trust (X509_V_ERR_CERT_*_VALID, CRL dates).
const VALIDITY_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** The peer's certificate chain, leaf first, as `getPeerCertificate(true)` links it. */
export function peerCertificateChain(socket: TLSSocket): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert !== undefined && cert.raw !== undefined && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(cert);
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** Subject (`CN=…, O=…`) and SHA-256 fingerprint of a certificate, for messages and logs. */
export function describeCertificate(cert: PeerCertificate | undefined): {
  subject: string;
  fingerprint: string;
} {
  if (cert === undefined) return { subject: '(no certificate)', fingerprint: '' };
  const subject = Object.entries(cert.subject ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`))
    .join(', ');
  return {
    subject: subject === '' ? '(empty subject)' : subject,
    fingerprint: cert.fingerprint256,
  };
}

function isOutsideValidity(cert: PeerCertificate, now: Date): boolean {
  return new Date(cert.valid_from) > now || new Date(cert.valid_to) < now;
}

/** Options of {@link verifyServerCertificate}. */
export interface VerifyServerOptions {
  /** The name or IP address the certificate must carry. */
  readonly host: string;
  readonly verifyCallback?: VerifyCallback;
  /** The clock for naming the certificate outside its validity; default now. */
  readonly now?: Date;
}

/**
 * Runs the checks on a socket whose handshake completed with `rejectUnauthorized: false`.
 * @throws KW_TLS_VERIFY naming the failed check (`chain`, `validity`, `hostname`, `callback`)
 *   and the certificate at fault.
 */
export async function verifyServerCertificate(
  socket: TLSSocket,
  options: VerifyServerOptions,
): Promise<void> {
  const chain = peerCertificateChain(socket);
  const leaf = chain[0];
  if (leaf === undefined) {
    throw new TlsVerifyError(
      'chain',
      describeCertificate(undefined),
      'the server sent no certificate',
    );
  }
  if (!socket.authorized) {
    const opensslCode = String(socket.authorizationError ?? 'UNKNOWN');
    if (VALIDITY_CODES.has(opensslCode)) {
      const now = options.now ?? new Date();
      const bad = chain.find((cert) => isOutsideValidity(cert, now)) ?? leaf;
      const problem = `valid from ${bad.valid_from} to ${bad.valid_to} (${opensslCode})`;
      throw new TlsVerifyError('validity', describeCertificate(bad), problem, { opensslCode });
    }
    // The certificate OpenSSL could not chain further is the top of what the server sent.
    const top = chain[chain.length - 1] ?? leaf;
    const problem = `does not chain to a trusted CA certificate (${opensslCode})`;
    throw new TlsVerifyError('chain', describeCertificate(top), problem, { opensslCode });
  }
  const mismatch = checkHostname(options.host, leaf);
  if (mismatch !== undefined) {
    throw new TlsVerifyError('hostname', describeCertificate(leaf), mismatch);
  }
  if (options.verifyCallback !== undefined) {
    let accepted: boolean;
    try {
      accepted = await options.verifyCallback(leaf, chain);
    } catch (cause) {
      throw new TlsVerifyError('callback', describeCertificate(leaf), 'verifyCallback threw', {
        cause,
      });
    }
    if (accepted !== true) {
      throw new TlsVerifyError('callback', describeCertificate(leaf), 'verifyCallback refused it');
    }
  }
}
