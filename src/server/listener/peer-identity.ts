/**
 * Decides, once a TLS handshake is complete, whether the client certificate identifies a KMIP
 * client, and explains refused handshakes for the log.
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

/**
 * Checks the client certificate of a socket that completed its handshake: it must have been
 * verified, carry exactly one CN (PyKMIP: the CN is the client identity) and, with
 * `enableTlsClientAuth`, an extended key usage extension that includes clientAuth.
 */
export function verifyPeer(socket: TLSSocket, enableTlsClientAuth: boolean): PeerVerdict {
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
