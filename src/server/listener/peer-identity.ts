/**
 * Decides, once a TLS handshake is complete, whether the client certificate identifies a KMIP
 * client, and explains refused handshakes for the log.
 *
 * Node's `getPeerCertificate()` builds a full description of the certificate (names, key,
 * three fingerprints …) on every call: ~30 µs idle, ~140 µs on a loaded machine, a tenth of a
 * connection's server CPU beyond the handshake (issue #9). Clients reconnect with the same
 * certificate, so the identity of an accepted certificate is remembered by its SHA-256
 * fingerprint (`getPeerX509Certificate()`, a few µs): same DER, same identity and EKU verdict.
 * Only verified certificates are looked up; refused ones always take the full path.
 */
import type { TLSSocket } from 'node:tls';
import {
  checkClientAuthEku,
  extractClientIdentity,
  TlsEkuError,
  TlsIdentityError,
} from '../../tls/index.ts';

/** The verdict on a connection's client certificate. */
export type PeerVerdict =
  | { readonly accepted: true; readonly identity: string; readonly peerCertificate: Uint8Array }
  | {
      readonly accepted: false;
      /** An error code: KW_TLS_IDENTITY, KW_TLS_EKU, or OpenSSL's verify code. */
      readonly reason: string;
      /** The finer reason, e.g. `multiple-common-names`, or `undefined`. */
      readonly detail: string | undefined;
      /** SHA-256 fingerprint of the refused certificate, to find it without logging it. */
      readonly fingerprint256: string | undefined;
    };

/** Default bound of {@link AcceptedCertificates}. */
export const ACCEPTED_CERTIFICATES_MAX = 256;

/**
 * Identities of certificates a listener accepted, by SHA-256 fingerprint of their DER; holds
 * at most `maxEntries` (the oldest is forgotten first). One per listener, since the verdict
 * also depends on the listener's `enableTlsClientAuth`.
 */
export class AcceptedCertificates {
  readonly #identities = new Map<string, string>();
  readonly #maxEntries: number;
  #hits = 0;

  constructor(maxEntries = ACCEPTED_CERTIFICATES_MAX) {
    this.#maxEntries = maxEntries;
  }

  /** Certificates remembered. */
  get size(): number {
    return this.#identities.size;
  }

  /** Lookups that found the certificate. */
  get hits(): number {
    return this.#hits;
  }

  /** The identity of an accepted certificate with this fingerprint, or `undefined`. */
  get(fingerprint256: string): string | undefined {
    const identity = this.#identities.get(fingerprint256);
    if (identity !== undefined) this.#hits += 1;
    return identity;
  }

  /** Remembers an accepted certificate. */
  set(fingerprint256: string, identity: string): void {
    if (this.#identities.size >= this.#maxEntries && !this.#identities.has(fingerprint256)) {
      const oldest = this.#identities.keys().next();
      if (oldest.done !== true) this.#identities.delete(oldest.value);
    }
    this.#identities.set(fingerprint256, identity);
  }
}

/**
 * Checks the client certificate of a socket that completed its handshake: it must have been
 * verified, carry exactly one CN (PyKMIP: the CN is the client identity) and, with
 * `enableTlsClientAuth`, an extended key usage extension that includes clientAuth. With
 * `accepted`, a verified certificate accepted before is not examined again.
 */
export function verifyPeer(
  socket: TLSSocket,
  enableTlsClientAuth: boolean,
  accepted?: AcceptedCertificates,
): PeerVerdict {
  // Only a certificate OpenSSL verified in this handshake may be looked up.
  const x509 =
    accepted !== undefined && socket.authorized ? socket.getPeerX509Certificate() : undefined;
  const fingerprint = x509?.fingerprint256;
  if (x509 !== undefined && fingerprint !== undefined) {
    const identity = accepted?.get(fingerprint);
    if (identity !== undefined) {
      return { accepted: true, identity, peerCertificate: new Uint8Array(x509.raw) };
    }
  }
  const verdict = examinePeer(socket, enableTlsClientAuth);
  if (verdict.accepted && fingerprint !== undefined) accepted?.set(fingerprint, verdict.identity);
  return verdict;
}

/** The full check of {@link verifyPeer}, from Node's description of the certificate. */
function examinePeer(socket: TLSSocket, enableTlsClientAuth: boolean): PeerVerdict {
  const peer = socket.getPeerCertificate();
  const fingerprint256 = typeof peer.fingerprint256 === 'string' ? peer.fingerprint256 : undefined;
  // rejectUnauthorized already destroys such sockets; this guards against TLS options that
  // changed under us rather than trusting an unverified certificate.
  if (!socket.authorized) {
    return {
      accepted: false,
      reason: authorizationErrorOf(socket) ?? 'UNAUTHORIZED',
      detail: undefined,
      fingerprint256,
    };
  }
  try {
    const identity = extractClientIdentity(peer);
    if (enableTlsClientAuth) checkClientAuthEku(peer);
    return { accepted: true, identity, peerCertificate: new Uint8Array(peer.raw) };
  } catch (error) {
    if (error instanceof TlsIdentityError || error instanceof TlsEkuError) {
      return { accepted: false, reason: error.code, detail: error.reason, fingerprint256 };
    }
    throw error;
  }
}

/** Why a handshake failed, for the log: Node's verify result when it has one, else the error. */
export function describeHandshakeFailure(
  error: Error & { code?: unknown },
  socket: TLSSocket,
): { reason: string; detail: string } {
  // Node checks the client certificate after OpenSSL's handshake and destroys the socket when
  // it fails (CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE …): the error is then a bare
  // "socket hang up" and the real reason is only in authorizationError.
  const verifyCode = authorizationErrorOf(socket);
  const errorCode = typeof error.code === 'string' ? error.code : 'UNKNOWN';
  // OpenSSL messages span lines ("…:unsupported protocol:../ssl/statem/…"); keep the first.
  const detail = (error.message.split('\n')[0] ?? '').trim();
  return { reason: verifyCode ?? errorCode, detail };
}

function authorizationErrorOf(socket: TLSSocket): string | undefined {
  const value = socket.authorizationError as unknown;
  if (typeof value === 'string' && value.length > 0) return value;
  if (value instanceof Error) return (value as Error & { code?: string }).code ?? value.message;
  return undefined;
}
