/** Public entry of src/config: the server configuration model and its loading. */
export {
  ROLE_OWNER_SCOPES,
  parseAccessConfig,
  type AccessConfig,
  type AccessRoleConfig,
  type AccessTenantConfig,
  type RoleAttributeValue,
  type RoleOwnerScope,
} from './access-config.ts';
export {
  ConfigError,
  ConfigFileError,
  ConfigParseError,
  describeSource,
  type ConfigSource,
} from './errors.ts';
export { parseIni, getIniValue, type IniDocument } from './ini-parser.ts';
export {
  CONFIG_FILE_ENV,
  CONFIG_FILE_NAME,
  loadServerConfig,
  type LoadServerConfigOptions,
  type LoadedServerConfig,
  type ServerConfigFlags,
} from './load-config.ts';
export { readPykmipServerConf } from './pykmip-conf.ts';
export { renderConfigToml, writeDefaultConfigToml } from './render-toml.ts';
export {
  ATTRIBUTE_LISTINGS,
  type AttributeListing,
  LOG_FORMATS,
  AUTH_PLUGINS,
  type AuthConfig,
  type AuthPluginName,
  LOG_LEVELS,
  STORE_BACKENDS,
  type CryptoConfig,
  DEFAULT_LEASE_TIME_SECONDS,
  type KmipListenerConfig,
  type LogFormat,
  type LogLevel,
  type PkiConfig,
  type ServerConfig,
  type StoreBackend,
  type StoreConfig,
} from './server-config.ts';
export { SETTINGS, type ConfigLayer, type SettingDef } from './settings.ts';
