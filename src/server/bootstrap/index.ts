/** Public entry of the data-folder bootstrap: what `keywarden init` and a first `serve` do. */
export { DataDirError, MasterKeyMissingError } from './errors.ts';
export {
  DATA_DIR_MODE,
  PKI_DIR_NAME,
  initDataDir,
  type DataDirPaths,
  type InitDataDirOptions,
  type InitDataDirResult,
} from './init-data-dir.ts';
