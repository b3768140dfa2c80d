/**
 * How the `audit` and `user` commands find the database: the same configuration as `serve`
 * (--config, --home, --db, --master-key, env vars, config file), an existing database only.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadServerConfig } from '../config/index.ts';
import { loadMasterKey, openSqliteSecurityStore, type SecurityStore } from '../store/index.ts';
import { CliInputError } from './errors.ts';
import type { CliIo } from './io.ts';
import { SERVER_FLAGS, toLoadOptions, type ServerCliOptions } from './server-flags.ts';

const LOCATION_SETTINGS = ['dataDir', 'store.path', 'masterKeyFile'];

/** Adds --config, --home, --db and --master-key to a command. */
export function addStoreLocationFlags(command: Command): Command {
  command.option('--config <file>', 'configuration file (as for serve)');
  for (const flag of SERVER_FLAGS) {
    if (LOCATION_SETTINGS.includes(flag.setting)) command.option(flag.flags, flag.description);
  }
  return command;
}

/**
 * Opens the audit log and user table of the configured database.
 * @throws CliInputError (KW_CLI_INPUT) when the database does not exist; KW_CONFIG_*, KW_STORE_*.
 */
export async function openConfiguredSecurityStore(
  options: ServerCliOptions,
  io: CliIo,
): Promise<SecurityStore> {
  const { config } = await loadServerConfig(toLoadOptions(options, io));
  if (!existsSync(config.store.path)) {
    throw new CliInputError(config.store.path, 'no database here (run keywarden init first)');
  }
  const masterKey = await loadMasterKey(config.masterKeyFile);
  return openSqliteSecurityStore({ path: config.store.path, masterKey });
}
