/**
 * A pool of persistent TLS connections to one server (the KMIP transport of KmipClient):
 * connections are opened lazily, reused while idle, capped at `maxConnections`; connection
 * failures are retried with exponential backoff, but a request that was already written is
 * sent again only when it is idempotent (a second Create would create a second key).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientTlsInput } from '../tls/index.ts';
import { KmipConnection } from './connection.ts';
import { ClientUsageError, ConnectionError, TimeoutError } from './errors.ts';
import type { ExchangeOptions, KmipTransport } from './transport.ts';

/** Options of {@link ConnectionPool}. */
export interface PoolOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: ClientTlsInput;
  /** Most connections open at once; default 4. */
  readonly maxConnections?: number;
  /** Connect + handshake + verification timeout, ms; default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Response timeout, ms; default 30 000. */
  readonly timeoutMs?: number;
  /** An idle connection is closed after this long, ms; default 60 000. */
  readonly idleTimeoutMs?: number;
  /** Retries after a connection failure; default 2 (so 3 attempts). */
  readonly retries?: number;
  /** First backoff, doubled per retry up to `maxBackoffMs`; defaults 100 and 2 000 ms. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Largest response accepted, bytes; default 16 MiB. */
  readonly maxResponseSize?: number;
}

interface IdleConnection {
  readonly connection: KmipConnection;
  readonly timer: NodeJS.Timeout;
}

/** Whether a failure may be retried: connection problems only, never auth or KMIP errors. */
function isRetryable(error: unknown, isIdempotent: boolean): boolean {
  if (error instanceof TimeoutError) return error.phase === 'connect';
  if (error instanceof ConnectionError) return !error.wasSent || isIdempotent;
  return false;
}

/** The pool; implements {@link KmipTransport}. */
export class ConnectionPool implements KmipTransport {
  readonly #options: PoolOptions;
  readonly #idle: IdleConnection[] = [];
  readonly #waiters: (() => void)[] = [];
  #open = 0;
  #isClosed = false;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  /** Connections currently open (busy or idle). */
  get size(): number {
    return this.#open;
  }

  async exchange(request: Uint8Array, options: ExchangeOptions): Promise<Uint8Array> {
    const retries = this.#options.retries ?? 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.#exchangeOnce(request, options);
      } catch (error) {
        if (options.signal?.aborted === true || attempt >= retries) throw error;
        if (!isRetryable(error, options.isIdempotent)) throw error;
        const base = this.#options.backoffMs ?? 100;
        const delay = Math.min(base * 2 ** attempt, this.#options.maxBackoffMs ?? 2000);
        await sleep(delay, undefined, options.signal ? { signal: options.signal } : {});
      }
    }
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    for (const { connection, timer } of this.#idle.splice(0)) {
      clearTimeout(timer);
      connection.close();
      this.#open -= 1;
    }
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async #exchangeOnce(request: Uint8Array, options: ExchangeOptions): Promise<Uint8Array> {
    const connection = await this.#acquire(options.signal);
    try {
      const response = await connection.exchange(request, {
        timeoutMs: options.timeoutMs ?? this.#options.timeoutMs ?? 30_000,
        ...(options.signal !== undefined && { signal: options.signal }),
      });
      this.#release(connection);
      return response;
    } catch (error) {
      connection.destroy();
      this.#release(connection);
      throw error;
    }
  }

  async #acquire(signal: AbortSignal | undefined): Promise<KmipConnection> {
    for (;;) {
      if (this.#isClosed) throw new ClientUsageError('the client is closed');
      signal?.throwIfAborted();
      const idle = this.#idle.pop();
      if (idle !== undefined) {
        clearTimeout(idle.timer);
        if (idle.connection.isUsable) {
          idle.connection.setIdle(false);
          return idle.connection;
        }
        this.#open -= 1;
        continue;
      }
      if (this.#open < (this.#options.maxConnections ?? 4)) {
        this.#open += 1;
        try {
          return await KmipConnection.open({
            host: this.#options.host,
            port: this.#options.port,
            tls: this.#options.tls,
            connectTimeoutMs: this.#options.connectTimeoutMs ?? 10_000,
            maxResponseSize: this.#options.maxResponseSize ?? 16 * 1024 * 1024,
            ...(signal !== undefined && { signal }),
          });
        } catch (error) {
          this.#open -= 1;
          this.#wakeOne();
          throw error;
        }
      }
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal?.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        this.#waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
  }

  #release(connection: KmipConnection): void {
    if (connection.isUsable && !this.#isClosed) {
      const timer = setTimeout(() => {
        const index = this.#idle.findIndex((entry) => entry.connection === connection);
        if (index >= 0) this.#idle.splice(index, 1);
        connection.close();
        this.#open -= 1;
        this.#wakeOne();
      }, this.#options.idleTimeoutMs ?? 60_000);
      // An idle connection must not keep the process alive.
      timer.unref();
      connection.setIdle(true);
      this.#idle.push({ connection, timer });
    } else {
      this.#open -= 1;
    }
    this.#wakeOne();
  }

  #wakeOne(): void {
    this.#waiters.shift()?.();
  }
}
