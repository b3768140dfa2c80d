/**
 * The table of settings: for each, its path in ServerConfig (also its key in config.toml and
 * in flags), its environment variable, its default and how a value is checked. The loader, the
 * PyKMIP mapping and the config.toml renderer all work from this one table.
 */
import { isAbsolute, join, resolve } from 'node:path';
// The registry module itself: the kmip index would also load the XML and JSON codecs (issue #9).
import { CryptographicAlgorithm } from '../kmip/generated/registry.ts';
import { TLS_VERSIONS, resolveCipherSuites } from '../tls/index.ts';
import type { ConfigSource } from './errors.ts';
import {
  ATTRIBUTE_LISTINGS,
  AUTH_PLUGINS,
  DEFAULT_LEASE_TIME_SECONDS,
  LOG_FORMATS,
  LOG_LEVELS,
  STORE_BACKENDS,
} from './server-config.ts';

/** Settings read from one source, by ServerConfig path, values checked and paths absolute. */
export type ConfigLayer = Map<string, { readonly value: unknown; readonly source: ConfigSource }>;

/** A value was refused; the loader adds the setting name and the source. */
export class InvalidValue extends Error {}

/** How a value is read: `native` from TOML or typed flags, `text` from env vars, INI files and string flags. */
export type ValueForm = 'native' | 'text';

/** One setting. */
export interface SettingDef {
  /** Path in ServerConfig, e.g. `kmip.port`. */
  readonly path: string;
  readonly env: string;
  /** One line for config.toml. */
  readonly doc: string;
  /** Whether relative values are resolved against a base folder. */
  readonly isPath: boolean;
  /** The default: a value, a path under the data folder, or none. */
  readonly fallback: { readonly value: unknown } | { readonly underDataDir: string } | undefined;
  /** Checks and converts a value. @throws InvalidValue */
  parse(value: unknown, form: ValueForm): unknown;
}

const TRUE = ['true', 'yes', 'on', '1'];
const FALSE = ['false', 'no', 'off', '0'];

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function integer(min: number, max: number) {
  return (value: unknown, form: ValueForm): number => {
    const n =
      form === 'text' && typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)
        ? Number(value)
        : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidValue(`must be an integer from ${min} to ${max}, got ${describe(value)}`);
    }
    return n;
  };
}

function boolean(value: unknown, form: ValueForm): boolean {
  if (typeof value === 'boolean') return value;
  if (form === 'text' && typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE.includes(word)) return true;
    if (FALSE.includes(word)) return false;
  }
  throw new InvalidValue(`must be true or false, got ${describe(value)}`);
}

function oneOf(values: readonly string[], options: { ignoreCase: boolean }) {
  return (value: unknown): string => {
    const found =
      typeof value === 'string' &&
      values.find((v) =>
        options.ignoreCase ? v.toLowerCase() === value.trim().toLowerCase() : v === value.trim(),
      );
    if (!found)
      throw new InvalidValue(`must be one of ${values.join(', ')}, got ${describe(value)}`);
    return found;
  };
}

function text(what: string, pattern: RegExp) {
  return (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value))
      throw new InvalidValue(`must be ${what}, got ${describe(value)}`);
    return value;
  };
}

// Paths: any non-empty text without NUL (which no file system accepts).
const path = text('a non-empty path', /^[^\0]+$/);
// A host name or IP address: no spaces, no control characters, no scheme or port.
const host = text('a host name or IP address', /^[^\s/\0]{1,253}$/);

function cipherSuites(value: unknown, form: ValueForm): string[] {
  const names =
    form === 'text' && typeof value === 'string'
      ? value.split(/[\s,]+/).filter((s) => s !== '')
      : Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? (value as string[]).map((v) => v.trim())
        : undefined;
  if (names === undefined)
    throw new InvalidValue(`must be a list of cipher suite names, got ${describe(value)}`);
  try {
    resolveCipherSuites(names);
  } catch (cause) {
    throw new InvalidValue((cause as Error).message, { cause });
  }
  return [...new Set(names)];
}

