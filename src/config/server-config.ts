/** The configuration model of the Keywarden server. */
import type { TlsVersion } from '../tls/index.ts';

/** Log levels (pino's). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Storage backends. */
export const STORE_BACKENDS = ['sqlite'] as const;

/** A storage backend. */
export type StoreBackend = (typeof STORE_BACKENDS)[number];

/** The KMIP listener (TTLV over TLS). */
export interface KmipListenerConfig {
  /** Address to bind; default `127.0.0.1`. */
  readonly host: string;
  /** TCP port; default 5696 (KMIP's IANA port); 0 picks a free one. */
  readonly port: number;
  /** Server certificate chain, PEM; default `<dataDir>/pki/server.crt`. */
  readonly certFile: string;
  /** Server private key, PEM; default `<dataDir>/pki/server.key`. */
  readonly keyFile: string;
  /** CA that issues client certificates, PEM; default `<dataDir>/pki/ca.crt`. */
  readonly caFile: string;
  /** Cipher suites, IANA or OpenSSL names; empty means src/tls's defaults. */
  readonly tlsCipherSuites: readonly string[];
  /** Lowest TLS version; default `TLSv1.2`. */
  readonly tlsMinVersion: TlsVersion;
  /**
   * PyKMIP's `enable_tls_client_auth`: require client certificates to carry the extended key
   * usage extension with clientAuth (default true). Client certificates are always required.
   */
  readonly enableTlsClientAuth: boolean;
  /** Largest request accepted, in bytes; default 1 MiB (PyKMIP's `_max_request_size`). */
  readonly maxMessageSize: number;
  /** A connection idle this long is closed, in milliseconds; default 5 minutes. */
  readonly idleTimeoutMs: number;
  /** Concurrent connections accepted; default 1024. */
  readonly maxConnections: number;
}

/** The object store. */
export interface StoreConfig {
  readonly backend: StoreBackend;
  /** SQLite database file; default `<dataDir>/keywarden.db`. */
  readonly path: string;
}

/** Authentication plugins (PyKMIP's `[auth:...]` blocks and more). */
export const AUTH_PLUGINS = ['certificate', 'password', 'slugs'] as const;

/** An authentication plugin kind. */
export type AuthPluginName = (typeof AUTH_PLUGINS)[number];

/** How clients are authenticated: plugins tried in order, the first that succeeds wins. */
export interface AuthConfig {
  /** Default `['certificate']`: the client certificate's CN. `slugs` stands for every SLUGS URL. */
  readonly plugins: readonly AuthPluginName[];
  /** SLUGS base URLs, tried in order (PyKMIP `[auth:slugs...]` `url`). */
  readonly slugsUrls: readonly string[];
  /** Timeout of each SLUGS HTTP request, in ms; default 5000. */
  readonly slugsTimeoutMs: number;
  /** How long a SLUGS answer is reused, in ms; default 30 000; 0 disables the cache. */
  readonly slugsCacheTtlMs: number;
  /** CA certificates (PEM) for https SLUGS URLs; default the system's. */
  readonly slugsCaFile?: string;
}

/** The whole server configuration, every path absolute. */
export interface ServerConfig {
  /** The data folder; default `$KEYWARDEN_HOME` or `./.keywarden`. */
  readonly dataDir: string;
  readonly kmip: KmipListenerConfig;
  readonly store: StoreConfig;
  /** The master key that encrypts key material at rest; default `<dataDir>/master.key`. */
  readonly masterKeyFile: string;
  /** Default `info`. */
  readonly logLevel: LogLevel;
  /** A folder of operation policy JSON files (PyKMIP format); none by default. */
  readonly policyDir?: string;
  /** Always set by the loader; optional so hand-built configs (tests) may leave it out. */
  readonly auth?: AuthConfig;
}
