/**
 * The KMIP server: the object store (SQLite, key material sealed under the master key), the
 * request pipeline and the TLS listener, composed from a ServerConfig. `close` stops
 * accepting connections, lets requests in progress finish (bounded), then closes the store.
 */
import { join } from 'node:path';
import { DEFAULT_LEASE_TIME_SECONDS, type ServerConfig } from '../config/index.ts';
import { assertLegacyProviderLoaded, DEFAULT_CRYPTO_POLICY } from '../crypto/index.ts';
import { loadCertifyCa, readDevCertificateAuthority } from '../pki/index.ts';
import {
  loadOrCreateMasterKey,
  type MasterKey,
  openSqliteSecurityStore,
  openSqliteStore,
  type ObjectStore,
  type SecurityStore,
} from '../store/index.ts';
import { buildServerTlsOptions } from '../tls/index.ts';
import { createAuditSink } from './audit/index.ts';
import { buildAuthenticator } from './auth/index.ts';
import {
  DEFAULT_CLOSE_GRACE_MS,
  startKmipListener,
  type ConnectionInfo,
  type KmipListener,
} from './listener/index.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MessageSession } from './pipeline/authenticate.ts';
import { createMessageHandler, encodeFramingErrorResponse } from './pipeline/handle-message.ts';
import { startPolicyEngine } from './policy/index.ts';

/** Options of {@link startKmipServer}. */
export interface StartKmipServerOptions {
  readonly config: ServerConfig;
  /** Default: a logger at `config.logLevel` on standard output. */
  readonly logger?: Logger;
  /** How long `close` waits for requests in progress, in ms (default 10 s). */
  readonly closeGraceMs?: number;
}

