/**
 * The flags of `keywarden serve` and `keywarden init`: one per configuration setting, mapped
 * onto src/config's loader, which checks them (flags win over env vars, which win over the
 * config file: ARCHITECTURE.md "Data folder").
 */
import type { Command } from 'commander';
import type { LoadServerConfigOptions, ServerConfigFlags } from '../config/index.ts';
import { addPykmipFlags, readPykmipFlags } from './pykmip-flags.ts';

/** One flag and the setting (ServerConfig path) it sets. */
export interface ServerFlag {
  /** Commander's spelling, e.g. `--port <port>`. */
  readonly flags: string;
  /** The option's key in Commander's parsed options (camelCase of the flag). */
  readonly key: string;
  readonly setting: string;
  readonly description: string;
}

/** Every setting's flag; `--config` (the file itself) is separate. */
export const SERVER_FLAGS: readonly ServerFlag[] = [
  {
    flags: '--home <dir>',
    key: 'home',
    setting: 'dataDir',
    description: 'data folder (default $KEYWARDEN_HOME, else ./.keywarden)',
  },
  {
    flags: '--host <address>',
    key: 'host',
    setting: 'kmip.host',
    description: 'address the KMIP listener binds to (default 127.0.0.1)',
  },
  {
    flags: '--port <port>',
    key: 'port',
    setting: 'kmip.port',
    description: 'KMIP port (default 5696; 0 picks a free port)',
  },
  {
    flags: '--cert <file>',
    key: 'cert',
    setting: 'kmip.certFile',
    description: 'server certificate chain, PEM (default <home>/pki/server.crt)',
  },
  {
    flags: '--key <file>',
    key: 'key',
    setting: 'kmip.keyFile',
    description: 'server private key, PEM (default <home>/pki/server.key)',
  },
  {
    flags: '--ca <file>',
    key: 'ca',
    setting: 'kmip.caFile',
    description: 'CA that client certificates must chain to, PEM (default <home>/pki/ca.crt)',
  },
  {
    flags: '--tls-min-version <version>',
    key: 'tlsMinVersion',
    setting: 'kmip.tlsMinVersion',
    description: 'lowest TLS version: TLSv1.2 or TLSv1.3 (default TLSv1.2)',
  },
  {
    flags: '--tls-cipher-suites <list>',
    key: 'tlsCipherSuites',
    setting: 'kmip.tlsCipherSuites',
    description: 'cipher suites, comma-separated IANA or OpenSSL names',
  },
  {
    flags: '--enable-tls-client-auth <bool>',
    key: 'enableTlsClientAuth',
    setting: 'kmip.enableTlsClientAuth',
    description: 'require the clientAuth extended key usage in client certificates (default true)',
  },
  {
    flags: '--max-message-size <bytes>',
    key: 'maxMessageSize',
    setting: 'kmip.maxMessageSize',
    description: 'largest KMIP request accepted (default 1048576)',
  },
  {
    flags: '--idle-timeout-ms <ms>',
    key: 'idleTimeoutMs',
    setting: 'kmip.idleTimeoutMs',
    description: 'close a KMIP connection idle this long (default 300000)',
  },
  {
    flags: '--max-connections <n>',
    key: 'maxConnections',
    setting: 'kmip.maxConnections',
    description: 'concurrent KMIP connections accepted (default 1024)',
  },
  {
    flags: '--attribute-listing <mode>',
    key: 'attributeListing',
    setting: 'kmip.attributeListing',
    description: 'listings of all attributes: compatible (PyKMIP 0.10, default) or complete',
  },
  {
    flags: '--default-lease-time <seconds>',
    key: 'defaultLeaseTime',
    setting: 'kmip.defaultLeaseTime',
    description: 'Lease Time of new keys, certificates and secret data (default 3600; 0 sets none)',
  },
  {
    flags: '--master-key <file>',
    key: 'masterKey',
    setting: 'masterKeyFile',
    description: 'master key file (default <home>/master.key)',
  },
  {
    flags: '--store-backend <name>',
    key: 'storeBackend',
    setting: 'store.backend',
    description: 'storage backend: sqlite (default)',
  },
  {
    flags: '--db <file>',
    key: 'db',
    setting: 'store.path',
    description: 'SQLite database file (default <home>/keywarden.db)',
  },
  {
    flags: '--policy-dir <dir>',
    key: 'policyDir',
    setting: 'policyDir',
    description: 'folder of operation policy JSON files (PyKMIP format)',
  },
  {
    flags: '--crypto-allow-legacy <bool>',
    key: 'cryptoAllowLegacy',
    setting: 'crypto.allowLegacy',
    description:
      'allow legacy algorithms (DES, RC4, Blowfish, CAST5, IDEA, SEED, MD5) for migration (default false)',
  },
  {
    flags: '--crypto-min-security-bits <bits>',
    key: 'cryptoMinSecurityBits',
    setting: 'crypto.minSecurityBits',
    description: 'refuse keys below this security strength (default 112)',
  },
  {
    flags: '--crypto-allowed-algorithms <list>',
    key: 'cryptoAllowedAlgorithms',
    setting: 'crypto.allowedAlgorithms',
    description: 'KMIP Cryptographic Algorithm names allowed, comma-separated (default: all)',
  },
  {
    flags: '--certify-ca-cert <file>',
    key: 'certifyCaCert',
    setting: 'pki.certifyCaCert',
    description: 'CA certificate Certify signs with, PEM (default: the development CA)',
  },
  {
    flags: '--certify-ca-key <file>',
    key: 'certifyCaKey',
    setting: 'pki.certifyCaKey',
    description: 'private key of --certify-ca-cert, PEM',
  },
  {
    flags: '--log-level <level>',
    key: 'logLevel',
    setting: 'logLevel',
    description: 'trace, debug, info, warn, error, fatal or silent (default info)',
  },
  {
    flags: '--log-format <format>',
    key: 'logFormat',
    setting: 'logFormat',
    description: 'auto (readable on a terminal, else JSON; default), json or readable',
  },
  {
    flags: '--auth-plugins <list>',
    key: 'authPlugins',
    setting: 'auth.plugins',
    description:
      'authentication plugins in order: certificate, password, slugs (default certificate)',
  },
  {
    flags: '--slugs-urls <list>',
    key: 'slugsUrls',
    setting: 'auth.slugsUrls',
    description: 'SLUGS base URLs, comma-separated',
  },
  {
    flags: '--slugs-timeout-ms <ms>',
    key: 'slugsTimeoutMs',
    setting: 'auth.slugsTimeoutMs',
    description: 'timeout of each SLUGS request (default 5000)',
  },
  {
    flags: '--slugs-cache-ttl-ms <ms>',
    key: 'slugsCacheTtlMs',
    setting: 'auth.slugsCacheTtlMs',
    description: 'how long a SLUGS answer is reused (default 30000; 0 never)',
  },
  {
    flags: '--slugs-ca-file <file>',
    key: 'slugsCaFile',
    setting: 'auth.slugsCaFile',
    description: 'CA certificates for https SLUGS URLs, PEM',
  },
];

