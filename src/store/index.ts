// Public entry of src/store: durable managed objects behind one ObjectStore interface.
export {
  StoreClosedError,
  StoreConflictError,
  StoreMasterKeyError,
  StoreMasterKeyMismatchError,
  StoreMaterialError,
  StoreMigrationError,
  StoreNotFoundError,
  StoreOpenError,
  StoreSchemaTooNewError,
  StoreValueError,
  StoreWriteError,
} from './errors.ts';
export type { MasterKeyProblem } from './errors.ts';
export { loadMasterKey, loadOrCreateMasterKey, MASTER_KEY_LENGTH } from './master-key.ts';
export type { MasterKey } from './master-key.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export type { ObjectStore } from './object-store.ts';
export { openSqliteStore } from './sqlite-store.ts';
export type { SqliteStoreOptions } from './sqlite-store.ts';
export { OBJECT_STATES } from './types.ts';
export type {
  AttributeFilter,
  DateRange,
  NewStoredObject,
  ObjectPatch,
  ObjectQuery,
  ObjectState,
  StoredAttribute,
  StoredObject,
  StoredObjectMetadata,
  StoreStats,
  WriteOp,
  WriteResult,
} from './types.ts';
