/**
 * Loads the server configuration from its sources, later ones winning:
 * defaults < config file (config.toml, or a PyKMIP server.conf) < KEYWARDEN_* env vars < flags.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseAccessConfig, type AccessConfig } from './access-config.ts';
import { ConfigError, ConfigFileError, ConfigParseError, type ConfigSource } from './errors.ts';
import { readObjectSource } from './object-source.ts';
import { readPykmipServerConf } from './pykmip-conf.ts';
import type { ServerConfig } from './server-config.ts';
import { InvalidValue, SETTINGS, resolvePath, type ConfigLayer } from './settings.ts';

/** Env var naming the config file. */
export const CONFIG_FILE_ENV = 'KEYWARDEN_CONFIG';
/** Name of the config file looked for in the data folder. */
export const CONFIG_FILE_NAME = 'config.toml';

type FlagValue<T> = T extends readonly string[]
  ? T | string
  : T extends number | boolean
    ? T | string
    : T;

/** Flags as the CLI passes them: any setting, nested as in ServerConfig; strings are parsed as on a command line. */
export type ServerConfigFlags = {
  readonly [K in keyof ServerConfig]?: ServerConfig[K] extends string | undefined
    ? FlagValue<ServerConfig[K]>
    : {
        readonly [J in keyof NonNullable<ServerConfig[K]>]?: FlagValue<
          NonNullable<ServerConfig[K]>[J]
        >;
      };
};

/** Options of {@link loadServerConfig}. */
export interface LoadServerConfigOptions {
  /** Config file (the `--config` flag): must exist. Else `$KEYWARDEN_CONFIG`, else `<dataDir>/config.toml` if present. */
  readonly file?: string;
  /** File format; default by extension: `.conf`, `.ini`, `.cfg` are PyKMIP server.conf, anything else TOML. */
  readonly format?: 'toml' | 'pykmip';
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly flags?: ServerConfigFlags;
  /** Folder that relative env and flag paths resolve against; default `process.cwd()`. */
  readonly cwd?: string;
}

/** A loaded configuration and where each setting came from. */
export interface LoadedServerConfig {
  readonly config: ServerConfig;
  /** The config file read, if any. */
  readonly file: { readonly path: string; readonly format: 'toml' | 'pykmip' } | undefined;
  /** The source of every setting, by path (e.g. `kmip.port`). */
  readonly sources: ReadonlyMap<string, ConfigSource>;
  /** Things the operator should know, e.g. PyKMIP options that were ignored. */
  readonly warnings: readonly string[];
}

function envLayer(env: Readonly<Record<string, string | undefined>>, cwd: string): ConfigLayer {
  const layer: ConfigLayer = new Map();
  for (const def of SETTINGS) {
    const raw = env[def.env];
    if (raw === undefined || raw === '') continue;
    const source: ConfigSource = { kind: 'env', name: def.env };
    let value: unknown;
    try {
      value = def.parse(raw, 'text');
    } catch (cause) {
      if (cause instanceof InvalidValue)
        throw new ConfigError(def.path, source, cause.message, { cause });
      throw cause;
    }
    layer.set(def.path, { value: def.isPath ? resolvePath(cwd, value as string) : value, source });
  }
  return layer;
}

