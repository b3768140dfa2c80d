/**
 * Error classes of the KMIP listener. Callers branch on `code`, never on the message text.
 * Per-connection failures (refused certificates, bad framing) are not thrown: they close that
 * connection and are logged, so only starting the listener can fail.
 */
import { KeywardenError } from '../../errors.ts';

/** A listener option is missing, out of range, or conflicts with the TLS options. */
export class ListenerOptionsError extends KeywardenError {
  readonly code = 'KW_LISTENER_OPTIONS';
  /** The option at fault, e.g. `maxMessageSize` or `tls.requestCert`. */
  readonly option: string;

  constructor(option: string, problem: string) {
    super(`${option}: ${problem}`);
    this.option = option;
  }
}

/** The listening socket could not be opened (address in use, permission denied, bad host …). */
export class ListenerStartError extends KeywardenError {
  readonly code = 'KW_LISTENER_START';
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, options?: { cause?: unknown }) {
    const why = (options?.cause as { code?: unknown } | undefined)?.code;
    super(`cannot listen on ${host}:${port}${typeof why === 'string' ? ` (${why})` : ''}`, options);
    this.host = host;
    this.port = port;
  }
}

/**
 * The reason of a request's `signal` once its connection closed (peer gone, shutdown, error)
 * before or after the response was written: whatever the handler still does is for nobody.
 */
export class ConnectionClosedError extends KeywardenError {
  readonly code = 'KW_LISTENER_CONNECTION_CLOSED';
  readonly connectionId: string;

  constructor(connectionId: string) {
    super(`connection ${connectionId} closed`);
    this.connectionId = connectionId;
  }
}
