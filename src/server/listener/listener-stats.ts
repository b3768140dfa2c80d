/** Counters a KMIP listener keeps since it started (for metrics and tests). */

/** A snapshot of the listener's counters. */
export interface ListenerStats {
  /** Connections whose client certificate was accepted. */
  readonly connectionsAccepted: number;
  /** Connections closed after the handshake: no single CN, or no clientAuth EKU. */
  readonly connectionsRefused: number;
  /** Handshakes that failed: protocol version, no or unverifiable certificate, timeout … */
  readonly handshakeFailures: number;
  /** Connections dropped on arrival because `maxConnections` were open. */
  readonly connectionsDropped: number;
  /** Requests answered. */
  readonly requests: number;
  /** Connections closed because their TTLV framing broke. */
  readonly framingErrors: number;
  /** Connections closed because the request handler threw. */
  readonly handlerErrors: number;
  /** Connections closed by the idle timeout. */
  readonly idleTimeouts: number;
}

/** The mutable counters behind {@link ListenerStats}. */
export type ListenerCounters = { -readonly [K in keyof ListenerStats]: number };

/** All counters at zero. */
export function createListenerCounters(): ListenerCounters {
  return {
    connectionsAccepted: 0,
    connectionsRefused: 0,
    handshakeFailures: 0,
    connectionsDropped: 0,
    requests: 0,
    framingErrors: 0,
    handlerErrors: 0,
    idleTimeouts: 0,
  };
}