/** The parsed options of `serve` and `init`: strings as typed, undefined when absent. */
export type ServerCliOptions = Readonly<Record<string, unknown>> & { readonly config?: unknown };

/** The flag that sets `setting` (e.g. `--port` for `kmip.port`), if any. */
export function flagForSetting(setting: string): string | undefined {
  const found = SERVER_FLAGS.find((f) => f.setting === setting);
  return found?.flags.split(' ')[0];
}

/** Adds `--config` and every setting's flag to a command. */
export function addServerFlags(command: Command): Command {
  command.option(
    '--config <file>',
    'configuration file: TOML, or a PyKMIP server.conf (.conf/.ini/.cfg); default $KEYWARDEN_CONFIG, else <home>/config.toml if present',
  );
  for (const flag of SERVER_FLAGS) command.option(flag.flags, flag.description);
  return addPykmipFlags(command);
}

/**
 * Turns parsed options into `loadServerConfig` options: values stay text, so src/config
 * parses and checks them exactly as it does env vars, and names the setting when it refuses one.
 */
export function toLoadOptions(
  options: ServerCliOptions,
  io: { readonly env: Readonly<Record<string, string | undefined>>; readonly cwd: string },
  warn: (warning: string) => void = () => {},
): LoadServerConfigOptions {
  const flags: Record<string, unknown> = {};
  // PyKMIP's script flags first, so that Keywarden's own spelling wins when both are given.
  const pykmip = readPykmipFlags(options);
  pykmip.warnings.forEach(warn);
  const values: [string, unknown][] = [
    ...pykmip.settings,
    ...SERVER_FLAGS.map((flag): [string, unknown] => [flag.setting, options[flag.key]]),
  ];
  for (const [setting, value] of values) {
    if (value === undefined) continue;
    const [head = '', tail] = setting.split('.');
    if (tail === undefined) {
      flags[head] = value;
    } else {
      const section = (flags[head] ??= {}) as Record<string, unknown>;
      section[tail] = value;
    }
  }
  const file = typeof options.config === 'string' ? options.config : pykmip.file;
  return {
    // Built from SERVER_FLAGS, whose settings are ServerConfig paths; src/config re-checks every key.
    flags: flags as ServerConfigFlags,
    env: io.env,
    cwd: io.cwd,
    ...(file !== undefined && { file }),
    ...(pykmip.file !== undefined && { format: 'pykmip' as const }),
  };
}
