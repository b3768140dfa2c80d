/** The configuration model of the Keywarden server. */
import type { TlsVersion } from '../tls/index.ts';
import type { AccessConfig } from './access-config.ts';

/** Log levels (pino's). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Log line formats: `auto` is readable text when standard error is a terminal and JSON
 * otherwise; `json` and `readable` force one.
 */
export const LOG_FORMATS = ['auto', 'json', 'readable'] as const;

/** A log format. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Storage backends. */
export const STORE_BACKENDS = ['sqlite'] as const;

/** A storage backend. */
export type StoreBackend = (typeof STORE_BACKENDS)[number];

/**
 * What a listing of all attributes (Get Attributes without names, Get Attribute List) shows:
 * `compatible` leaves out the attributes PyKMIP 0.10's client cannot parse in the client's
 * version, `complete` shows every attribute the client's version defines.
 */
export const ATTRIBUTE_LISTINGS = ['compatible', 'complete'] as const;

/** An attribute listing mode. */
export type AttributeListing = (typeof ATTRIBUTE_LISTINGS)[number];

/** The Lease Time, in seconds, new cryptographic objects get unless configured otherwise. */
export const DEFAULT_LEASE_TIME_SECONDS = 3600;

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
  /** Listings of all attributes; `compatible` (PyKMIP 0.10 can read them) when absent. */
  readonly attributeListing?: AttributeListing;
  /**
   * Lease Time in seconds set on new cryptographic objects (KMIP Lease Time); 0 sets none.
   * Default DEFAULT_LEASE_TIME_SECONDS when absent.
   */
  readonly defaultLeaseTime?: number;
}

/** The object store. */
export interface StoreConfig {
  readonly backend: StoreBackend;
  /** SQLite database file; default `<dataDir>/keywarden.db`. */
  readonly path: string;
}

/** The weak-algorithm policy (src/crypto's CryptoPolicy). */
export interface CryptoConfig {
  /** Allow legacy algorithms for migration, each use logged; default false. */
  readonly allowLegacy: boolean;
  /** Minimum security strength in bits; default 112. */
  readonly minSecurityBits: number;
  /** KMIP Cryptographic Algorithm names allowed; empty (default) allows all that pass the rest. */
  readonly allowedAlgorithms: readonly string[];
}

/** The CA Certify signs with (config.toml `[pki]`); the development CA when absent. */
export interface PkiConfig {
  /** CA certificate, PEM; set together with certifyCaKey. */
  readonly certifyCaCert?: string;
  /** The CA's private key, PEM. */
  readonly certifyCaKey?: string;
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
  /** Default `auto` when absent. */
  readonly logFormat?: LogFormat;
  /** A folder of operation policy JSON files (PyKMIP format); none by default. */
  readonly policyDir?: string;
  /** The weak-algorithm policy; src/crypto's default policy when absent. */
  readonly crypto?: CryptoConfig;
  /** The Certify CA; the development CA of the data folder when absent. */
  readonly pki?: PkiConfig;
  /** Keywarden's own roles and grants (config.toml `[access]`); none by default. */
  readonly access?: AccessConfig;
  /** Always set by the loader; optional so hand-built configs (tests) may leave it out. */
  readonly auth?: AuthConfig;
}
