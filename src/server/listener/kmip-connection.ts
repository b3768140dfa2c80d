/**
 * One authenticated KMIP connection: frames the byte stream into TTLV messages, hands them to
 * the request handler one at a time and writes the responses in order. Reading stops while
 * too many requests wait or a response is not yet flushed, so one slow or greedy peer costs
 * bounded memory and never holds up other connections (all I/O is asynchronous).
 */
import type { TLSSocket } from 'node:tls';
import { TtlvDecodeError, TtlvMessageReader } from '../../kmip/ttlv/index.ts';
import { discardChunk, recycleAfterWrite } from './large-message-memory.ts';
import type { Logger } from '../logger.ts';
import { ConnectionClosedError } from './errors.ts';
import type { ConnectionInfo, ResolvedListenerOptions } from './listener-options.ts';
import type { ListenerCounters } from './listener-stats.ts';

/** How long a connection we end may take to flush and say goodbye before it is destroyed. */
const CLOSE_LINGER_MS = 5_000;

/** Why a connection was closed from our side, as logged. */
export type CloseReason =
  | 'framing-error'
  | 'handler-error'
  | 'idle-timeout'
  | 'peer-finished'
  | 'shutdown'
  | 'shutdown-deadline'
  | 'socket-error';

/**
 * `open`: reading and answering. `draining`: no longer reading (broken framing, peer finished
 * sending, shutdown); queued requests are still answered, then the connection ends.
 * `closing`: ended by us, waiting for the socket to close. `closed`: gone.
 */
type State = 'open' | 'draining' | 'closing' | 'closed';

/** What a connection needs from its listener. */
export interface KmipConnectionInit {
  readonly socket: TLSSocket;
  readonly info: ConnectionInfo;
  readonly options: ResolvedListenerOptions;
  readonly log: Logger;
  readonly counters: ListenerCounters;
  readonly onClosed: () => void;
}

