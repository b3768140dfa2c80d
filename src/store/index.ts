// Public entry of src/store: durable managed objects behind one ObjectStore interface.
export {
  StoreClosedError,
  StoreConflictError,
  StoreFailedError,
  StoreMasterKeyError,
  StoreMasterKeyMismatchError,
  StoreMaterialError,
  StoreMigrationError,
  StoreNotFoundError,
  StoreOpenError,
  StoreSchemaTooNewError,
  StoreUnitEndedError,
  StoreUserExistsError,
  StoreUserNotFoundError,
  StoreValueError,
  StoreWriteError,
} from './errors.ts';
export type { MasterKeyProblem } from './errors.ts';
export { loadMasterKey, loadOrCreateMasterKey, MASTER_KEY_LENGTH } from './master-key.ts';
export type { MasterKey } from './master-key.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export type { ObjectStore, StoreUnit } from './object-store.ts';
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
export {
  GENESIS_HASH,
  canonicalAuditForm,
  type AuditEntry,
  type AuditRecord,
} from './audit-chain.ts';
export type { AuditLog } from './audit-log.ts';
export type { AuditProblem, AuditVerification } from './audit-verify.ts';
export { openSqliteSecurityStore, type SecurityStore } from './security-store.ts';
export type { LocalUser, UserStore } from './user-store.ts';
