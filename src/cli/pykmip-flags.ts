/**
 * PyKMIP compatibility flags of `keywarden serve` and `init`: `--pykmip-config <file|auto>`
 * reads a PyKMIP server.conf (`auto`: /etc/pykmip/server.conf, PyKMIP's default), and the
 * flags of PyKMIP's server script (kmip/services/server/server.py `main`: -n -p -c -k -a -s
 * -f -l -o -i -v -d, with their long spellings) map onto the same settings as ours, so a
 * systemd unit written for `pykmip-server` keeps working with `keywarden serve`.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CliUsageError } from './errors.ts';

/** PyKMIP's default configuration file, which `--pykmip-config auto` looks for. */
export const PYKMIP_DEFAULT_CONFIG = '/etc/pykmip/server.conf';

/** One PyKMIP script flag and the Keywarden setting it sets. */
interface PykmipFlag {
  readonly flags: string;
  /** Commander's key for the option. */
  readonly key: string;
  /** ServerConfig path; undefined for flags handled specially. */
  readonly setting?: string;
  readonly description: string;
}

/** The flags of PyKMIP's server script (`pykmip-server -h`). */
export const PYKMIP_FLAGS: readonly PykmipFlag[] = [
  {
    flags: '-n, --hostname <host>',
    key: 'hostname',
    setting: 'kmip.host',
    description: 'PyKMIP: same as --host',
  },
  { flags: '-p <port>', key: 'p', setting: 'kmip.port', description: 'PyKMIP: same as --port' },
  {
    flags: '-c, --certificate_path <file>',
    key: 'certificate_path',
    setting: 'kmip.certFile',
    description: 'PyKMIP: same as --cert',
  },
  {
    flags: '-k, --key_path <file>',
    key: 'key_path',
    setting: 'kmip.keyFile',
    description: 'PyKMIP: same as --key',
  },
  {
    flags: '-a, --ca_path <file>',
    key: 'ca_path',
    setting: 'kmip.caFile',
    description: 'PyKMIP: same as --ca',
  },
  {
    flags: '-s, --auth_suite <suite>',
    key: 'auth_suite',
    description: 'PyKMIP: Basic or TLS1.2 (TLS 1.2 is the minimum either way)',
  },
  {
    flags: '-f, --config_path <file>',
    key: 'config_path',
    description: 'PyKMIP: same as --pykmip-config <file>',
  },
  {
    flags: '-l, --log_path <file>',
    key: 'log_path',
    description: 'PyKMIP: accepted and ignored (logs are JSON lines on stderr)',
  },
  {
    flags: '-o, --policy_path <dir>',
    key: 'policy_path',
    setting: 'policyDir',
    description: 'PyKMIP: same as --policy-dir',
  },
  {
    flags: '-i, --ignore_tls_client_auth',
    key: 'ignore_tls_client_auth',
    description: 'PyKMIP: same as --enable-tls-client-auth false',
  },
  {
    flags: '-v, --logging_level <level>',
    key: 'logging_level',
    setting: 'logLevel',
    description: 'PyKMIP: DEBUG, INFO, WARNING, ERROR or CRITICAL',
  },
  {
    flags: '-d, --database_path <file>',
    key: 'database_path',
    setting: 'store.path',
    description: 'PyKMIP: same as --db',
  },
];

// Python logging levels → ours (pino's).
const LOG_LEVELS: Readonly<Record<string, string>> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  ERROR: 'error',
  CRITICAL: 'fatal',
};

/** Adds `--pykmip-config` and PyKMIP's script flags to a command. */
export function addPykmipFlags(command: Command): Command {
  command.option(
    '--pykmip-config <file|auto>',
    `read a PyKMIP server.conf; auto: ${PYKMIP_DEFAULT_CONFIG}`,
  );
  for (const flag of PYKMIP_FLAGS) command.option(flag.flags, flag.description);
  return command;
}

/** What the PyKMIP flags amount to: settings (ServerConfig path → text), the file, warnings. */
export interface PykmipFlagValues {
  readonly settings: ReadonlyMap<string, string>;
  /** A PyKMIP server.conf to read, when one was named. */
  readonly file?: string;
  readonly warnings: readonly string[];
}

/**
 * Reads the PyKMIP flags out of parsed options.
 * @throws KW_CLI_USAGE for a bad auth suite, both --config and a PyKMIP file, or `auto`
 *   when /etc/pykmip/server.conf does not exist.
 */
export function readPykmipFlags(
  options: Readonly<Record<string, unknown>>,
  autoPath: string = PYKMIP_DEFAULT_CONFIG,
): PykmipFlagValues {
  const settings = new Map<string, string>();
  const warnings: string[] = [];
  for (const flag of PYKMIP_FLAGS) {
    const value = options[flag.key];
    if (typeof value !== 'string' || flag.setting === undefined) continue;
    settings.set(
      flag.setting,
      flag.key === 'logging_level' ? (LOG_LEVELS[value.toUpperCase()] ?? value) : value,
    );
  }
  const suite = options['auth_suite'];
  if (suite !== undefined) {
    if (suite !== 'Basic' && suite !== 'TLS1.2')
      throw new CliUsageError('--auth_suite', 'must be Basic or TLS1.2');
    if (suite === 'Basic')
      warnings.push('--auth_suite Basic (TLS 1.0) is not offered; TLS 1.2 is the minimum');
  }
  if (options['ignore_tls_client_auth'] === true) settings.set('kmip.enableTlsClientAuth', 'false');
  if (options['log_path'] !== undefined)
    warnings.push('--log_path is ignored: the server writes JSON log lines to standard error');

  const named = [
    options['pykmip-config'] ?? options['pykmipConfig'],
    options['config_path'],
  ].filter((v): v is string => typeof v === 'string');
  if (named.length === 0) return { settings, warnings };
  if (named.length > 1)
    throw new CliUsageError('--pykmip-config', 'given twice (also as -f/--config_path)');
  if (options['config'] !== undefined)
    throw new CliUsageError('--pykmip-config', 'cannot be combined with --config');
  let file = named[0] ?? '';
  if (file === 'auto') {
    if (!existsSync(autoPath))
      throw new CliUsageError(
        '--pykmip-config',
        `auto: there is no PyKMIP configuration at ${autoPath}`,
      );
    file = autoPath;
  }
  return { settings, warnings, file };
}
