/**
 * The options of the KMIP listener and the seam it offers the request pipeline: one call per
 * complete TTLV message, with who sent it.
 */
import type { TtlvDecodeError } from '../../kmip/ttlv/index.ts';
import type { ServerTlsOptions } from '../../tls/index.ts';
import { createLogger, type Logger } from '../logger.ts';
import { ListenerOptionsError } from './errors.ts';

/** The connection a request arrived on, as the request pipeline sees it. */
export interface ConnectionInfo {
  /** Unique within this listener; also the `connectionId` of its log lines. */
  readonly id: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** The client identity: the one subject Common Name of the client certificate. */
  readonly identity: string;
  /** The client certificate, DER. */
  readonly peerCertificate: Uint8Array;
  /** The negotiated protocol, `'TLSv1.2'` or `'TLSv1.3'`. */
  readonly tlsVersion: string;
  /** The negotiated cipher suite, IANA name (`TLS_AES_256_GCM_SHA384`). */
  readonly cipher: string;
}

/** One complete TTLV message read from a connection. */
export interface KmipRequest {
  /**
   * The raw message, header included, in a buffer of its own that the listener never touches
   * again (the handler may keep views of it). Decoding it is the handler's job.
   */
  readonly bytes: Uint8Array;
  readonly connection: ConnectionInfo;
  /** Aborted when the connection closes before the response is written (peer gone, shutdown). */
  readonly signal: AbortSignal;
}

/**
 * Turns a request into the bytes of its response. Requests of one connection are handled one at
 * a time, in order; different connections concurrently. A handler that throws costs its
 * connection (the pipeline is expected to turn every failure into a KMIP error response).
 */
export type KmipRequestHandler = (request: KmipRequest) => Promise<Uint8Array>;

/**
 * Bytes to send before closing a connection whose framing broke (bad tag, type or length in a
 * message header), or `undefined` to just close it.
 */
export type FramingErrorHook = (
  error: TtlvDecodeError,
  connection: ConnectionInfo,
) => Uint8Array | undefined;

/** Options of `startKmipListener`. */
export interface KmipListenerOptions {
  /** Address to bind, e.g. `'127.0.0.1'` or `'::'`. */
  readonly host: string;
  /** TCP port; 0 picks a free one (read it back from `listener.address`). */
  readonly port: number;
  /** From `buildServerTlsOptions`; client certificates must be requested and verified. */
  readonly tls: ServerTlsOptions;
  /**
   * PyKMIP's `enable_tls_client_auth` (default true): the client certificate must carry an
   * extended key usage extension that includes clientAuth. An extension without clientAuth is
   * refused by the TLS layer either way (OpenSSL's purpose check); this flag decides whether a
   * certificate without the extension is accepted.
   */
  readonly enableTlsClientAuth?: boolean;
  /** Largest accepted request, header included (default 1 MiB, as PyKMIP). */
  readonly maxMessageSize?: number;
  /**
   * Close a connection after this long with no request in progress (default 120 s). Bytes of an
   * unfinished message do not count as activity, so a client trickling a request is closed too.
   */
  readonly idleTimeoutMs?: number;
  /** Abort TLS handshakes that take longer (default 10 s). */
  readonly handshakeTimeoutMs?: number;
  /** Open TCP connections at most, handshakes included; more are dropped (default 1024). */
  readonly maxConnections?: number;
  /** Complete requests queued on one connection before it stops reading (default 8). */
  readonly maxPendingRequests?: number;
  /** Default: `createLogger()` on standard output. */
  readonly logger?: Logger;
  readonly handle: KmipRequestHandler;
  readonly onFramingError?: FramingErrorHook;
}

/** The options with every default filled in. */
export interface ResolvedListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: ServerTlsOptions;
  readonly enableTlsClientAuth: boolean;
  readonly maxMessageSize: number;
  readonly idleTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly logger: Logger;
  readonly handle: KmipRequestHandler;
  readonly onFramingError: FramingErrorHook | undefined;
}

/** Defaults of the optional numeric options. */
export const LISTENER_DEFAULTS = {
  maxMessageSize: 1024 * 1024,
  idleTimeoutMs: 120_000,
  handshakeTimeoutMs: 10_000,
  maxConnections: 1024,
  maxPendingRequests: 8,
} as const;

// The smallest TTLV message is one 8-byte item header.
const MIN_MESSAGE_SIZE = 8;

// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
) {
  const resolved = value ?? fallback;
  if (!Number.isSafeInteger(resolved) || resolved < min || resolved > max) {
    throw new ListenerOptionsError(name, `must be an integer from ${min} to ${max}`);
  }
  return resolved;
}

/**
 * Checks the options and fills in defaults.
 * @throws KW_LISTENER_OPTIONS for a bad value, or TLS options that would not authenticate clients.
 */
export function resolveListenerOptions(options: KmipListenerOptions): ResolvedListenerOptions {
  if (typeof options.host !== 'string' || options.host.length === 0) {
    throw new ListenerOptionsError('host', 'must be a non-empty address');
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new ListenerOptionsError('port', 'must be an integer from 0 to 65535');
  }
  if (typeof options.handle !== 'function') {
    throw new ListenerOptionsError('handle', 'must be a function');
  }
  // Every KMIP request is attributed to the client certificate's CN: without verified client
  // certificates there is no identity, so such TLS options are a configuration error.
  if (options.tls.requestCert === false || options.tls.rejectUnauthorized === false) {
    throw new ListenerOptionsError(
      'tls.requestCert',
      'the KMIP listener requires client certificates',
    );
  }
  // Without its own CA list Node verifies clients against the public root store.
  if (options.tls.ca === undefined) {
    throw new ListenerOptionsError('tls.ca', 'the CA that issues client certificates is required');
  }
  return {
    host: options.host,
    port: options.port,
    tls: options.tls,
    enableTlsClientAuth: options.enableTlsClientAuth ?? true,
    maxMessageSize: positiveInteger(
      'maxMessageSize',
      options.maxMessageSize,
      LISTENER_DEFAULTS.maxMessageSize,
      MIN_MESSAGE_SIZE,
    ),
    idleTimeoutMs: positiveInteger(
      'idleTimeoutMs',
      options.idleTimeoutMs,
      LISTENER_DEFAULTS.idleTimeoutMs,
      1,
      MAX_TIMER_MS,
    ),
    handshakeTimeoutMs: positiveInteger(
      'handshakeTimeoutMs',
      options.handshakeTimeoutMs,
      LISTENER_DEFAULTS.handshakeTimeoutMs,
      1,
      MAX_TIMER_MS,
    ),
    maxConnections: positiveInteger(
      'maxConnections',
      options.maxConnections,
      LISTENER_DEFAULTS.maxConnections,
    ),
    maxPendingRequests: positiveInteger(
      'maxPendingRequests',
      options.maxPendingRequests,
      LISTENER_DEFAULTS.maxPendingRequests,
    ),
    logger: options.logger ?? createLogger(),
    handle: options.handle,
    onFramingError: options.onFramingError,
  };
}