/** A client connection that passed authentication; see the file comment. */
export class KmipConnection {
  readonly info: ConnectionInfo;
  readonly #socket: TLSSocket;
  readonly #options: ResolvedListenerOptions;
  readonly #log: Logger;
  readonly #counters: ListenerCounters;
  readonly #onClosed: () => void;
  readonly #reader: TtlvMessageReader;
  readonly #queue: Uint8Array[] = [];
  readonly #abort = new AbortController();
  readonly #openedAt = Date.now();
  #state: State = 'open';
  #drainReason: CloseReason = 'peer-finished';
  #framingError: TtlvDecodeError | undefined;
  #handling = false;
  #writeBlocked = false;
  #readPaused = false;
  #answered = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #lingerTimer: NodeJS.Timeout | undefined;
  /** Why we ended the connection, for its last log line; unset when the peer did. */
  #closeReason: CloseReason | undefined;
  #resolveClosed!: () => void;
  /** Settles once the socket has closed and the handler's signal is aborted. */
  readonly closed = new Promise<void>((resolve) => (this.#resolveClosed = resolve));

  constructor(init: KmipConnectionInit) {
    this.info = init.info;
    this.#socket = init.socket;
    this.#options = init.options;
    this.#log = init.log;
    this.#counters = init.counters;
    this.#onClosed = init.onClosed;
    this.#reader = new TtlvMessageReader({ maxMessageSize: init.options.maxMessageSize });
    const socket = init.socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onEnd());
    socket.on('drain', () => this.#onDrain());
    socket.on('error', (error: Error) => this.#onError(error));
    socket.on('close', () => this.#onClose());
    this.#armIdleTimer();
  }

  /** Stops reading; answers what is queued or in progress, then ends the connection. */
  shutdown(): void {
    this.#stopReading('shutdown');
    this.#pump();
  }

  /** Closes at once, abandoning any request in progress (its signal is aborted). */
  destroy(reason: CloseReason): void {
    if (this.#state === 'closed') return;
    this.#log.warn({ event: 'connection-destroyed', reason }, `connection destroyed: ${reason}`);
    this.#closeReason ??= reason;
    this.#state = 'closing';
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    // Bytes that arrive after we stopped reading belong to no request we will answer.
    if (this.#state !== 'open') return;
    let messages: Uint8Array[];
    try {
      // A bad header throws for the whole chunk: messages completed earlier in the same read
      // are lost with the framing. Which bytes share a read is up to TCP anyway.
      messages = this.#reader.push(chunk);
      discardChunk(chunk);
    } catch (error) {
      if (error instanceof TtlvDecodeError) {
        this.#onFramingError(error);
      } else {
        // A bug, not bad input; thrown from a socket event it would take the server down.
        this.#log.error({ event: 'reader-failed', err: error }, 'TTLV reader failed');
        this.#end('framing-error');
      }
      return;
    }
    if (messages.length === 0) return;
    this.#queue.push(...messages);
    this.#updateReading();
    this.#pump();
  }

  #onFramingError(error: TtlvDecodeError): void {
    this.#counters.framingErrors += 1;
    this.#log.warn(
      { event: 'framing-error', reason: error.code, offset: error.offset, tag: error.tag },
      `closing connection: unreadable TTLV framing (${error.code})`,
    );
    this.#framingError = error;
    this.#stopReading('framing-error');
    this.#pump();
  }

  #onEnd(): void {
    if (this.#reader.bufferedBytes > 0) {
      this.#log.info(
        { event: 'peer-ended-mid-message', bufferedBytes: this.#reader.bufferedBytes },
        'peer finished sending in the middle of a message',
      );
    }
    // The server allows half-open sockets so that requests sent before the peer's FIN are
    // still answered; end our side once they are.
    this.#stopReading('peer-finished');
    this.#pump();
  }

  #onDrain(): void {
    this.#writeBlocked = false;
    this.#updateReading();
    this.#pump();
  }

  #onError(error: Error & { code?: unknown }): void {
    // A peer that resets or vanishes is routine; anything else (a renegotiation attempt, a TLS
    // alert) is worth a warning.
    const code = typeof error.code === 'string' ? error.code : undefined;
    const routine = code === 'ECONNRESET' || code === 'EPIPE';
    this.#log[routine ? 'info' : 'warn'](
      { event: 'socket-error', reason: code ?? 'UNKNOWN', detail: error.message },
      `connection error: ${code ?? 'UNKNOWN'}`,
    );
    // TLS errors are emitted without destroying the socket (renegotiation refusal among
    // them): a connection in an unknown TLS state must not carry on.
    this.#closeReason ??= 'socket-error';
    this.#state = 'closing';
    this.#socket.destroy();
  }

