/**
 * The KMIP network front (TTLV, KMIP 1.4 §9.1, over TLS with client certificates as the KMIP
 * Profiles' authentication suites require; IANA port 5696): a TLS server that authenticates
 * clients by certificate and turns each connection's byte stream into calls of the request
 * handler. It knows nothing of KMIP semantics.
 *
 * Refusals are never silent: every refused handshake or certificate is one warning line with
 * the reason and the remote address. A certificate Node's verification refuses (unknown CA,
 * expired, wrong purpose) and a missing certificate fail in the TLS layer. A verified
 * certificate without exactly one CN, or without clientAuth EKU when `enableTlsClientAuth`, is
 * refused right after the handshake by closing the connection before any request is read:
 * the listener cannot build a KMIP response, and no bytes of an unauthenticated client are
 * parsed. (PyKMIP's documentation says it closes such connections; its code answers each
 * request with Authentication Not Successful instead.)
 */
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { createConnectionLogger } from '../logger.ts';
import { ListenerStartError } from './errors.ts';
import { KmipConnection } from './kmip-connection.ts';
import {
  resolveListenerOptions,
  type ConnectionInfo,
  type KmipListenerOptions,
} from './listener-options.ts';
import { createListenerCounters, type ListenerStats } from './listener-stats.ts';
import { AcceptedCertificates, describeHandshakeFailure, verifyPeer } from './peer-identity.ts';

/** Default bound of `KmipListener.close` for requests in progress. */
export const DEFAULT_CLOSE_GRACE_MS = 10_000;

