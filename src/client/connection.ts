/**
 * One persistent TLS connection to a KMIP server, carrying one exchange at a time (KMIP 1.4
 * §9.1: responses come back on the connection in request order; we do not pipeline).
 */
import type { TLSSocket } from 'node:tls';
import { TtlvMessageReader } from '../kmip/index.ts';
import { connectTls, TlsConnectError, TlsVerifyError, type ClientTlsInput } from '../tls/index.ts';
import {
  AuthError,
  ConnectionError,
  ProtocolError,
  TimeoutError,
  type ServerAddress,
} from './errors.ts';

/** Options of {@link KmipConnection.open}. */
export interface ConnectionOptions extends ServerAddress {
  readonly tls: ClientTlsInput;
  readonly connectTimeoutMs: number;
  readonly maxResponseSize: number;
  readonly signal?: AbortSignal;
}

// TLS alerts by which a server says it refused our client certificate (RFC 8446 §6.2).
const CLIENT_CERT_ALERT =
  /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED)/;

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Maps a socket-level failure to our error classes. */
function mapSocketError(address: ServerAddress, error: unknown, wasSent: boolean): Error {
  const code = errorCode(error) + ' ' + errorCode((error as { cause?: unknown }).cause);
  if (CLIENT_CERT_ALERT.test(code)) {
    return new AuthError('client-certificate', 'the server refused the client certificate', {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectionError(address, message, { cause: error, wasSent });
}

/** A connection; `isUsable` turns false once it closed or failed. */
export class KmipConnection {
  readonly #socket: TLSSocket;
  readonly #address: ServerAddress;
  readonly #reader: TtlvMessageReader;
  #pending: { resolve: (message: Uint8Array) => void; reject: (error: Error) => void } | undefined;
  #isClosed = false;

  private constructor(socket: TLSSocket, address: ServerAddress, maxResponseSize: number) {
    this.#socket = socket;
    this.#address = address;
    this.#reader = new TtlvMessageReader({ maxMessageSize: maxResponseSize });
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => this.#fail(mapSocketError(address, error, true)));
    socket.on('close', () =>
      this.#fail(
        new ConnectionError(address, 'the server closed the connection', { wasSent: true }),
      ),
    );
  }

  /**
   * Connects and verifies the server.
   * @throws AuthError (KW_CLIENT_AUTH) when a certificate check fails; ConnectionError
   *   (KW_CLIENT_CONNECTION) when TCP or the handshake fails; TimeoutError (KW_CLIENT_TIMEOUT)
   *   after `connectTimeoutMs`; the signal's reason when aborted.
   */
  static async open(options: ConnectionOptions): Promise<KmipConnection> {
    const timeout = AbortSignal.timeout(options.connectTimeoutMs);
    const signal =
      options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    const address = { host: options.host, port: options.port };
    try {
      const socket = await connectTls({ ...options.tls, ...address, signal });
      return new KmipConnection(socket, address, options.maxResponseSize);
    } catch (error) {
      if (options.signal?.aborted === true) throw options.signal.reason;
      if (timeout.aborted) throw new TimeoutError('connect', options.connectTimeoutMs);
      if (error instanceof TlsVerifyError) {
        throw new AuthError(error.check, error.message, { cause: error, subject: error.subject });
      }
      if (error instanceof TlsConnectError) {
        // The TLS error's message already names the address; keep its cause's words only.
        const cause = error.cause instanceof Error ? error.cause : error;
        const mapped = mapSocketError(address, cause, false);
        if (mapped instanceof ConnectionError) {
          throw new ConnectionError(address, `TLS ${error.phase} failed: ${cause.message}`, {
            cause: error,
            wasSent: false,
          });
        }
        throw mapped;
      }
      throw error;
    }
  }

  /** True while the connection can take an exchange. */
  get isUsable(): boolean {
    return !this.#isClosed && this.#pending === undefined && !this.#socket.destroyed;
  }

  /**
   * Writes a request and resolves with the response.
   * @throws ConnectionError (`wasSent` says whether the request went out), AuthError when the
   *   server refuses our certificate, TimeoutError, or the signal's reason.
   */
  exchange(
    request: Uint8Array,
    options: { readonly signal?: AbortSignal; readonly timeoutMs: number },
  ): Promise<Uint8Array> {
    if (!this.isUsable) {
      return Promise.reject(
        new ConnectionError(this.#address, 'the connection is closed', { wasSent: false }),
      );
    }
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.destroy();
        settle(new TimeoutError('response', options.timeoutMs));
      }, options.timeoutMs);
      const onAbort = () => {
        // The response may still come; the stream cannot be resynchronised, so drop it.
        this.destroy();
        settle(options.signal?.reason as Error);
      };
      const settle = (outcome: Uint8Array | Error) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.#pending = undefined;
        if (outcome instanceof Uint8Array) resolve(outcome);
        else reject(outcome);
      };
      this.#pending = { resolve: settle, reject: settle };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#socket.write(request);
    });
  }

  /**
   * Marks the connection idle (it then does not keep the process alive, like an idle
   * HTTP agent socket) or busy again.
   */
  setIdle(isIdle: boolean): void {
    if (isIdle) this.#socket.unref();
    else this.#socket.ref();
  }

  /** Ends the connection politely. */
  close(): void {
    this.#isClosed = true;
    // A peer that never answers our close_notify (PyKMIP does not) must not keep the socket.
    this.#socket.end(() => this.#socket.destroy());
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.#isClosed = true;
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    let messages: Uint8Array[];
    try {
      messages = this.#reader.push(chunk);
    } catch (error) {
      // Oversized or malformed framing: the stream cannot be trusted any more.
      this.#fail(new ProtocolError('the response cannot be framed', { cause: error }));
      this.destroy();
      return;
    }
    for (const message of messages) {
      const pending = this.#pending;
      // A response nobody asked for means the stream is out of step: drop the connection.
      if (pending === undefined) {
        this.destroy();
        return;
      }
      pending.resolve(message);
    }
  }

  #fail(error: Error): void {
    this.#isClosed = true;
    this.#pending?.reject(error);
  }
}
