/**
 * What carries encoded KMIP messages to a server and back: the pool of TLS connections
 * (pool.ts) or, for offline tests, the replay transport (recorders/replay-transport.ts).
 */

/** Per-exchange options. */
export interface ExchangeOptions {
  readonly signal?: AbortSignal;
  /** Response timeout for this exchange, ms. */
  readonly timeoutMs?: number;
  /**
   * Whether the request may be sent again after it was written and the connection then
   * broke (only read-only operations are).
   */
  readonly isIdempotent: boolean;
}

/** A request/response carrier of TTLV-encoded messages. */
export interface KmipTransport {
  /** Sends one request message and resolves with the one response message. */
  exchange(request: Uint8Array, options: ExchangeOptions): Promise<Uint8Array>;
  /** Closes every connection; later exchanges fail. */
  close(): Promise<void>;
}
