/**
 * First-start set-up of the data folder (ARCHITECTURE.md "Data folder"): the folder itself
 * (mode 0700), a development PKI, the master key (0600), a commented config.toml and the
 * SQLite database. Whatever exists is reused; an existing file is never regenerated.
 */
import { chmod, mkdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  CONFIG_FILE_NAME,
  loadServerConfig,
  writeDefaultConfigToml,
  type ServerConfig,
} from '../../config/index.ts';
import {
  DEV_PKI_FILES,
  ensureDevPkiInChildProcess,
  type DevPki,
  type DevPkiOptions,
} from '../../pki/index.ts';
import { loadOrCreateMasterKey, openSqliteStore } from '../../store/index.ts';
import { DataDirError, MasterKeyMissingError } from './errors.ts';

/** Mode of the data folder and of folders created for its files: owner only. */
export const DATA_DIR_MODE = 0o700;

/** Name of the development PKI folder inside the data folder. */
export const PKI_DIR_NAME = 'pki';

/** Where the data folder's parts are, every path absolute. */
export interface DataDirPaths {
  readonly dataDir: string;
  /** `<dataDir>/config.toml` when it exists after the call, else undefined. */
  readonly configFile: string | undefined;
  readonly masterKeyFile: string;
  readonly database: string;
  /** The development PKI files, when the configuration uses any of them; else undefined. */
  readonly pki: DevPki['paths'] | undefined;
}

/** What {@link initDataDir} found and did. */
export interface InitDataDirResult {
  /** Absolute paths of the folders and files this call created, in creation order. */
  readonly created: readonly string[];
  readonly paths: DataDirPaths;
  /** Things the operator should fix, e.g. a data folder readable by others. */
  readonly warnings: readonly string[];
}

/** Options of {@link initDataDir}. */
export interface InitDataDirOptions {
  /**
   * Write `<dataDir>/config.toml` when it is missing (default true). The CLI passes false when
   * the configuration came from a file elsewhere (`--config`), so two files do not compete.
   */
  readonly writeConfigFile?: boolean;
  /** Passed to ensureDevPki (key algorithm, admin CN, clock). */
  readonly devPki?: DevPkiOptions;
}

const isPosix = process.platform !== 'win32';

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataDirError(path, 'inaccessible', { cause });
  }
}

/** Creates `path` (and missing parents) with mode 0700; returns whether it was created. */
async function ensureDir(path: string): Promise<boolean> {
  const found = await statOrUndefined(path);
  if (found !== undefined) {
    if (!found.isDirectory()) throw new DataDirError(path, 'not-a-directory');
    return false;
  }
  try {
    await mkdir(path, { recursive: true, mode: DATA_DIR_MODE });
    // mkdir applies the umask; set the mode exactly.
    await chmod(path, DATA_DIR_MODE);
  } catch (cause) {
    throw new DataDirError(path, 'cannot-create', { cause });
  }
  return true;
}

/** Whether the listener is configured with any file of the development PKI. */
function usesDevPki(config: ServerConfig, pkiDir: string): boolean {
  return (
    resolve(config.kmip.certFile) === join(pkiDir, DEV_PKI_FILES.serverCert) ||
    resolve(config.kmip.keyFile) === join(pkiDir, DEV_PKI_FILES.serverKey) ||
    resolve(config.kmip.caFile) === join(pkiDir, DEV_PKI_FILES.caCert)
  );
}

/**
 * Writes `<dataDir>/config.toml` with every setting at its default for this data folder.
 * Flags and env vars are per-run choices, so they are not baked in: a first start with
 * `--port 0` must not make every later start pick a random port.
 */
async function writeConfigFile(dataDir: string): Promise<{ path: string; written: boolean }> {
  const path = join(dataDir, CONFIG_FILE_NAME);
  if ((await statOrUndefined(path)) !== undefined) return { path, written: false };
  const { config: defaults } = await loadServerConfig({
    env: {},
    flags: { dataDir },
    cwd: dataDir,
  });
  const { written } = await writeDefaultConfigToml(defaults, { path });
  return { path, written };
}

/**
 * Prepares the data folder for `config`, creating what is missing: the folder (0700); the
 * development PKI in `<dataDir>/pki` when the listener uses its files (CA, server certificate
 * for localhost/127.0.0.1/::1, admin client certificate); the master key (0600); the
 * commented `config.toml`; the SQLite database, opened once so its schema and master-key
 * check are in place. A second call finds everything and creates nothing.
 * @throws KW_BOOTSTRAP_DATA_DIR, KW_BOOTSTRAP_MASTER_KEY_MISSING; KW_PKI_* from the PKI,
 * KW_STORE_* from the master key and the database, KW_CONFIG_FILE from writing config.toml.
 * @example
 * const { created, paths } = await initDataDir(config);
 */
export async function initDataDir(
  config: ServerConfig,
  options: InitDataDirOptions = {},
): Promise<InitDataDirResult> {
  const dataDir = resolve(config.dataDir);
  const masterKeyFile = resolve(config.masterKeyFile);
  const database = resolve(config.store.path);
  const created: string[] = [];
  const warnings: string[] = [];

  if (await ensureDir(dataDir)) {
    created.push(dataDir);
  } else {
    const mode = (await stat(dataDir)).mode & 0o777;
    if (isPosix && (mode & 0o077) !== 0) {
      const octal = mode.toString(8).padStart(4, '0');
      warnings.push(`data folder ${dataDir} has mode ${octal}; chmod 700 keeps it private`);
    }
  }

  const pkiDir = join(dataDir, PKI_DIR_NAME);
  let pki: DevPki['paths'] | undefined;
  if (usesDevPki(config, pkiDir)) {
    // A new PKI is made in a child process: this one stays free of the X.509 library (issue #9).
    const devPki = await ensureDevPkiInChildProcess(pkiDir, options.devPki);
    pki = devPki.paths;
    created.push(...devPki.created.map((file) => devPki.paths[file]));
  }

  // Never generate a key for a database that already holds material sealed under another.
  const databaseFound = await statOrUndefined(database);
  if ((await statOrUndefined(masterKeyFile)) === undefined && (databaseFound?.size ?? 0) > 0) {
    throw new MasterKeyMissingError(masterKeyFile, database);
  }
  if (await ensureDir(dirname(masterKeyFile))) created.push(dirname(masterKeyFile));
  const { key, created: keyCreated } = await loadOrCreateMasterKey(masterKeyFile);
  if (keyCreated) created.push(masterKeyFile);

  let configFile: string | undefined;
  if (options.writeConfigFile ?? true) {
    const written = await writeConfigFile(dataDir);
    configFile = written.path;
    if (written.written) created.push(written.path);
  } else {
    const path = join(dataDir, CONFIG_FILE_NAME);
    configFile = (await statOrUndefined(path)) === undefined ? undefined : path;
  }

  if (await ensureDir(dirname(database))) created.push(dirname(database));
  const store = await openSqliteStore({ path: database, masterKey: key });
  await store.close();
  if (databaseFound === undefined) created.push(database);

  return {
    created,
    paths: { dataDir, configFile, masterKeyFile, database, pki },
    warnings,
  };
}