async function readConfigFile(path: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    if (!required && (cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigFileError(path, { cause });
  }
}

/** config.toml's settings, and its `[access]` tables (checked) when present. */
function tomlLayer(text: string, path: string): { layer: ConfigLayer; access?: AccessConfig } {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (cause) {
    if (cause instanceof TomlError) {
      const problem = cause.message.split('\n')[0] ?? 'invalid TOML';
      throw new ConfigParseError(path, cause.line, cause.column, problem, { cause });
    }
    throw cause;
  }
  const { access, ...settings } = doc;
  const layer = readObjectSource(settings, {
    sourceOf: () => ({ kind: 'file', path }),
    base: dirname(path),
    stringsAreText: false,
  });
  return access === undefined
    ? { layer }
    : { layer, access: parseAccessConfig(access, { kind: 'file', path }) };
}

function formatOf(path: string): 'toml' | 'pykmip' {
  return ['.conf', '.ini', '.cfg'].includes(extname(path).toLowerCase()) ? 'pykmip' : 'toml';
}

/**
 * Loads and validates the server configuration.
 * @throws KW_CONFIG_INVALID naming the setting, its source and the reason; KW_CONFIG_FILE when
 * a named config file cannot be read; KW_CONFIG_PARSE for a file that is not valid TOML or INI.
 * @example
 * const { config } = await loadServerConfig({ flags: { kmip: { port: '5697' } } });
 */
export async function loadServerConfig(
  options: LoadServerConfigOptions = {},
): Promise<LoadedServerConfig> {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  const flags = readObjectSource(options.flags ?? {}, {
    sourceOf: (name) => ({ kind: 'flag', name }),
    base: cwd,
    stringsAreText: true,
  });
  const fromEnv = envLayer(env, cwd);

  const envFile = env[CONFIG_FILE_ENV];
  const named = options.file ?? (envFile !== undefined && envFile !== '' ? envFile : undefined);
  const earlyDataDir =
    (flags.get('dataDir')?.value as string | undefined) ??
    (fromEnv.get('dataDir')?.value as string | undefined) ??
    resolve(cwd, '.keywarden');
  const filePath = named !== undefined ? resolve(cwd, named) : join(earlyDataDir, CONFIG_FILE_NAME);
  const text = await readConfigFile(filePath, named !== undefined);

  const warnings: string[] = [];
  let file: LoadedServerConfig['file'];
  let fromFile: ConfigLayer = new Map();
  let extras: { access?: AccessConfig } = {};
  if (text !== undefined) {
    const format = options.format ?? formatOf(filePath);
    file = { path: filePath, format };
    if (format === 'pykmip') {
      const read = readPykmipServerConf(text, filePath, cwd);
      fromFile = read.layer;
      warnings.push(...read.warnings);
    } else {
      const read = tomlLayer(text, filePath);
      fromFile = read.layer;
      if (read.access !== undefined) extras = { access: read.access };
    }
  }

  const merged: ConfigLayer = new Map([...fromFile, ...fromEnv, ...flags]);
  const dataDir =
    (merged.get('dataDir')?.value as string | undefined) ?? resolve(cwd, '.keywarden');
  const values = new Map<string, unknown>();
  const sources = new Map<string, ConfigSource>();
  for (const def of SETTINGS) {
    const set = merged.get(def.path);
    const fallback = def.fallback;
    const value =
      set !== undefined
        ? set.value
        : fallback === undefined
          ? undefined
          : 'underDataDir' in fallback
            ? join(dataDir, fallback.underDataDir)
            : def.path === 'dataDir'
              ? dataDir
              : fallback.value;
    if (value === undefined) continue;
    values.set(def.path, value);
    sources.set(def.path, set?.source ?? { kind: 'default' });
  }
  const config = { ...buildConfig(values), ...extras };
  if (config.auth?.plugins.includes('slugs') === true && config.auth.slugsUrls.length === 0) {
    throw new ConfigError(
      'auth.slugsUrls',
      sources.get('auth.plugins') ?? { kind: 'default' },
      'auth.plugins lists slugs, so at least one SLUGS URL is needed',
    );
  }
  const certifyCa = ['pki.certifyCaCert', 'pki.certifyCaKey'] as const;
  const [setCa, unsetCa] = [
    certifyCa.find((p) => values.has(p)),
    certifyCa.find((p) => !values.has(p)),
  ];
  if (setCa !== undefined && unsetCa !== undefined) {
    throw new ConfigError(
      unsetCa,
      sources.get(setCa) ?? { kind: 'default' },
      `${setCa} is set, so ${unsetCa} is needed too (the Certify CA is a certificate and its key)`,
    );
  }
  return { config, file, sources, warnings };
}

/** Assembles a ServerConfig from checked values by path. */
function buildConfig(values: ReadonlyMap<string, unknown>): ServerConfig {
  const get = <T>(path: string): T => values.get(path) as T;
  const policyDir = get<string | undefined>('policyDir');
  const slugsCaFile = get<string | undefined>('auth.slugsCaFile');
  const certifyCaCert = get<string | undefined>('pki.certifyCaCert');
  const certifyCaKey = get<string | undefined>('pki.certifyCaKey');
  return {
    dataDir: get('dataDir'),
    kmip: {
      host: get('kmip.host'),
      port: get('kmip.port'),
      certFile: get('kmip.certFile'),
      keyFile: get('kmip.keyFile'),
      caFile: get('kmip.caFile'),
      tlsCipherSuites: get('kmip.tlsCipherSuites'),
      tlsMinVersion: get('kmip.tlsMinVersion'),
      enableTlsClientAuth: get('kmip.enableTlsClientAuth'),
      maxMessageSize: get('kmip.maxMessageSize'),
      idleTimeoutMs: get('kmip.idleTimeoutMs'),
      maxConnections: get('kmip.maxConnections'),
      attributeListing: get('kmip.attributeListing'),
      defaultLeaseTime: get('kmip.defaultLeaseTime'),
    },
    store: { backend: get('store.backend'), path: get('store.path') },
    crypto: {
      allowLegacy: get('crypto.allowLegacy'),
      minSecurityBits: get('crypto.minSecurityBits'),
      allowedAlgorithms: get('crypto.allowedAlgorithms'),
    },
    masterKeyFile: get('masterKeyFile'),
    logLevel: get('logLevel'),
    logFormat: get('logFormat'),
    ...(policyDir !== undefined && { policyDir }),
    ...(certifyCaCert !== undefined &&
      certifyCaKey !== undefined && { pki: { certifyCaCert, certifyCaKey } }),
    auth: {
      plugins: get('auth.plugins'),
      slugsUrls: get('auth.slugsUrls'),
      slugsTimeoutMs: get('auth.slugsTimeoutMs'),
      slugsCacheTtlMs: get('auth.slugsCacheTtlMs'),
      ...(slugsCaFile !== undefined && { slugsCaFile }),
    },
  };
}