/** A running KMIP server. */
export interface RunningKmipServer {
  /** Where the KMIP listener is bound; `port` is the real one when the config asked for 0. */
  readonly kmipAddress: { readonly host: string; readonly port: number };
  /** Stops accepting, finishes requests in progress within the grace period, closes the store. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the KMIP server described by `config`.
 * @throws KW_CRYPTO_LEGACY_PROVIDER when `crypto.allowLegacy` is set but this process runs
 *   without OpenSSL's legacy provider (`--openssl-legacy-provider`),
 *   KW_STORE_MASTER_KEY / KW_STORE_OPEN / KW_STORE_MASTER_KEY_MISMATCH for the store,
 *   KW_TLS_* for the certificate files, KW_PKI_FILE / KW_PKI_CERTIFY_CA for the Certify CA
 *   (`[pki]`), KW_LISTENER_START when the address cannot be bound.
 * @example
 * const server = await startKmipServer({ config: (await loadServerConfig()).config });
 * // ... later
 * await server.close();
 */
export async function startKmipServer(options: StartKmipServerOptions): Promise<RunningKmipServer> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: 'keywarden' });
  const cryptoPolicy = config.crypto ?? DEFAULT_CRYPTO_POLICY;
  // Node 24's OpenSSL 3 serves Blowfish, CAST5, IDEA, RC4 and SEED only from its legacy provider.
  if (cryptoPolicy.allowLegacy) {
    assertLegacyProviderLoaded();
    logger.warn('crypto.allowLegacy is set: legacy algorithms are allowed, each use is logged');
  }
  // The operator's Certify CA is checked before anything opens, so a wrong file stops the start.
  const certifyCaFiles = config.pki?.certifyCaCert !== undefined &&
    config.pki.certifyCaKey !== undefined && {
      certFile: config.pki.certifyCaCert,
      keyFile: config.pki.certifyCaKey,
    };
  const certifyCa = certifyCaFiles === false ? undefined : await loadCertifyCa(certifyCaFiles);
  if (certifyCa !== undefined)
    logger.info(
      { subject: certifyCa.subject, notAfter: certifyCa.notAfter },
      'Certify signs with the configured CA',
    );
  // Operation policies (reserved, policy files, config roles): the pipeline's authorize seam.
  const policies = await startPolicyEngine({
    logger,
    ...(config.policyDir !== undefined && { policyDir: config.policyDir }),
    ...(config.access !== undefined && { roles: config.access }),
  });
  let key: MasterKey;
  let store: ObjectStore;
  try {
    ({ key } = await loadOrCreateMasterKey(config.masterKeyFile));
    store = await openSqliteStore({
      path: config.store.path,
      masterKey: key,
      // Once: from then on every request fails with KW_STORE_FAILED until a restart.
      onFailure: (error) =>
        logger.fatal({ err: error }, 'an fsync of the database failed: restart keywarden'),
    });
  } catch (error) {
    policies.close(); // its directory watcher would keep the process alive
    throw error;
  }
  let security: SecurityStore | undefined;
  let listener: KmipListener;
  try {
    // Local users are read through a connection of their own. The server must not write
    // through it: the store's connection keeps a request's transaction open until its audit
    // record is in, and a second writer in this thread would wait out its busy timeout.
    security = await openSqliteSecurityStore({ path: config.store.path, masterKey: key });
    const tls = buildServerTlsOptions({
      certFile: config.kmip.certFile,
      keyFile: config.kmip.keyFile,
      caFile: config.kmip.caFile,
      cipherSuites: config.kmip.tlsCipherSuites,
      minVersion: config.kmip.tlsMinVersion,
    });
    const kmipLogger = logger.child({ component: 'kmip' });
    const authenticate = await buildAuthenticator(config.auth, security.users, kmipLogger);
    const handler = createMessageHandler({
      store,
      logger: kmipLogger,
      authenticate,
      maxMessageSize: config.kmip.maxMessageSize,
      // The listener's framing gives each message its own buffer, never reused (ttlv-stream.ts).
      keepsRequestBytes: true,
      attributeListing: config.kmip.attributeListing ?? 'compatible',
      ...leaseTimeOf(config.kmip.defaultLeaseTime ?? DEFAULT_LEASE_TIME_SECONDS),
      cryptoPolicy,
      authorize: policies.authorize,
      // Certify signs with [pki] certifyCaCert, else the data folder's development CA (docs/crypto.md "Certify").
      certificateAuthority:
        certifyCa === undefined
          ? () => readDevCertificateAuthority(join(config.dataDir, 'pki'))
          : () => Promise.resolve(certifyCa),
      // The store's own audit log: each request's records commit with its writes (issue #9).
      audit: createAuditSink(store.audit ?? security.audit),
    });
    // A connection's session is the same for all its requests: made once, not per request.
    const sessions = new WeakMap<ConnectionInfo, MessageSession>();
    const sessionOf = (connection: ConnectionInfo, signal: AbortSignal): MessageSession => {
      let session = sessions.get(connection);
      if (session === undefined) {
        session = {
          identity: connection.identity,
          connectionId: connection.id,
          peerAddress: peerAddressOf(connection.remoteAddress, connection.remotePort),
          signal,
        };
        sessions.set(connection, session);
      }
      return session;
    };
    listener = await startKmipListener({
      host: config.kmip.host,
      port: config.kmip.port,
      tls,
      enableTlsClientAuth: config.kmip.enableTlsClientAuth,
      maxMessageSize: config.kmip.maxMessageSize,
      idleTimeoutMs: config.kmip.idleTimeoutMs,
      maxConnections: config.kmip.maxConnections,
      logger,
      handle: ({ bytes, connection, signal }) => handler(bytes, sessionOf(connection, signal)),
      onFramingError: (error) => encodeFramingErrorResponse(error, new Date()),
    });
  } catch (error) {
    policies.close();
    await security?.close();
    await store.close();
    throw error;
  }
  logger.info(
    { kmipAddress: listener.address, authPlugins: config.auth?.plugins ?? ['certificate'] },
    'KMIP server listening',
  );

  let closing: Promise<void> | undefined;
  return {
    kmipAddress: listener.address,
    close() {
      closing ??= (async () => {
        try {
          await listener.close({ graceMs: options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS });
        } finally {
          policies.close();
          await security?.close();
          await store.close();
        }
        logger.info('KMIP server stopped');
      })();
      return closing;
    },
  };
}

/** `address:port`, IPv6 addresses in brackets. */
/** The handler's Lease Time option: 0 means new objects get none. */
function leaseTimeOf(seconds: number): { defaultLeaseTime?: number } {
  return seconds > 0 ? { defaultLeaseTime: seconds } : {};
}

function peerAddressOf(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