/** A running KMIP listener. */
export interface KmipListener {
  /** The bound address; `port` is the real one when 0 was asked for. */
  readonly address: { readonly host: string; readonly port: number };
  /** Open TCP connections, handshakes in progress included. */
  readonly connections: number;
  /** Counters since start. */
  readonly stats: ListenerStats;
  /**
   * Stops accepting, lets requests in progress (and those already queued) finish for up to
   * `graceMs` (default 10 s), then destroys what is left. Idempotent.
   */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

/** What the listener knows about a TCP connection before (and after) its handshake. */
interface RawEntry {
  readonly remoteAddress: string;
  readonly remotePort: number;
  isEstablished: boolean;
}

/**
 * Starts the KMIP listener.
 * @throws KW_LISTENER_OPTIONS for bad options, KW_LISTENER_START when the address cannot be bound.
 * @example
 * const listener = await startKmipListener({
 *   host: '127.0.0.1', port: 5696, tls: buildServerTlsOptions({ certFile, keyFile, caFile }),
 *   handle: async ({ bytes, connection }) => pipeline.process(bytes, connection),
 * });
 */
export async function startKmipListener(options: KmipListenerOptions): Promise<KmipListener> {
  const resolved = resolveListenerOptions(options);
  const log = resolved.logger.child({ component: 'kmip-listener' });
  const counters = createListenerCounters();
  // Open TCP sockets (for `connections` and shutdown), and what is known of each; entries of
  // the weak map outlive the socket's close, when a failed handshake is reported.
  const rawSockets = new Set<Socket>();
  const rawEntries = new WeakMap<Socket, RawEntry>();
  const connections = new Set<KmipConnection>();
  const acceptedCertificates = new AcceptedCertificates();
  let nextConnectionId = 1;
  let isClosing = false;
  // Set when a TLS socket could not be traced to its TCP socket (see rawSocketOf).
  let canTraceSockets = true;

  const server = createServer({
    ...resolved.tls,
    requestCert: true,
    rejectUnauthorized: true,
    handshakeTimeout: resolved.handshakeTimeoutMs,
    // Requests a peer sent before its FIN are still answered (see KmipConnection#onEnd).
    allowHalfOpen: true,
  });
  server.maxConnections = resolved.maxConnections;

  server.on('connection', (raw: Socket) => {
    rawSockets.add(raw);
    // Read once: each getter of a socket's address asks the kernel (getpeername).
    const entry: RawEntry = {
      remoteAddress: raw.remoteAddress ?? 'unknown',
      remotePort: raw.remotePort ?? 0,
      isEstablished: false,
    };
    rawEntries.set(raw, entry);
    log.debug(
      { event: 'tcp-connected', remoteAddress: entry.remoteAddress, remotePort: entry.remotePort },
      'TCP connection accepted',
    );
    // KMIP is request/response with small messages: Nagle would only add latency.
    raw.setNoDelay(true);
    raw.once('close', () => rawSockets.delete(raw));
  });

  server.on('drop', (data?: { remoteAddress?: string; remotePort?: number }) => {
    counters.connectionsDropped += 1;
    log.warn(
      {
        event: 'connection-dropped',
        reason: 'max-connections',
        maxConnections: resolved.maxConnections,
        remoteAddress: data?.remoteAddress,
        remotePort: data?.remotePort,
      },
      'connection dropped: max-connections reached',
    );
  });

  server.on('tlsClientError', (error: Error, socket: TLSSocket) => {
    const entry = entryOf(socket);
    const { reason, detail } = describeHandshakeFailure(error, socket);
    counters.handshakeFailures += 1;
    // Handshakes cut short by our own shutdown are expected.
    log[isClosing ? 'info' : 'warn'](
      {
        event: 'tls-handshake-failed',
        reason,
        detail,
        remoteAddress: entry?.remoteAddress ?? socket.remoteAddress,
        remotePort: entry?.remotePort ?? socket.remotePort,
      },
      `TLS handshake failed: ${reason}`,
    );
    socket.destroy();
  });

  server.on('secureConnection', (socket: TLSSocket) => {
    // Errors after this point belong to the connection; until it exists, swallow them here.
    socket.on('error', () => {});
    try {
      accept(socket);
    } catch (error) {
      // A throw here would escape the event emitter and take the whole server down.
      log.error({ event: 'accept-failed', err: error }, 'accepting a connection failed');
      socket.destroy();
    }
  });

  function accept(socket: TLSSocket): void {
    const entry = entryOf(socket);
    if (entry === undefined) canTraceSockets = false;
    else entry.isEstablished = true;
    const remoteAddress = entry?.remoteAddress ?? socket.remoteAddress ?? 'unknown';
    const remotePort = entry?.remotePort ?? socket.remotePort ?? 0;
    if (isClosing) {
      log.info(
        { event: 'connection-refused', reason: 'shutdown', remoteAddress, remotePort },
        'connection refused: shutting down',
      );
      socket.destroy();
      return;
    }
    // A renegotiation could swap the client certificate under an authenticated connection.
    socket.disableRenegotiation();
    const verdict = verifyPeer(socket, resolved.enableTlsClientAuth, acceptedCertificates);
    if (!verdict.accepted) {
      counters.connectionsRefused += 1;
      log.warn(
        {
          event: 'client-certificate-refused',
          reason: verdict.reason,
          detail: verdict.detail,
          fingerprint256: verdict.fingerprint256,
          remoteAddress,
          remotePort,
        },
        `client certificate refused: ${verdict.reason}${verdict.detail ? ` (${verdict.detail})` : ''}`,
      );
      socket.destroy();
      return;
    }
    const id = String(nextConnectionId++);
    const info: ConnectionInfo = Object.freeze({
      id,
      remoteAddress,
      remotePort,
      identity: verdict.identity,
      peerCertificate: verdict.peerCertificate,
      tlsVersion: socket.getProtocol() ?? 'unknown',
      cipher: socket.getCipher().standardName,
    });
    const connectionLog = createConnectionLogger(log, id);
    const connection = new KmipConnection({
      socket,
      info,
      options: resolved,
      log: connectionLog,
      counters,
      onClosed: () => connections.delete(connection),
    });
    connections.add(connection);
    counters.connectionsAccepted += 1;
    connectionLog.info(
      {
        event: 'connection-opened',
        identity: info.identity,
        remoteAddress,
        remotePort,
        tlsVersion: info.tlsVersion,
        cipher: info.cipher,
      },
      'client connected',
    );
  }

  const address = await listen(server, resolved.host, resolved.port);
  // Accept errors (EMFILE …) after start: logged, the server keeps listening.
  server.on('error', (error: Error) => {
    log.error({ event: 'listener-error', err: error }, 'listener error');
  });
  log.info({ event: 'listening', ...address }, 'KMIP listener ready');

  function entryOf(socket: TLSSocket): RawEntry | undefined {
    const raw = rawSocketOf(socket);
    return raw === undefined ? undefined : rawEntries.get(raw);
  }

  let closing: Promise<void> | undefined;
  async function close(closeOptions?: { readonly graceMs?: number }): Promise<void> {
    const graceMs = closeOptions?.graceMs ?? DEFAULT_CLOSE_GRACE_MS;
    isClosing = true;
    log.info({ event: 'closing', graceMs, connections: connections.size }, 'KMIP listener closing');
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Handshakes in progress carry no request yet: end them now.
    if (canTraceSockets) {
      for (const raw of rawSockets) if (rawEntries.get(raw)?.isEstablished !== true) raw.destroy();
    }
    for (const connection of connections) connection.shutdown();
    const deadline = setTimeout(() => {
      log.warn(
        { event: 'close-deadline', graceMs, connections: connections.size },
        'grace period over: destroying remaining connections',
      );
      for (const connection of connections) connection.destroy('shutdown-deadline');
      for (const raw of rawSockets) raw.destroy();
    }, graceMs);
    await serverClosed;
    // The server reports its last connection gone before the sockets emit 'close'; wait for
    // them so that signals are aborted and `connections` reads 0 when close() resolves.
    await Promise.all([
      ...[...rawSockets].map((raw) => new Promise((resolve) => raw.once('close', resolve))),
      ...[...connections].map((connection) => connection.closed),
    ]);
    clearTimeout(deadline);
    log.info({ event: 'closed' }, 'KMIP listener closed');
  }

  return {
    address,
    get connections() {
      return rawSockets.size;
    },
    get stats() {
      return Object.freeze({ ...counters });
    },
    close(closeOptions) {
      closing ??= close(closeOptions);
      return closing;
    },
  };
}

async function listen(
  server: ReturnType<typeof createServer>,
  host: string,
  port: number,
): Promise<{ host: string; port: number }> {
  server.listen({ host, port });
  try {
    await once(server, 'listening');
  } catch (cause) {
    throw new ListenerStartError(host, port, { cause });
  }
  const bound = server.address() as AddressInfo;
  return { host: bound.address, port: bound.port };
}

/**
 * The TCP socket under a server-side TLS socket. Node keeps it as `_parent` (undocumented but
 * stable since Node 0.x); after a failed handshake the TLS socket has already lost its address,
 * so the listener finds the address it recorded for the TCP socket.
 */
function rawSocketOf(socket: TLSSocket): Socket | undefined {
  const parent = (socket as TLSSocket & { _parent?: unknown })._parent;
  return parent !== null && typeof parent === 'object' ? (parent as Socket) : undefined;
}
