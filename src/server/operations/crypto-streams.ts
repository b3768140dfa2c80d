/**
 * Streaming ("by parts") cryptographic operations, KMIP 1.3+ (1.4 §4.29–4.34, §4.37; 2.1
 * §6.1.12, §6.1.20, §6.1.21, §6.1.33, §6.1.52): the first request carries Init Indicator, the
 * server answers with a Correlation Value, later requests carry it, the last one Final
 * Indicator. The parts are buffered per connection and the operation runs once on the whole
 * data at the end, so the result is exactly the one-shot result; intermediate responses carry
 * no data. Symmetric Encrypt and Decrypt instead keep a live cipher in the stream and answer
 * each part with its output (cipher-stream.ts); such a stream buffers nothing. Memory is bounded: a stream holds at most `maxStreamBytes`, a connection at most
 * `maxStreamsPerConnection` streams, the server tracks at most `maxConnections` connections
 * (the oldest is dropped), and a connection's streams go when it closes.
 */
import { randomBytes } from '../../crypto/index.ts';
import { ResultReason } from '../../kmip/generated/registry.ts';
import { KmipResultError } from '../pipeline/result-error.ts';

/** Limits of the stream registry. */
export interface StreamLimits {
  readonly maxStreamBytes: number;
  readonly maxStreamsPerConnection: number;
  readonly maxConnections: number;
}

/** Defaults: 8 MiB per stream, 4 streams per connection, 1024 connections. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = Object.freeze({
  maxStreamBytes: 8 * 1024 * 1024,
  maxStreamsPerConnection: 4,
  maxConnections: 1024,
});

interface Entry {
  readonly operation: string;
  readonly objectId: string | undefined;
  readonly init: unknown;
  readonly chunks: Uint8Array[];
  size: number;
}

/** The streams of one connection. */
export interface CryptoStreams {
  readonly limits: StreamLimits;
  /** Starts a stream with its first part and what the final step needs; returns its Correlation Value. */
  open(start: {
    readonly operation: string;
    readonly objectId: string | undefined;
    readonly init: unknown;
    readonly data: Uint8Array;
  }): Uint8Array;
  /**
   * Adds a part; returns the object the stream was opened on.
   * @throws KmipResultError Invalid Field (unknown stream, too much data).
   */
  append(correlation: Uint8Array, operation: string, data: Uint8Array): string | undefined;
  /** What `open` was given for a stream of `operation`, or undefined when there is none. */
  peek(
    correlation: Uint8Array,
    operation: string,
  ): { readonly init: unknown; readonly objectId: string | undefined } | undefined;
  /** Forgets a stream (a live one that ended or failed). */
  close(correlation: Uint8Array): void;
  /** Ends a stream: its whole data (with `data` last) and what `open` was given. */
  finish(
    correlation: Uint8Array,
    operation: string,
    data: Uint8Array,
  ): { readonly data: Uint8Array; readonly init: unknown; readonly objectId: string | undefined };
}

/** The server's streams, by connection. */
export interface StreamRegistry {
  /** The streams of a connection; `signal` ends them when the connection closes. */
  forConnection(connectionId: string | undefined, signal: AbortSignal | undefined): CryptoStreams;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function tooLarge(limits: StreamLimits): KmipResultError {
  return new KmipResultError(
    ResultReason.InvalidField,
    `the streamed data exceeds the server's limit of ${limits.maxStreamBytes} bytes`,
  );
}

function connectionStreams(limits: StreamLimits): CryptoStreams {
  const entries = new Map<string, Entry>();
  const lookup = (correlation: Uint8Array, operation: string): [string, Entry] => {
    const key = hex(correlation);
    const entry = entries.get(key);
    if (entry?.operation !== operation) {
      throw new KmipResultError(
        ResultReason.InvalidField,
        `no ${operation} stream with this Correlation Value on this connection`,
      );
    }
    return [key, entry];
  };
  const add = (entry: Entry, data: Uint8Array): void => {
    if (entry.size + data.length > limits.maxStreamBytes) throw tooLarge(limits);
    entry.chunks.push(data);
    entry.size += data.length;
  };
  return {
    limits,
    open({ operation, objectId, init, data }) {
      if (entries.size >= limits.maxStreamsPerConnection) {
        throw new KmipResultError(
          ResultReason.PermissionDenied,
          `at most ${limits.maxStreamsPerConnection} streams may be open on one connection`,
        );
      }
      if (data.length > limits.maxStreamBytes) throw tooLarge(limits);
      const correlation = randomBytes(16);
      entries.set(hex(correlation), {
        operation,
        objectId,
        init,
        chunks: [data],
        size: data.length,
      });
      return correlation;
    },
    append(correlation, operation, data) {
      const [key, entry] = lookup(correlation, operation);
      try {
        add(entry, data);
      } catch (error) {
        entries.delete(key);
        throw error;
      }
      return entry.objectId;
    },
    peek(correlation, operation) {
      const entry = entries.get(hex(correlation));
      return entry?.operation === operation
        ? { init: entry.init, objectId: entry.objectId }
        : undefined;
    },
    close(correlation) {
      entries.delete(hex(correlation));
    },
    finish(correlation, operation, data) {
      const [key, entry] = lookup(correlation, operation);
      entries.delete(key);
      add(entry, data);
      const whole = new Uint8Array(entry.size);
      let offset = 0;
      for (const chunk of entry.chunks) {
        whole.set(chunk, offset);
        offset += chunk.length;
      }
      return { data: whole, init: entry.init, objectId: entry.objectId };
    },
  };
}

/** Creates the registry of a server (or of one test). */
export function createStreamRegistry(limits: StreamLimits = DEFAULT_STREAM_LIMITS): StreamRegistry {
  const connections = new Map<string, CryptoStreams>();
  return {
    forConnection(connectionId, signal) {
      // Without a connection there is nothing to continue a stream on: a scope per message.
      if (connectionId === undefined) return connectionStreams(limits);
      let streams = connections.get(connectionId);
      if (streams === undefined) {
        streams = connectionStreams(limits);
        connections.set(connectionId, streams);
        if (connections.size > limits.maxConnections) {
          const oldest = connections.keys().next().value;
          if (oldest !== undefined) connections.delete(oldest);
        }
        signal?.addEventListener('abort', () => connections.delete(connectionId), { once: true });
      }
      return streams;
    },
  };
}
