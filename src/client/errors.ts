/**
 * Error classes of src/client (pywbem's exception hierarchy brought to KMIP). Callers branch
 * on `code` or `instanceof`, never on the message text. Messages name hosts, operations and
 * certificates only: never key material, passphrases or credentials.
 */
// The registry module itself: `serve` loads this file (exit codes), and the kmip index would
// also load the XML and JSON codecs (issue #9).
import { enumValueEntry } from '../kmip/registry.ts';
import { KeywardenError } from '../errors.ts';

/** Where a server was dialled. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * The connection to the server failed or broke: TCP refused or reset, the TLS handshake
 * failed for a reason other than certificate verification, the server closed mid-exchange.
 */
export class ConnectionError extends KeywardenError {
  readonly code = 'KW_CLIENT_CONNECTION';
  readonly host: string;
  readonly port: number;
  /** True when the request had been written before the connection failed (no retry then unless idempotent). */
  readonly wasSent: boolean;

  constructor(
    address: ServerAddress,
    problem: string,
    options: { cause?: unknown; wasSent: boolean },
  ) {
    super(`${address.host}:${address.port}: ${problem}`, { cause: options.cause });
    this.host = address.host;
    this.port = address.port;
    this.wasSent = options.wasSent;
  }
}

/**
 * Authentication failed: the server certificate failed a check (`check` says which: chain,
 * validity, hostname, callback; the cause is the KW_TLS_VERIFY error), or the server refused
 * our client certificate (`check: 'client-certificate'`).
 */
export class AuthError extends KeywardenError {
  readonly code = 'KW_CLIENT_AUTH';
  readonly check: 'chain' | 'validity' | 'hostname' | 'callback' | 'client-certificate';
  /** Subject of the certificate at fault, when it is the server's. */
  readonly subject?: string;

  constructor(
    check: AuthError['check'],
    message: string,
    options: { cause?: unknown; subject?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.check = check;
    if (options.subject !== undefined) this.subject = options.subject;
  }
}

/** A connect or a response took longer than allowed; the connection is dropped. */
export class TimeoutError extends KeywardenError {
  readonly code = 'KW_CLIENT_TIMEOUT';
  readonly phase: 'connect' | 'response';
  readonly timeoutMs: number;

  constructor(phase: TimeoutError['phase'], timeoutMs: number) {
    super(`no ${phase === 'connect' ? 'connection' : 'response'} within ${timeoutMs} ms`);
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The server's answer cannot be understood: bad TTLV, not a response, batch items that do not match. */
export class ProtocolError extends KeywardenError {
  readonly code = 'KW_CLIENT_PROTOCOL';

  constructor(problem: string, options?: { cause?: unknown }) {
    super(`KMIP protocol error: ${problem}`, options);
  }
}

/** The name of a Result Reason value (`ItemNotFound`), or its hex form for unknown ones. */
export function resultReasonName(reason: number | undefined): string | undefined {
  if (reason === undefined) return undefined;
  return (
    enumValueEntry('ResultReason', reason)?.name ?? `0x${reason.toString(16).padStart(8, '0')}`
  );
}

/**
 * The server answered an operation with a failure (pywbem's CIMError): the Result Status,
 * Result Reason and Result Message as sent.
 */
export class KmipError extends KeywardenError {
  readonly code = 'KW_CLIENT_KMIP';
  /** The operation name, e.g. `Get`. */
  readonly operation: string;
  /** `ResultStatus` value (OperationFailed, OperationPending, OperationUndone). */
  readonly resultStatus: number;
  /** `ResultReason` value, e.g. `ResultReason.ItemNotFound`. */
  readonly resultReason?: number;
  readonly resultMessage?: string;

  constructor(
    operation: string,
    item: { resultStatus: number; resultReason?: number; resultMessage?: string },
  ) {
    const status =
      enumValueEntry('ResultStatus', item.resultStatus)?.name ?? String(item.resultStatus);
    const reason = resultReasonName(item.resultReason) ?? 'no reason';
    const text = item.resultMessage === undefined ? '' : `: ${item.resultMessage}`;
    super(`${operation} ${status} (${reason})${text}`);
    this.operation = operation;
    this.resultStatus = item.resultStatus;
    if (item.resultReason !== undefined) this.resultReason = item.resultReason;
    if (item.resultMessage !== undefined) this.resultMessage = item.resultMessage;
  }

  /** The Result Reason by name, e.g. `ItemNotFound`. */
  get reasonName(): string | undefined {
    return resultReasonName(this.resultReason);
  }
}

/** The client was used wrongly: bad arguments, a closed client, a replay that ran out. */
export class ClientUsageError extends KeywardenError {
  readonly code = 'KW_CLIENT_USAGE';

  constructor(problem: string, options?: { cause?: unknown }) {
    super(problem, options);
  }
}
