/**
 * The OperationContext of one batch item. One object per item with its methods and getters on
 * the prototype: the literal it replaces made seven closures, a managed-object view and a
 * stream lookup per item whether the operation used them or not (issue #9). The object view
 * and the connection's streams are made on first use; what every item of a message shares
 * lives in one `MessageScope`.
 */
import type { AttributeListing } from '../../config/index.ts';
import type { CryptoPolicy } from '../../crypto/index.ts';
import type { UniqueIdentifierValue } from '../../kmip/messages/codecs.ts';
import type { Credential } from '../../kmip/messages/header.ts';
import type { KnownOperationName } from '../../kmip/messages/payloads/index.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import type { CertificateAuthorityPem } from '../../pki/index.ts';
import type { Logger } from '../logger.ts';
import {
  createManagedObjects,
  type AccessPolicy,
  type ClientIdentity,
  type ManagedObjects,
  type ObjectSession,
} from '../objects/index.ts';
import type {
  IdPlaceholder,
  OperationContext,
  OperationCrypto,
  ServerInfo,
} from '../operations/context.ts';
import type { CryptoStreams, StreamRegistry } from '../operations/crypto-streams.ts';
import type { AuthenticatedClient, MessageSession } from './authenticate.ts';
import { BatchIdReferences } from './id-references.ts';

/** What the pipeline's operations get that does not change from message to message. */
export interface PipelineServices {
  readonly authorize: AccessPolicy;
  readonly crypto: OperationCrypto;
  readonly cryptoPolicy: CryptoPolicy;
  /** The clock, whole seconds. */
  readonly now: () => Date;
  readonly supportedOperations: readonly KnownOperationName[];
  readonly server: ServerInfo;
  readonly attributeListing: AttributeListing;
  readonly defaultLeaseTime: number | undefined;
  readonly certificateAuthority: (() => Promise<CertificateAuthorityPem>) | undefined;
}

/** What the items of one message share. */
export class MessageScope {
  readonly services: PipelineServices;
  readonly identity: ClientIdentity;
  readonly credentials: readonly Credential[];
  readonly version: KmipVersionName;
  readonly references = new BatchIdReferences();
  readonly signal: AbortSignal;
  readonly #session: MessageSession;
  readonly #registry: StreamRegistry;
  #streams: CryptoStreams | undefined;

  constructor(
    services: PipelineServices,
    registry: StreamRegistry,
    session: MessageSession,
    client: AuthenticatedClient,
    version: KmipVersionName,
    signal: AbortSignal,
  ) {
    this.services = services;
    this.identity = client.identity;
    this.credentials = client.credentials;
    this.version = version;
    this.signal = signal;
    this.#session = session;
    this.#registry = registry;
  }

  /** This connection's streams, looked up when an item first asks (one scope per message without a connection). */
  get streams(): CryptoStreams {
    return (this.#streams ??= this.#registry.forConnection(
      this.#session.connectionId,
      this.#session.signal,
    ));
  }
}

/** The context of one batch item, its object service bound to `session`. */
export class ItemContext implements OperationContext {
  readonly identity: ClientIdentity;
  readonly credentials: readonly Credential[];
  readonly version: KmipVersionName;
  readonly crypto: OperationCrypto;
  readonly cryptoPolicy: CryptoPolicy;
  readonly now: () => Date;
  readonly idPlaceholder: IdPlaceholder;
  readonly signal: AbortSignal;
  readonly supportedOperations: readonly KnownOperationName[];
  readonly server: ServerInfo;
  readonly attributeListing: AttributeListing;
  /** Undefined when no CA is configured (Certify is refused). */
  readonly certificateAuthority: (() => Promise<CertificateAuthorityPem>) | undefined;
  readonly #scope: MessageScope;
  readonly #session: ObjectSession;
  readonly #log: () => Logger;
  #objects: ManagedObjects | undefined;

  /** `log` makes the item's logger when first called (most items never log). */
  constructor(scope: MessageScope, session: ObjectSession, log: () => Logger) {
    const { services } = scope;
    this.identity = scope.identity;
    this.credentials = scope.credentials;
    this.version = scope.version;
    this.crypto = services.crypto;
    this.cryptoPolicy = services.cryptoPolicy;
    this.now = services.now;
    this.idPlaceholder = scope.references;
    this.signal = scope.signal;
    this.supportedOperations = services.supportedOperations;
    this.server = services.server;
    this.attributeListing = services.attributeListing;
    this.certificateAuthority = services.certificateAuthority;
    this.#scope = scope;
    this.#session = session;
    this.#log = log;
  }

  /** The managed objects as this client sees them, made on first use. */
  get objects(): ManagedObjects {
    if (this.#objects !== undefined) return this.#objects;
    const { services } = this.#scope;
    this.#objects = createManagedObjects({
      session: this.#session,
      identity: this.identity,
      version: this.version,
      authorize: services.authorize,
      now: services.now,
      ...(services.defaultLeaseTime === undefined
        ? {}
        : { defaultLeaseTime: services.defaultLeaseTime }),
    });
    return this.#objects;
  }

  /** This connection's streamed operations. */
  get streams(): CryptoStreams {
    return this.#scope.streams;
  }

  /** The item's logger, made on first use. */
  get logger(): Logger {
    return this.#log();
  }

  resolveId(value: UniqueIdentifierValue | undefined): string {
    return this.#scope.references.resolve(value);
  }
}
