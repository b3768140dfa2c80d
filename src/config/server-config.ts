/** The configuration model of the Keywarden server. */
import type { TlsVersion } from '../tls/index.ts';
import type { AccessConfig } from './access-config.ts';

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
  /** Keywarden's own roles and grants (config.toml `[access]`); none by default. */
  readonly access?: AccessConfig;
  /** Authentication plugin blocks (PyKMIP server.conf `[auth:...]` sections), as read. */
  readonly authPlugins?: readonly AuthPluginConfig[];
}

/**
 * An authentication plugin block as a PyKMIP server.conf declares it (`[auth:slugs]`,
 * `[auth:slugs:primary]`): its section name, the plugin kind (`slugs`), whether it is enabled
 * (PyKMIP: only the exact text `True`) and its raw options (`url` ...).
 */
export interface AuthPluginConfig {
  /** The section name, e.g. `auth:slugs:primary`. */
  readonly section: string;
  /** The plugin kind: the part after `auth:`, e.g. `slugs`. */
  readonly kind: string;
  readonly enabled: boolean;
  /** Every option of the block as text (interpolated), `enabled` included. */
  readonly options: Readonly<Record<string, string>>;
}
