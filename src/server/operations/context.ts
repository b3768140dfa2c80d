/**
 * What an operation handler gets besides its request payload (STYLE.md "An operation
 * handler"): who is asking, in which protocol version, the object service as that caller
 * sees it, crypto, the clock, a logger, the batch's ID Placeholder and a cancellation signal.
 * Handlers import no singletons: a unit test builds a context with fakes.
 */
import type { AttributeListing } from '../../config/index.ts';
import type * as cryptoModule from '../../crypto/index.ts';
import type { CryptoPolicy } from '../../crypto/index.ts';
import type { UniqueIdentifierValue } from '../../kmip/messages/codecs.ts';
import type { Credential } from '../../kmip/messages/header.ts';
import type { KnownOperationName, OperationPayloads } from '../../kmip/messages/payloads/index.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import type { CertificateAuthorityPem } from '../../pki/index.ts';
import type { Logger } from '../logger.ts';
import type { ClientIdentity, ManagedObjects } from '../objects/index.ts';
import type { CryptoStreams } from './crypto-streams.ts';

/** src/crypto as operations see it (tests may replace single functions). */
export type OperationCrypto = typeof cryptoModule;

/** The product the server reports in Query (Vendor Identification, Server Information). */
export interface ServerInfo {
  readonly vendorIdentification: string;
  readonly productName: string;
  readonly serverVersion: string;
}

/** The ID Placeholder of the current batch (KMIP 1.4 §4 introduction, 2.1 §6 introduction). */
export interface IdPlaceholder {
  get(): string | undefined;
  set(id: string): void;
  /** Empties it, so later items that rely on it fail (Locate matching several objects). */
  clear(): void;
}

/** Per-request context handed to every operation handler. */
export interface OperationContext {
  /** The authenticated client (TLS client certificate CN). */
  readonly identity: ClientIdentity;
  /**
   * Credentials from the request header, as sent (Username/Password, Device, Ticket ...).
   * Not verified yet; never log them (passwords).
   */
  readonly credentials: readonly Credential[];
  /** The protocol version the response is encoded in. */
  readonly version: KmipVersionName;
  /** The managed objects, with this client's access checks applied. */
  readonly objects: ManagedObjects;
  readonly crypto: OperationCrypto;
  /** The server's weak-algorithm policy (config `[crypto]`); pass it to every src/crypto call. */
  readonly cryptoPolicy: CryptoPolicy;
  /** This connection's streamed (Init/Final Indicator) operations. */
  readonly streams: CryptoStreams;
  /** The current time, whole seconds. */
  now(): Date;
  /** Logger bound to this request (correlation id, connection, identity). Never log key material. */
  readonly logger: Logger;
  readonly idPlaceholder: IdPlaceholder;
  /**
   * The object a request names: its Unique Identifier, or the ID Placeholder when absent
   * (or given as the 2.x ID Placeholder enumeration); a 2.x enumeration such as `Create`
   * names the object an earlier batch item of that operation returned.
   * @throws KmipResultError Missing Data when nothing is there to use.
   */
  resolveId(value: UniqueIdentifierValue | undefined): string;
  /** Aborted when the client goes away or the server shuts down. */
  readonly signal: AbortSignal;
  /** The operations this server implements, for Query and Discover Versions. */
  readonly supportedOperations: readonly KnownOperationName[];
  readonly server: ServerInfo;
  /** What listings of all attributes show (default `compatible`). */
  readonly attributeListing?: AttributeListing;
  /** The CA that signs Certify results, read when needed; absent when none is configured. */
  readonly certificateAuthority?: () => Promise<CertificateAuthorityPem>;
}

/** An operation handler: validates, asks the context for what it needs, returns the response payload. */
export type OperationHandler<K extends KnownOperationName> = (
  request: OperationPayloads[K]['request'],
  ctx: OperationContext,
) => Promise<OperationPayloads[K]['response']>;

/** The operations table's shape: at most one handler per operation. */
export type OperationTable = { readonly [K in KnownOperationName]?: OperationHandler<K> };
