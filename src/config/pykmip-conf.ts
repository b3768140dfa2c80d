/**
 * Reads a PyKMIP server.conf as it is (kmip/services/server/config.py) and maps its [server]
 * section onto Keywarden settings. PyKMIP's rules are kept: the six expected settings must be
 * present, the certificate, key and CA paths must
 * exist (relative paths resolve against the working folder, as PyKMIP's os.path.exists does),
 * and `tls_cipher_suites` is a whitespace-separated list. A name PyKMIP does not know in
 * [server] is reported as a warning naming it (PyKMIP refuses to start; a migrating operator is
 * better served by starting and being told). Enabled `[auth:slugs...]` blocks become the
 * SLUGS authentication settings (pykmip-auth.ts).
 */
import { existsSync } from 'node:fs';
import { ConfigError, type ConfigSource } from './errors.ts';
import { getIniValue, parseIni } from './ini-parser.ts';
import { readPykmipAuthBlocks } from './pykmip-auth.ts';
import { InvalidValue, SETTINGS_BY_PATH, resolvePath, type ConfigLayer } from './settings.ts';

const EXPECTED = [
  'hostname',
  'port',
  'certificate_path',
  'key_path',
  'ca_path',
  'auth_suite',
] as const;
const OPTIONAL = [
  'policy_path',
  'enable_tls_client_auth',
  'tls_cipher_suites',
  'logging_level',
  'database_path',
] as const;
const MUST_EXIST = new Set(['certificate_path', 'key_path', 'ca_path']);
// config.py: an empty value of these means "not set"; any other empty value is invalid.
const EMPTY_MEANS_UNSET = new Set(['policy_path', 'database_path', 'tls_cipher_suites']);

// PyKMIP option → Keywarden setting.
const TARGET: Readonly<Record<string, string>> = {
  hostname: 'kmip.host',
  port: 'kmip.port',
  certificate_path: 'kmip.certFile',
  key_path: 'kmip.keyFile',
  ca_path: 'kmip.caFile',
  policy_path: 'policyDir',
  enable_tls_client_auth: 'kmip.enableTlsClientAuth',
  tls_cipher_suites: 'kmip.tlsCipherSuites',
  logging_level: 'logLevel',
  database_path: 'store.path',
};

// Python logging levels → pino levels.
const LOG_LEVEL: Readonly<Record<string, string>> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  ERROR: 'error',
  CRITICAL: 'fatal',
};

/**
 * Maps a PyKMIP server.conf onto Keywarden settings.
 * @throws KW_CONFIG_PARSE for INI syntax errors, KW_CONFIG_INVALID (setting `server.<option>`)
 * for a missing, unknown or invalid option, or an enabled SLUGS section without a URL.
 */
export function readPykmipServerConf(
  text: string,
  path: string,
  cwd: string,
): { layer: ConfigLayer; warnings: string[] } {
  const source: ConfigSource = { kind: 'file', path };
  const doc = parseIni(text, path);
  const warnings: string[] = [];
  const server = doc.sections.get('server');
  if (server === undefined)
    throw new ConfigError('server', source, 'the file has no [server] section');
  const known = (name: string) =>
    (EXPECTED as readonly string[]).includes(name) ||
    (OPTIONAL as readonly string[]).includes(name);
  const names = new Set([...doc.defaults.keys(), ...server.keys()].filter(known));
  for (const name of server.keys()) {
    if (!known(name)) warnings.push(`server.${name}: unknown setting, ignored`);
  }
  for (const name of EXPECTED) {
    if (!names.has(name))
      throw new ConfigError(`server.${name}`, source, 'missing (PyKMIP requires it)');
  }

  const layer: ConfigLayer = new Map();
  for (const name of names) {
    const raw = getIniValue(doc, 'server', name) ?? '';
    const setting = `server.${name}`;
    if (name === 'auth_suite') {
      // PyKMIP: 'Basic' is TLS 1.0, 'TLS1.2' is TLS 1.2. Keywarden never goes below 1.2.
      if (raw !== 'Basic' && raw !== 'TLS1.2')
        throw new ConfigError(setting, source, 'must be Basic or TLS1.2');
      if (raw === 'Basic')
        warnings.push(`${setting}: Basic (TLS 1.0) is not offered; TLS 1.2 is the minimum`);
      continue;
    }
    if (raw === '' && EMPTY_MEANS_UNSET.has(name)) continue;
    const target = TARGET[name] ?? '';
    const def = SETTINGS_BY_PATH.get(target);
    if (def === undefined) continue;
    let value: unknown;
    try {
      const text = name === 'logging_level' ? (LOG_LEVEL[raw.toUpperCase()] ?? raw) : raw;
      value = def.parse(text, 'text');
    } catch (cause) {
      if (cause instanceof InvalidValue)
        throw new ConfigError(setting, source, cause.message, { cause });
      throw cause;
    }
    if (def.isPath) {
      value = resolvePath(cwd, value as string);
      if (MUST_EXIST.has(name) && !existsSync(value as string)) {
        throw new ConfigError(setting, source, `file ${value as string} does not exist`);
      }
    }
    layer.set(target, { value, source });
  }

  for (const section of doc.sections.keys()) {
    if (section !== 'server' && !section.startsWith('auth:')) warnings.push(`[${section}] ignored`);
  }
  readPykmipAuthBlocks(doc, source, layer, warnings);
  return { layer, warnings };
}
