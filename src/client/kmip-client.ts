/**
 * KmipClient: one object per KMIP server (pywbem's WBEMConnection). It connects lazily
 * through a pool of persistent TLS connections, negotiates the protocol version with
 * DiscoverVersions on first use, sends one operation or a batch per request, hands every
 * exchange to its recorders, and turns failures into the error classes of errors.ts.
 */
import {
  ResultReason,
  versionName,
  type Credential,
  type KmipVersionName,
  type ProtocolVersion,
} from '../kmip/index.ts';
import type { ClientTlsInput } from '../tls/index.ts';
import { ClientUsageError, KmipError, ProtocolError } from './errors.ts';
import { decodeResponse, encodeRequest, readOutcomes, type ItemOutcome } from './messages.ts';
import { KmipOperations } from './kmip-operations.ts';
import { isIdempotentBatch, type PreparedOperation, type ResultOf } from './operations/prepared.ts';
import { discoverVersionsOperation } from './operations/server-info.ts';
import { ConnectionPool, type PoolOptions } from './pool.ts';
import { errorSummary, type OperationRecorder, type RecordedItem } from './recorders/recorder.ts';
import { StatisticsRecorder } from './statistics.ts';
import type { KmipTransport } from './transport.ts';

/** The versions this client speaks, most preferred first (KMIP 2.1 … 1.0). */
export const CLIENT_VERSIONS: readonly ProtocolVersion[] = [
  { major: 2, minor: 1 },
  { major: 2, minor: 0 },
  { major: 1, minor: 4 },
  { major: 1, minor: 3 },
  { major: 1, minor: 2 },
  { major: 1, minor: 1 },
  { major: 1, minor: 0 },
];

/** Options of {@link KmipClient}. */
export interface KmipClientOptions extends Omit<PoolOptions, 'host' | 'port' | 'tls'> {
  readonly host: string;
  /** Default 5696 (IANA port for KMIP over TLS). */
  readonly port?: number;
  /** TLS: verification (`verify`), CA sources, client certificate, versions, ciphers. */
  readonly tls?: ClientTlsInput;
  /** A fixed protocol version (e.g. `'1.4'`), skipping DiscoverVersions; default: negotiate. */
  readonly version?: KmipVersionName;
  /** Versions offered in DiscoverVersions; default {@link CLIENT_VERSIONS}. */
  readonly versions?: readonly ProtocolVersion[];
  /** Credential sent in every request header (Authentication). Never logged. */
  readonly credential?: Credential;
  /** Another transport instead of the TLS pool (e.g. a ReplayTransport). */
  readonly transport?: KmipTransport;
  readonly recorders?: readonly OperationRecorder[];
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Response timeout for this call, ms. */
  readonly timeoutMs?: number;
}

/** Options of {@link KmipClient.batch}. */
export interface BatchOptions extends CallOptions {
  /** Ask the server to go on after a failed item (default: stop at the first failure). */
  readonly continueOnError?: boolean;
}

/** The settled results of a batch, one per operation, in order. */
export type BatchResults<T extends readonly PreparedOperation<unknown>[]> = {
  -readonly [K in keyof T]:
    | { readonly ok: true; readonly value: ResultOf<T[K]> }
    | { readonly ok: false; readonly error: Error };
};

// DiscoverVersions exists since KMIP 1.1; a 1.0 server answers it with a failure.
const DISCOVERY_VERSION: ProtocolVersion = { major: 1, minor: 1 };

/** Result Reasons of a DiscoverVersions that mean "not you", not "not this operation". */
const REFUSALS: ReadonlySet<number> = new Set([
  ResultReason.AuthenticationNotSuccessful,
  ResultReason.PermissionDenied,
]);

/** The KMIP client. */
export class KmipClient extends KmipOperations {
  readonly #options: KmipClientOptions;
  readonly #transport: KmipTransport;
  readonly #recorders: OperationRecorder[];
  /** Statistics per operation; see formatStatistics(). */
  readonly statistics = new StatisticsRecorder();
  #version: Promise<ProtocolVersion> | undefined;
  #batchCounter = 0;

