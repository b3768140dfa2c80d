/**
 * The start shared by `serve` and `init`: load the configuration from flags, env vars and
 * file, then prepare the data folder, reporting warnings on stderr.
 */
import { loadServerConfig, type LoadedServerConfig } from '../../config/index.ts';
import { initDataDir, type InitDataDirResult } from '../../server/bootstrap/index.ts';
import type { CliIo } from '../io.ts';
import { toLoadOptions, type ServerCliOptions } from '../server-flags.ts';

/** The loaded configuration and the prepared data folder. */
export interface SetupResult {
  readonly loaded: LoadedServerConfig;
  readonly init: InitDataDirResult;
}

/**
 * Loads the configuration and prepares the data folder.
 * @throws KW_CONFIG_* for an invalid configuration; KW_BOOTSTRAP_*, KW_PKI_*, KW_STORE_* from the set-up.
 */
export async function setUpServer(options: ServerCliOptions, io: CliIo): Promise<SetupResult> {
  const loaded = await loadServerConfig(
    toLoadOptions(options, io, (warning) => io.stderr.write(`keywarden: warning: ${warning}\n`)),
  );
  for (const warning of loaded.warnings) io.stderr.write(`keywarden: warning: ${warning}\n`);
  // A config file named elsewhere (--config, KEYWARDEN_CONFIG) is the configuration; a second
  // one in the data folder would silently take over the day that flag is forgotten.
  const init = await initDataDir(loaded.config, { writeConfigFile: loaded.file === undefined });
  for (const warning of init.warnings) io.stderr.write(`keywarden: warning: ${warning}\n`);
  return { loaded, init };
}
