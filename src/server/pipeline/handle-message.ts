/**
 * The request pipeline: bytes → TTLV → Request Message → version negotiation → header checks
 * → authentication → batch (authorization happens per object in the object service) →
 * Response Message → bytes. It never rejects: every failure becomes a KMIP response, a
 * message-level one (one batch item without Operation, KMIP 1.4 §11.1) when the message as
 * a whole is unusable. Unexpected errors become General Failure with a fixed text and a
 * correlation id (also sent as Server Correlation Value); the real error goes to the log.
 * Nothing here logs payloads.
 */
import type { AttributeListing } from '../../config/index.ts';
import * as cryptoModule from '../../crypto/index.ts';
import { DEFAULT_CRYPTO_POLICY, randomUUID, type CryptoPolicy } from '../../crypto/index.ts';
import { BatchErrorContinuationOption, ResultReason } from '../../kmip/generated/registry.ts';
import type { ResponseBatchItem } from '../../kmip/messages/batch-item.ts';
import type { RequestHeader } from '../../kmip/messages/header.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import type { TtlvDecodeError } from '../../kmip/ttlv/index.ts';
import type { CertificateAuthorityPem } from '../../pki/index.ts';
import type { ObjectStore, StoreUnit } from '../../store/index.ts';
import type { AuditSink, ItemRun, RequestAuditEvent } from '../audit/index.ts';
import { logKmipMessage } from '../kmip-log/log-kmip-message.ts';
import type { Logger } from '../logger.ts';
import { defaultAccessPolicy, type AccessPolicy } from '../objects/index.ts';
import type { OperationCrypto, OperationTable, ServerInfo } from '../operations/context.ts';
import { createStreamRegistry, type StreamRegistry } from '../operations/crypto-streams.ts';
import { OPERATIONS, operationNames } from '../operations/index.ts';
import { PRODUCT } from '../operations/product.ts';
import {
  certificateAuthenticator,
  type AuthenticatedClient,
  type Authenticator,
  type MessageSession,
} from './authenticate.ts';
import { runBatch } from './batch.ts';
import { MessageScope, type PipelineServices } from './item-context.ts';
import { MessageLog } from './message-log.ts';
import { readRequest, MessageRefusal } from './read-request.ts';
import { reasonForVersion } from './reason-compat.ts';
import { encodeResponse, failedItem, generalFailureMessage } from './response.ts';
import { KmipResultError } from './result-error.ts';
import { bestGuessVersion, peekRequestedVersion, protocolVersionOf } from './version.ts';

/** What the pipeline is built from. */
export interface MessageHandlerDeps {
  readonly store: ObjectStore;
  readonly logger: Logger;
  /** Default: the server's operations table. */
  readonly operations?: OperationTable;
  /** Default: the client certificate's CN is the identity. */
  readonly authenticate?: Authenticator;
  /** Default: PyKMIP's built-in operation policies. */
  readonly authorize?: AccessPolicy;
  /** Default: src/crypto. */
  readonly crypto?: OperationCrypto;
  /** Default: the system clock. */
  readonly now?: () => Date;
  /** Default: Keywarden and its package version. */
  readonly server?: ServerInfo;
  /** Largest request decoded, in bytes (default: the TTLV decoder's 1 MiB). */
  readonly maxMessageSize?: number;
  /**
   * The caller hands each request's bytes over and never changes or reuses them, as the
   * listener does (one buffer per message): large Byte Strings (an Encrypt's Data) are then
   * views of the request instead of copies (default false: copies).
   */
  readonly keepsRequestBytes?: boolean;
  /** Listings of all attributes (default `compatible`, see docs/server.md). */
  readonly attributeListing?: AttributeListing;
  /**
   * Lease Time in seconds the server gives new cryptographic objects (`kmip.defaultLeaseTime`,
   * docs/server.md). Default: none, objects get no Lease Time.
   */
  readonly defaultLeaseTime?: number;
  /** The weak-algorithm policy (default: src/crypto's DEFAULT_CRYPTO_POLICY). */
  readonly cryptoPolicy?: CryptoPolicy;
  /** Streamed operations by connection (default: a registry with the default limits). */
  readonly streams?: StreamRegistry;
  /** The CA of Certify (default: none, Certify is refused). */
  readonly certificateAuthority?: () => Promise<CertificateAuthorityPem>;
  /**
   * Receives every answered message, with the request's unit of work when the store has
   * units (its records then commit with the request's writes); the response waits until it
   * resolves (durable audit records). When it rejects, the client gets General Failure
   * instead. Default: none.
   */
  readonly audit?: AuditSink;
}

