/**
 * Operation recorders (pywbem's BaseOperationRecorder brought to KMIP): objects the client
 * hands every exchange to, once it ended, for tracing, test-case generation or statistics.
 * A recorder must not throw; one that does is ignored for that exchange.
 */

/** One batch item of a recorded exchange. */
export interface RecordedItem {
  /** Operation name, e.g. `Create`. */
  readonly operation: string;
  /** The typed request payload, as the message model spells it. */
  readonly request: unknown;
  /** The typed response payload, when the server answered it successfully. */
  readonly response?: unknown;
  /** The failure of this item (a KmipError), when it failed. */
  readonly error?: { readonly code: string; readonly message: string; readonly reason?: string };
}

/** One request/response exchange with the server. */
export interface OperationRecord {
  readonly items: readonly RecordedItem[];
  /** The protocol version of the request, e.g. `2.1`. */
  readonly protocolVersion: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  /** The TTLV request as sent. */
  readonly requestBytes: Uint8Array;
  /** The TTLV response as received, absent when none came. */
  readonly responseBytes?: Uint8Array;
  /** A failure of the whole exchange (connection, timeout, auth, protocol). */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A pluggable recorder. */
export interface OperationRecorder {
  record(record: OperationRecord): void;
}

/** The error fields a record keeps (code and message only: no stack, no cause). */
export function errorSummary(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'UNKNOWN',
    message: error instanceof Error ? error.message : String(error),
  };
}