// KMIP Cryptographic Algorithm names (`AES`, `RSA`, `HMAC_SHA256` ...), as the policy checks them.
function algorithmNames(value: unknown, form: ValueForm): string[] {
  const names =
    form === 'text' && typeof value === 'string'
      ? value.split(/[\s,]+/).filter((s) => s !== '')
      : Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? (value as string[]).map((v) => v.trim())
        : undefined;
  if (names === undefined)
    throw new InvalidValue(
      `must be a list of Cryptographic Algorithm names, got ${describe(value)}`,
    );
  const unknown = names.filter((n) => !Object.hasOwn(CryptographicAlgorithm, n));
  if (unknown.length > 0)
    throw new InvalidValue(
      `unknown Cryptographic Algorithm ${describe(unknown.join(', '))} (KMIP names such as AES, RSA, HMAC_SHA256)`,
    );
  return [...new Set(names)];
}

const MIB = 1024 * 1024;

function textList(what: string, check: (item: string) => string) {
  return (value: unknown, form: ValueForm): string[] => {
    const items =
      form === 'text' && typeof value === 'string'
        ? value.split(/[\s,]+/).filter((s) => s !== '')
        : Array.isArray(value) && value.every((v) => typeof v === 'string')
          ? (value as string[]).map((v) => v.trim())
          : undefined;
    if (items === undefined)
      throw new InvalidValue(`must be a list of ${what}, got ${describe(value)}`);
    return [...new Set(items.map(check))];
  };
}

const authPlugins = textList('plugin names', (name) => {
  const found = AUTH_PLUGINS.find((p) => p === name.toLowerCase());
  if (found === undefined)
    throw new InvalidValue(
      `plugins must be among ${AUTH_PLUGINS.join(', ')}, got ${describe(name)}`,
    );
  return found;
});