/** The audit event, filled in while a message is processed (one object per message). */
type AuditTrace = {
  -readonly [K in keyof RequestAuditEvent]: RequestAuditEvent[K];
} & { readonly itemRuns: ItemRun[] };

/** Turns one request message into its response message; never rejects. */
export type MessageHandler = (bytes: Uint8Array, session: MessageSession) => Promise<Uint8Array>;

const NEVER_ABORTED = new AbortController().signal;

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

interface ResponseParts {
  readonly version: KmipVersionName;
  readonly items: readonly ResponseBatchItem[];
  readonly timeStamp: Date;
  readonly correlationId: string;
  readonly request?: RequestHeader;
  /** Made on first use: a pino child costs several µs and most responses never log. */
  readonly log?: () => Logger;
}

function respond(parts: ResponseParts): Uint8Array {
  const { version, request, correlationId, log } = parts;
  return encodeResponse({
    version,
    header: {
      protocolVersion: protocolVersionOf(version),
      timeStamp: parts.timeStamp,
      // KMIP 1.4 Client Correlation Value: echoed, with our Server Correlation Value, only to one that
      // sent one. PyKMIP 0.10 cannot read a response header with fields after Time Stamp.
      ...(request?.clientCorrelationValue === undefined
        ? {}
        : {
            clientCorrelationValue: request.clientCorrelationValue,
            serverCorrelationValue: correlationId,
          }),
      batchCount: parts.items.length,
    },
    items: parts.items,
    ...(request?.maximumResponseSize === undefined
      ? {}
      : { maximumResponseSize: request.maximumResponseSize }),
    correlationId,
    onEncodeError: (err) => log?.().error({ err }, 'response batch item could not be encoded'),
  });
}

/**
 * The response to a message whose framing could not be read (the listener closes the
 * connection after sending it): Invalid Message, in the oldest version since nothing of the
 * request could be read.
 */
export function encodeFramingErrorResponse(error: TtlvDecodeError, timeStamp: Date): Uint8Array {
  const text = `the message is not valid TTLV (${error.code} at offset ${error.offset})`;
  return respond({
    version: bestGuessVersion(undefined),
    items: [failedItem({}, ResultReason.InvalidMessage, text)],
    timeStamp: wholeSeconds(timeStamp),
    correlationId: '',
  });
}