  #onClose(): void {
    this.#state = 'closed';
    this.#clearIdleTimer();
    clearTimeout(this.#lingerTimer);
    this.#queue.length = 0;
    // An explicit reason: abort() without one builds a DOMException, ~10x dearer (issue #9).
    this.#abort.abort(new ConnectionClosedError(this.info.id));
    this.#log.info(
      {
        event: 'connection-closed',
        reason: this.#closeReason ?? 'peer-closed',
        requests: this.#answered,
        durationMs: Date.now() - this.#openedAt,
      },
      'connection closed',
    );
    this.#onClosed();
    this.#resolveClosed();
  }

  /** Handles queued requests one at a time until the queue is empty or writing must wait. */
  #pump(): void {
    if (this.#handling) return;
    const next = this.#writeBlocked ? undefined : this.#queue.shift();
    if (next === undefined) {
      if (this.#state === 'draining' && this.#queue.length === 0) this.#finishDraining();
      return;
    }
    this.#handling = true;
    this.#updateReading();
    void this.#handleOne(next);
  }

  /**
   * Answers one request, then takes the next: the continuation is this function's own
   * `finally`, not a `.finally()` promise and closure per request.
   */
  async #handleOne(bytes: Uint8Array): Promise<void> {
    try {
      // The idle timer keeps running: if it fires now, #onIdle sees the request in progress
      // and the timer is armed again once it is answered.
      let response: Uint8Array;
      try {
        response = await this.#options.handle({
          bytes,
          connection: this.info,
          signal: this.#abort.signal,
        });
        if (!(response instanceof Uint8Array)) {
          throw new TypeError('the request handler did not return a Uint8Array');
        }
      } catch (error) {
        if (this.#state === 'closed') return;
        this.#counters.handlerErrors += 1;
        this.#log.error(
          { event: 'handler-failed', err: error },
          'request handler failed; closing the connection',
        );
        this.#end('handler-error');
        return;
      }
      if (this.#state !== 'open' && this.#state !== 'draining') return;
      this.#answered += 1;
      this.#counters.requests += 1;
      if (response.length > 0 && !this.#socket.write(response, recycleAfterWrite(response))) {
        this.#writeBlocked = true;
        this.#updateReading();
      }
    } finally {
      this.#handling = false;
      if (this.#state === 'open' || this.#state === 'draining') {
        this.#armIdleTimer();
        this.#pump();
      }
    }
  }

  #finishDraining(): void {
    const error = this.#framingError;
    const hook = this.#options.onFramingError;
    if (error !== undefined && hook !== undefined) {
      try {
        const bytes = hook(error, this.info);
        if (bytes !== undefined && bytes.length > 0) this.#socket.write(bytes);
      } catch (hookError) {
        this.#log.error({ event: 'framing-hook-failed', err: hookError }, 'onFramingError failed');
      }
    }
    this.#end(this.#drainReason);
  }

  #stopReading(reason: CloseReason): void {
    if (this.#state !== 'open') return;
    this.#state = 'draining';
    this.#drainReason = reason;
    this.#updateReading();
  }

  /** Ends our side after pending writes flush; destroys the socket if the peer lingers. */
  #end(reason: CloseReason): void {
    if (this.#state === 'closing' || this.#state === 'closed') return;
    this.#state = 'closing';
    this.#closeReason = reason;
    this.#clearIdleTimer();
    this.#queue.length = 0;
    // A client that finished sending is routine (one line per connection, 'connection-closed',
    // is enough at info); our own reasons are worth a line of their own.
    this.#log[reason === 'peer-finished' ? 'debug' : 'info'](
      { event: 'connection-ending', reason },
      `closing connection: ${reason}`,
    );
    this.#socket.end();
    // Keep reading (and discarding, see #onData) so the peer's own end is seen and the socket
    // closes; a paused socket would sit until the linger timer.
    this.#readPaused = false;
    this.#socket.resume();
    this.#lingerTimer = setTimeout(() => this.#socket.destroy(), CLOSE_LINGER_MS);
    this.#lingerTimer.unref();
  }

  /** Reads only while the connection is open, writes flow, and the queue has room. */
  #updateReading(): void {
    if (this.#state === 'closing' || this.#state === 'closed') return;
    const shouldRead =
      this.#state === 'open' &&
      !this.#writeBlocked &&
      this.#queue.length < this.#options.maxPendingRequests;
    if (shouldRead && this.#readPaused) {
      this.#readPaused = false;
      this.#socket.resume();
      this.#log.debug({ event: 'reading-resumed' }, 'reading resumed');
    } else if (!shouldRead && !this.#readPaused) {
      this.#readPaused = true;
      this.#socket.pause();
      if (this.#state === 'open') {
        this.#log.debug(
          {
            event: 'reading-paused',
            queued: this.#queue.length,
            unflushedBytes: this.#socket.writableLength,
          },
          'reading paused (backpressure)',
        );
      }
    }
  }

  /**
   * Idle means no request in progress; bytes of an unfinished message do not reset it. Armed
   * after every request: the running timer is restarted rather than replaced (issue #9).
   */
  #armIdleTimer(): void {
    if (this.#idleTimer !== undefined) {
      this.#idleTimer.refresh();
      return;
    }
    this.#idleTimer = setTimeout(() => this.#onIdle(), this.#options.idleTimeoutMs);
    this.#idleTimer.unref();
  }

  #clearIdleTimer(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #onIdle(): void {
    this.#idleTimer = undefined;
    if (this.#handling || this.#state === 'closing' || this.#state === 'closed') return;
    this.#counters.idleTimeouts += 1;
    this.#log.info(
      {
        event: 'idle-timeout',
        idleTimeoutMs: this.#options.idleTimeoutMs,
        bufferedBytes: this.#reader.bufferedBytes,
      },
      'closing idle connection',
    );
    this.#end('idle-timeout');
  }
}