const httpUrls = textList('http(s) URLs', (text) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidValue(`must be an http(s) URL, got ${describe(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidValue(`must be an http(s) URL, got ${describe(text)}`);
  return text;
});

/** Every setting, in the order config.toml shows them. */
export const SETTINGS: readonly SettingDef[] = [
  {
    path: 'dataDir',
    env: 'KEYWARDEN_HOME',
    doc: 'Data folder: database, PKI, master key.',
    isPath: true,
    fallback: { value: '.keywarden' },
    parse: path,
  },
  {
    path: 'masterKeyFile',
    env: 'KEYWARDEN_MASTER_KEY_FILE',
    doc: 'Master key that encrypts key material at rest (mode 0600).',
    isPath: true,
    fallback: { underDataDir: 'master.key' },
    parse: path,
  },
  {
    path: 'logLevel',
    env: 'KEYWARDEN_LOG_LEVEL',
    doc: `Log level: ${LOG_LEVELS.join(', ')}.`,
    isPath: false,
    fallback: { value: 'info' },
    parse: oneOf(LOG_LEVELS, { ignoreCase: true }),
  },
  {
    path: 'logFormat',
    env: 'KEYWARDEN_LOG_FORMAT',
    doc: `Log lines: ${LOG_FORMATS.join(', ')} (auto: readable on a terminal, else JSON).`,
    isPath: false,
    fallback: { value: 'auto' },
    parse: oneOf(LOG_FORMATS, { ignoreCase: true }),
  },
  {
    path: 'policyDir',
    env: 'KEYWARDEN_POLICY_DIR',
    doc: 'Folder of operation policy JSON files (PyKMIP format).',
    isPath: true,
    fallback: undefined,
    parse: path,
  },
  {
    path: 'kmip.host',
    env: 'KEYWARDEN_KMIP_HOST',
    doc: 'Address the KMIP listener binds to.',
    isPath: false,
    fallback: { value: '127.0.0.1' },
    parse: host,
  },
  {
    path: 'kmip.port',
    env: 'KEYWARDEN_KMIP_PORT',
    doc: 'KMIP port (5696 is the IANA port for KMIP over TLS).',
    isPath: false,
    fallback: { value: 5696 },
    parse: integer(0, 65535),
  },
  {
    path: 'kmip.certFile',
    env: 'KEYWARDEN_KMIP_CERT_FILE',
    doc: 'Server certificate chain, PEM.',
    isPath: true,
    fallback: { underDataDir: join('pki', 'server.crt') },
    parse: path,
  },
  {
    path: 'kmip.keyFile',
    env: 'KEYWARDEN_KMIP_KEY_FILE',
    doc: 'Server private key, PEM.',
    isPath: true,
    fallback: { underDataDir: join('pki', 'server.key') },
    parse: path,
  },
  {
    path: 'kmip.caFile',
    env: 'KEYWARDEN_KMIP_CA_FILE',
    doc: 'CA certificates that client certificates must chain to, PEM.',
    isPath: true,
    fallback: { underDataDir: join('pki', 'ca.crt') },
    parse: path,
  },
  {
    path: 'kmip.tlsCipherSuites',
    env: 'KEYWARDEN_KMIP_TLS_CIPHER_SUITES',
    doc: 'Cipher suites, IANA or OpenSSL names; empty for the built-in strong list.',
    isPath: false,
    fallback: { value: [] },
    parse: cipherSuites,
  },
  {
    path: 'kmip.tlsMinVersion',
    env: 'KEYWARDEN_KMIP_TLS_MIN_VERSION',
    doc: `Lowest TLS version: ${TLS_VERSIONS.join(' or ')}.`,
    isPath: false,
    fallback: { value: 'TLSv1.2' },
    parse: oneOf(TLS_VERSIONS, { ignoreCase: true }),
  },
  {
    path: 'kmip.enableTlsClientAuth',
    env: 'KEYWARDEN_KMIP_ENABLE_TLS_CLIENT_AUTH',
    doc: 'Require the clientAuth extended key usage in client certificates (PyKMIP enable_tls_client_auth).',
    isPath: false,
    fallback: { value: true },
    parse: boolean,
  },
  {
    path: 'kmip.maxMessageSize',
    env: 'KEYWARDEN_KMIP_MAX_MESSAGE_SIZE',
    doc: 'Largest KMIP request accepted, in bytes.',
    isPath: false,
    fallback: { value: MIB },
    parse: integer(1024, 64 * MIB),
  },
  {
    path: 'kmip.idleTimeoutMs',
    env: 'KEYWARDEN_KMIP_IDLE_TIMEOUT_MS',
    doc: 'Close a KMIP connection idle this long, in milliseconds.',
    isPath: false,
    fallback: { value: 300_000 },
    parse: integer(1000, 86_400_000),
  },
  {
    path: 'kmip.maxConnections',
    env: 'KEYWARDEN_KMIP_MAX_CONNECTIONS',
    doc: 'Concurrent KMIP connections accepted.',
    isPath: false,
    fallback: { value: 1024 },
    parse: integer(1, 100_000),
  },
  {
    path: 'kmip.attributeListing',
    env: 'KEYWARDEN_KMIP_ATTRIBUTE_LISTING',
    doc: `Listings of all attributes: ${ATTRIBUTE_LISTINGS.join(' or ')} (compatible leaves out what PyKMIP 0.10 cannot parse).`,
    isPath: false,
    fallback: { value: 'compatible' },
    parse: oneOf(ATTRIBUTE_LISTINGS, { ignoreCase: true }),
  },
  {
    path: 'kmip.defaultLeaseTime',
    env: 'KEYWARDEN_KMIP_DEFAULT_LEASE_TIME',
    doc: 'Lease Time in seconds the server sets on new keys, certificates and secret data (KMIP Lease Time); 0 sets none.',
    isPath: false,
    fallback: { value: DEFAULT_LEASE_TIME_SECONDS },
    // KMIP Interval: an unsigned 32-bit number of seconds.
    parse: integer(0, 0xffffffff),
  },
  {
    path: 'crypto.allowLegacy',
    env: 'KEYWARDEN_CRYPTO_ALLOW_LEGACY',
    doc: 'Allow legacy algorithms (DES, RC4, Blowfish, CAST5, IDEA, SEED, HMAC-MD5, MD5) for migration; each use is logged; serve then loads the OpenSSL legacy provider.',
    isPath: false,
    fallback: { value: false },
    parse: boolean,
  },
  {
    path: 'crypto.minSecurityBits',
    env: 'KEYWARDEN_CRYPTO_MIN_SECURITY_BITS',
    doc: 'Refuse creating or using keys below this security strength in bits (NIST SP 800-57; 112 refuses RSA < 2048, 2-key 3DES).',
    isPath: false,
    fallback: { value: 112 },
    parse: integer(0, 256),
  },
  {
    path: 'crypto.allowedAlgorithms',
    env: 'KEYWARDEN_CRYPTO_ALLOWED_ALGORITHMS',
    doc: 'KMIP Cryptographic Algorithm names allowed at all (e.g. AES, RSA, ECDSA); empty allows every algorithm the two settings above allow.',
    isPath: false,
    fallback: { value: [] },
    parse: algorithmNames,
  },
  {
    path: 'pki.certifyCaCert',
    env: 'KEYWARDEN_PKI_CERTIFY_CA_CERT',
    doc: 'CA certificate (PEM) that Certify signs with; default the development CA of the data folder. Needs pki.certifyCaKey.',
    isPath: true,
    fallback: undefined,
    parse: path,
  },
  {
    path: 'pki.certifyCaKey',
    env: 'KEYWARDEN_PKI_CERTIFY_CA_KEY',
    doc: 'Private key (PEM, unencrypted PKCS#8, PKCS#1 or SEC1) of pki.certifyCaCert.',
    isPath: true,
    fallback: undefined,
    parse: path,
  },
  {
    path: 'store.backend',
    env: 'KEYWARDEN_STORE_BACKEND',
    doc: `Storage backend: ${STORE_BACKENDS.join(', ')}.`,
    isPath: false,
    fallback: { value: 'sqlite' },
    parse: oneOf(STORE_BACKENDS, { ignoreCase: false }),
  },
  {
    path: 'store.path',
    env: 'KEYWARDEN_STORE_PATH',
    doc: 'SQLite database file.',
    isPath: true,
    fallback: { underDataDir: 'keywarden.db' },
    parse: path,
  },
  {
    path: 'auth.plugins',
    env: 'KEYWARDEN_AUTH_PLUGINS',
    doc: `Authentication plugins in order, first success wins: ${AUTH_PLUGINS.join(', ')}.`,
    isPath: false,
    fallback: { value: ['certificate'] },
    parse: authPlugins,
  },
  {
    path: 'auth.slugsUrls',
    env: 'KEYWARDEN_AUTH_SLUGS_URLS',
    doc: 'SLUGS base URLs (user and group lookup over HTTP), tried in order.',
    isPath: false,
    fallback: { value: [] },
    parse: httpUrls,
  },
  {
    path: 'auth.slugsTimeoutMs',
    env: 'KEYWARDEN_AUTH_SLUGS_TIMEOUT_MS',
    doc: 'Timeout of each SLUGS request, in milliseconds.',
    isPath: false,
    fallback: { value: 5000 },
    parse: integer(100, 60_000),
  },
  {
    path: 'auth.slugsCacheTtlMs',
    env: 'KEYWARDEN_AUTH_SLUGS_CACHE_TTL_MS',
    doc: 'How long a SLUGS answer is reused, in milliseconds (0: never).',
    isPath: false,
    fallback: { value: 30_000 },
    parse: integer(0, 3_600_000),
  },
  {
    path: 'auth.slugsCaFile',
    env: 'KEYWARDEN_AUTH_SLUGS_CA_FILE',
    doc: 'CA certificates for https SLUGS URLs, PEM (default: the system CAs).',
    isPath: true,
    fallback: undefined,
    parse: path,
  },
];

/** Settings by path. */
export const SETTINGS_BY_PATH: ReadonlyMap<string, SettingDef> = new Map(
  SETTINGS.map((s) => [s.path, s]),
);

/** The sections of config.toml (tables), besides the top level. */
export const SECTIONS: readonly string[] = [
  ...new Set(SETTINGS.flatMap((s) => (s.path.includes('.') ? [s.path.split('.')[0] ?? ''] : []))),
];

/** Resolves a path value against a base folder unless it is absolute. */
export function resolvePath(base: string, value: string): string {
  return isAbsolute(value) ? resolve(value) : resolve(base, value);
}