/** Creates the request pipeline. */
export function createMessageHandler(deps: MessageHandlerDeps): MessageHandler {
  const operations = deps.operations ?? OPERATIONS;
  const authenticate = deps.authenticate ?? certificateAuthenticator;
  const clock = deps.now ?? (() => new Date());
  const now = () => wholeSeconds(clock());
  const services: PipelineServices = {
    authorize: deps.authorize ?? defaultAccessPolicy,
    crypto: deps.crypto ?? cryptoModule,
    cryptoPolicy: deps.cryptoPolicy ?? DEFAULT_CRYPTO_POLICY,
    now,
    supportedOperations: operationNames(operations),
    server: deps.server ?? PRODUCT,
    attributeListing: deps.attributeListing ?? 'compatible',
    defaultLeaseTime: deps.defaultLeaseTime,
    certificateAuthority: deps.certificateAuthority,
  };
  const streamRegistry = deps.streams ?? createStreamRegistry();
  const readOptions = {
    ...(deps.maxMessageSize === undefined ? {} : { maxMessageSize: deps.maxMessageSize }),
    shareByteStrings: deps.keepsRequestBytes === true,
  };

  /**
   * The response to one message; every failure becomes a refusal (one failed item without
   * Operation). Records in `trace` what the audit sink learns.
   */
  async function answer(
    bytes: Uint8Array,
    session: MessageSession,
    correlationId: string,
    log: () => Logger,
    trace: AuditTrace,
    store: ObjectStore,
  ): Promise<Uint8Array> {
    try {
      const { message, version } = readRequest(bytes, readOptions);
      trace.version = version;
      trace.requestItems = message.batchItems;
      let client: AuthenticatedClient;
      try {
        client = await authenticate({ session, header: message.header });
        trace.client = client;
      } catch (error) {
        if (!(error instanceof KmipResultError)) throw error;
        throw new MessageRefusal(version, reasonForVersion(error.reason, version), error.message);
      }
      // The message's lines once the client is known (a child of the base logger, made only
      // when a line needs more than the batch item's outcome).
      const messageLog = new MessageLog(deps.logger, {
        correlationId,
        connectionId: session.connectionId,
        identity: client.identity.name,
        kmipVersion: version,
      });
      const signal = session.signal ?? NEVER_ABORTED;
      const items = await runBatch({
        items: message.batchItems,
        version,
        continuation:
          message.header.batchErrorContinuationOption ?? BatchErrorContinuationOption.Stop,
        operations,
        store,
        scope: new MessageScope(services, streamRegistry, session, client, version, signal),
        correlationId,
        log: messageLog,
        onItemDone: (requestIndex, durationMs) => trace.itemRuns.push({ requestIndex, durationMs }),
      });
      trace.responseItems = items;
      trace.isRefused = false;
      return respond({
        version,
        items,
        timeStamp: now(),
        correlationId,
        request: message.header,
        log: () => messageLog.logger,
      });
    } catch (error) {
      const refusal =
        error instanceof MessageRefusal
          ? error
          : new MessageRefusal(
              bestGuessVersion(peekRequestedVersion(bytes)),
              ResultReason.GeneralFailure,
              generalFailureMessage(correlationId),
            );
      if (refusal === error) {
        log().info({ resultReason: refusal.reason }, `request refused: ${refusal.message}`);
      } else {
        log().error({ err: error }, 'request failed unexpectedly');
      }
      const items = [failedItem({}, refusal.reason, refusal.message)];
      trace.responseItems = items;
      trace.isRefused = true;
      return respond({
        version: refusal.version,
        items,
        timeStamp: now(),
        correlationId,
        log,
      });
    }
  }

  /** The request's unit of work, if the store has units (issue #9: one commit per request). */
  function beginUnit(): StoreUnit | undefined {
    try {
      return deps.store.beginUnit?.();
    } catch {
      return undefined; // a closed store: the operations report it
    }
  }

  return async (bytes, session) => {
    const correlationId = randomUUID();
    let messageLog: Logger | undefined;
    const log = () =>
      (messageLog ??= deps.logger.child({ correlationId, connectionId: session.connectionId }));
    const isDebug = deps.logger.isLevelEnabled('debug');
    if (isDebug) await logKmipMessage(log(), 'request', bytes);
    const started = performance.now();
    const trace: AuditTrace = {
      correlationId,
      startedAt: clock(),
      durationMs: 0,
      session,
      itemRuns: [],
      responseItems: [],
      isRefused: false,
    };
    const unit = beginUnit();
    let out = await answer(bytes, session, correlationId, log, trace, unit?.store ?? deps.store);
    try {
      if (deps.audit !== undefined) {
        trace.durationMs = performance.now() - started;
        await deps.audit(trace, unit);
      }
      // Ends the unit if the audit sink did not: the writes it staged are durable after this.
      if (unit !== undefined) await unit.end();
    } catch (error) {
      await unit?.end().catch(() => undefined);
      // No answer before its writes and its audit record are durable: the client learns the
      // outcome is unknown.
      log().error({ err: error }, 'the audit record could not be written');
      out = respond({
        version: trace.version ?? bestGuessVersion(peekRequestedVersion(bytes)),
        items: [failedItem({}, ResultReason.GeneralFailure, generalFailureMessage(correlationId))],
        timeStamp: now(),
        correlationId,
        log,
      });
    }
    if (isDebug) await logKmipMessage(log(), 'response', out);
    return out;
  };
}
