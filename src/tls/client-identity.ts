/**
 * The client identity carried by a TLS client certificate, following PyKMIP's server
 * (kmip/services/server/auth/utils.py and session.py): the identity is the subject's one
 * Common Name, and with `enable_tls_client_auth` the certificate must carry an extended key
 * usage extension that includes clientAuth.
 */
import { TlsEkuError, TlsIdentityError } from './errors.ts';

/** The OID of the clientAuth extended key usage (RFC 5280 §4.2.1.12). */
export const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';

/**
 * The fields read from `tlsSocket.getPeerCertificate()` (which returns `{}` when the peer
 * sent no certificate). Node gives a repeated subject attribute as an array.
 */
export interface PeerCertificateFields {
  readonly subject?: Readonly<Record<string, string | readonly string[] | undefined>> | null;
  readonly ext_key_usage?: readonly string[];
  readonly raw?: Uint8Array;
}

function hasCertificate(
  cert: PeerCertificateFields | null | undefined,
): cert is PeerCertificateFields {
  return cert !== null && cert !== undefined && cert.raw !== undefined && cert.subject != null;
}

/**
 * Returns the client identity: the subject Common Name of the peer certificate.
 * @throws KW_TLS_IDENTITY when there is no certificate, no CN, several CNs (PyKMIP refuses
 * those: "Multiple client identities found") or an empty CN.
 */
export function extractClientIdentity(cert: PeerCertificateFields | null | undefined): string {
  if (!hasCertificate(cert)) throw new TlsIdentityError('no-certificate');
  const cn = cert.subject?.CN;
  const names = cn === undefined ? [] : typeof cn === 'string' ? [cn] : cn;
  if (names.length === 0) throw new TlsIdentityError('no-common-name');
  if (names.length > 1) throw new TlsIdentityError('multiple-common-names');
  const name = names[0] ?? '';
  // An empty identity could collide with "no owner" further down: refuse it here.
  if (name.length === 0) throw new TlsIdentityError('empty-common-name');
  return name;
}

/** Options of {@link checkClientAuthEku}. */
export interface ClientAuthEkuOptions {
  /**
   * Refuse certificates without an extended key usage extension: PyKMIP's behaviour with
   * `enable_tls_client_auth` (default true). With false, only a present extension must list clientAuth.
   */
  readonly requireExtension?: boolean;
}

/**
 * Checks that a client certificate may be used for client authentication.
 * @throws KW_TLS_EKU when the extension is missing (unless `requireExtension` is false) or
 * does not include clientAuth; KW_TLS_IDENTITY when there is no certificate.
 */
export function checkClientAuthEku(
  cert: PeerCertificateFields | null | undefined,
  options: ClientAuthEkuOptions = {},
): void {
  if (!hasCertificate(cert)) throw new TlsIdentityError('no-certificate');
  const usages = cert.ext_key_usage;
  if (usages === undefined) {
    if (options.requireExtension ?? true) throw new TlsEkuError('missing');
    return;
  }
  if (!usages.includes(CLIENT_AUTH_OID)) throw new TlsEkuError('no-client-auth');
}