  /**
   * Creates a client; nothing is connected until the first call.
   * @example
   * const client = new KmipClient({ host: 'kms.example', tls: { verify: 'ca.crt',
   *   certFile: 'me.crt', keyFile: 'me.key' } });
   * const id = await client.create({ algorithm: 'AES', length: 256 });
   */
  constructor(options: KmipClientOptions) {
    super();
    this.#options = options;
    this.#transport =
      options.transport ??
      new ConnectionPool({ ...options, port: options.port ?? 5696, tls: options.tls ?? {} });
    this.#recorders = [this.statistics, ...(options.recorders ?? [])];
    if (options.version !== undefined) {
      const [major, minor] = options.version.split('.').map(Number);
      this.#version = Promise.resolve({ major: major ?? 1, minor: minor ?? 0 });
    }
  }

  /** Adds a recorder (pywbem's `add_operation_recorder`). */
  addRecorder(recorder: OperationRecorder): void {
    this.#recorders.push(recorder);
  }

  /** Removes a recorder added before. */
  removeRecorder(recorder: OperationRecorder): void {
    const index = this.#recorders.indexOf(recorder);
    if (index >= 0) this.#recorders.splice(index, 1);
  }

  /**
   * The protocol version in use, negotiated with DiscoverVersions on first use.
   * @throws ProtocolError when client and server share no version; connection errors.
   */
  protocolVersion(options: CallOptions = {}): Promise<ProtocolVersion> {
    this.#version ??= this.#negotiate(options).catch((error: unknown) => {
      this.#version = undefined;
      throw error;
    });
    return this.#version;
  }

  /**
   * Sends one prepared operation and resolves with its result.
   * @throws KmipError (KW_CLIENT_KMIP) when the server fails it; ConnectionError, AuthError,
   *   TimeoutError, ProtocolError; the signal's reason when aborted.
   */
  async run<R>(operation: PreparedOperation<R>, options: CallOptions = {}): Promise<R> {
    const version = await this.protocolVersion(options);
    const [outcome] = await this.#send([operation], version, options);
    if (outcome === undefined) throw new ProtocolError('no outcome');
    if (!outcome.ok) throw outcome.error;
    return outcome.value as R;
  }

  /**
   * Sends several operations in one request message (a KMIP batch) and resolves with each
   * one's outcome; only connection-level failures reject.
   * @example
   * const [created, info] = await client.batch([ops.create({ algorithm: 'AES', length: 128 }),
   *   ops.query()]);
   */
  async batch<const T extends readonly PreparedOperation<unknown>[]>(
    operations: T,
    options: BatchOptions = {},
  ): Promise<BatchResults<T>> {
    if (operations.length === 0) throw new ClientUsageError('a batch needs an operation');
    const version = await this.protocolVersion(options);
    const outcomes = await this.#send(operations, version, options);
    return outcomes.map((o) => (o.ok ? { ok: true, value: o.value } : o)) as BatchResults<T>;
  }

  /** DiscoverVersions: the versions both sides support, the server's preference first. */
  discoverVersions(
    versions: readonly ProtocolVersion[] = this.#options.versions ?? CLIENT_VERSIONS,
    options: CallOptions = {},
  ): Promise<ProtocolVersion[]> {
    return this.run(discoverVersionsOperation(versions), options);
  }

  /** Closes every connection; the client cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  async #negotiate(options: CallOptions): Promise<ProtocolVersion> {
    const offered = this.#options.versions ?? CLIENT_VERSIONS;
    let answer: ProtocolVersion[];
    try {
      const [outcome] = await this.#send(
        [discoverVersionsOperation(offered)],
        DISCOVERY_VERSION,
        options,
      );
      if (outcome === undefined || !outcome.ok)
        throw outcome?.error ?? new ProtocolError('no outcome');
      answer = outcome.value as ProtocolVersion[];
    } catch (error) {
      // A KMIP 1.0 server does not know DiscoverVersions (KMIP 1.1 §4.26); but a server that
      // refused who we are understood the request: that is no reason to speak 1.0 (issue #8).
      if (
        error instanceof KmipError &&
        !REFUSALS.has(error.resultReason ?? -1) &&
        offered.some((v) => v.major === 1 && v.minor === 0)
      ) {
        return { major: 1, minor: 0 };
      }
      throw error;
    }
    const common = answer.find((v) => versionName(v.major, v.minor) !== undefined);
    if (common === undefined)
      throw new ProtocolError('the server supports none of our KMIP versions');
    return { major: common.major, minor: common.minor };
  }

  async #send(
    operations: readonly PreparedOperation<unknown>[],
    version: ProtocolVersion,
    options: BatchOptions,
  ): Promise<ItemOutcome<unknown>[]> {
    const batchIds = operations.length > 1 ? operations.map(() => this.#nextBatchId()) : undefined;
    const request = encodeRequest(operations, {
      version,
      ...(batchIds !== undefined && { batchIds }),
      ...(options.continueOnError !== undefined && { continueOnError: options.continueOnError }),
      ...(this.#options.credential !== undefined && { credential: this.#options.credential }),
    });
    const startedAt = new Date();
    const started = performance.now();
    let responseBytes: Uint8Array | undefined;
    let outcomes: ItemOutcome<unknown>[] | undefined;
    try {
      responseBytes = await this.#transport.exchange(request, {
        isIdempotent: isIdempotentBatch(operations),
        ...(options.signal !== undefined && { signal: options.signal }),
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      });
      outcomes = readOutcomes(operations, decodeResponse(responseBytes), batchIds);
      return outcomes;
    } catch (error) {
      this.#record({
        operations,
        outcomes,
        version,
        startedAt,
        started,
        request,
        responseBytes,
        error,
      });
      throw error;
    } finally {
      if (outcomes !== undefined) {
        this.#record({ operations, outcomes, version, startedAt, started, request, responseBytes });
      }
    }
  }

  #record(exchange: {
    operations: readonly PreparedOperation<unknown>[];
    outcomes: ItemOutcome<unknown>[] | undefined;
    version: ProtocolVersion;
    startedAt: Date;
    started: number;
    request: Uint8Array;
    responseBytes: Uint8Array | undefined;
    error?: unknown;
  }): void {
    const items = exchange.operations.map((op, i): RecordedItem => {
      const outcome = exchange.outcomes?.[i];
      const failed = outcome !== undefined && !outcome.ok ? outcome.error : undefined;
      return {
        operation: op.operation,
        request: op.payload,
        ...(outcome?.ok === true && { response: outcome.payload }),
        ...(failed !== undefined && {
          error: {
            ...errorSummary(failed),
            ...(failed instanceof KmipError &&
              failed.reasonName !== undefined && { reason: failed.reasonName }),
          },
        }),
      };
    });
    const record = {
      items,
      protocolVersion: `${exchange.version.major}.${exchange.version.minor}`,
      startedAt: exchange.startedAt,
      durationMs: performance.now() - exchange.started,
      requestBytes: exchange.request,
      ...(exchange.responseBytes !== undefined && { responseBytes: exchange.responseBytes }),
      ...('error' in exchange && { error: errorSummary(exchange.error) }),
    };
    for (const recorder of this.#recorders) {
      try {
        recorder.record(record);
      } catch {
        // A failing recorder must not fail the operation (pywbem ignores them the same way).
      }
    }
  }

  #nextBatchId(): Uint8Array {
    this.#batchCounter = (this.#batchCounter + 1) >>> 0;
    const id = new Uint8Array(4);
    new DataView(id.buffer).setUint32(0, this.#batchCounter);
    return id;
  }
}
