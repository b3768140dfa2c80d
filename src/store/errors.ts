import { KeywardenError } from '../errors.ts';

/** No object with this Unique Identifier is stored. */
export class StoreNotFoundError extends KeywardenError {
  readonly code = 'KW_STORE_NOT_FOUND';
  readonly objectId: string;

  constructor(objectId: string) {
    super(`object ${JSON.stringify(objectId)} not found`);
    this.objectId = objectId;
  }
}

/** A write collides with stored data: the id already exists, or the revision moved on. */
export class StoreConflictError extends KeywardenError {
  readonly code = 'KW_STORE_CONFLICT';
  readonly objectId: string;
  /** What collided: an existing id, or an `expectedRevision` that is no longer current. */
  readonly reason: 'duplicate-id' | 'revision';

  constructor(
    objectId: string,
    reason: 'duplicate-id' | 'revision',
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'duplicate-id'
        ? `object ${JSON.stringify(objectId)} already exists`
        : `object ${JSON.stringify(objectId)} was changed by another writer`,
      options,
    );
    this.objectId = objectId;
    this.reason = reason;
  }
}

/** A value handed to the store cannot be stored (bad field, unencodable attribute value). */
export class StoreValueError extends KeywardenError {
  readonly code = 'KW_STORE_VALUE';
  /** Where the bad value sits, e.g. `attributes[2].value.items[0]` or `limit`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
  }
}

/** The database was written by a newer Keywarden whose schema this code does not know. */
export class StoreSchemaTooNewError extends KeywardenError {
  readonly code = 'KW_STORE_SCHEMA_TOO_NEW';
  readonly databaseVersion: number;
  readonly supportedVersion: number;

  constructor(databaseVersion: number, supportedVersion: number) {
    super(
      `database schema version ${databaseVersion} is newer than this Keywarden supports ` +
        `(${supportedVersion}); upgrade Keywarden or restore a matching backup`,
    );
    this.databaseVersion = databaseVersion;
    this.supportedVersion = supportedVersion;
  }
}

/** A schema migration failed; the database stays at the last version that applied fully. */
export class StoreMigrationError extends KeywardenError {
  readonly code = 'KW_STORE_MIGRATION';
  readonly version: number;

  constructor(version: number, options: { cause: unknown }) {
    super(`schema migration to version ${version} failed`, options);
    this.version = version;
  }
}

/** What is wrong with a master key file. */
export type MasterKeyProblem = 'missing' | 'permissions' | 'length' | 'not-a-file' | 'io';

/** The master key file is missing, unreadable, too open, or not exactly 32 bytes. */
export class StoreMasterKeyError extends KeywardenError {
  readonly code = 'KW_STORE_MASTER_KEY';
  readonly path: string;
  readonly reason: MasterKeyProblem;

  constructor(
    path: string,
    reason: MasterKeyProblem,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`master key file ${path}: ${detail}`, options);
    this.path = path;
    this.reason = reason;
  }
}

/** The master key is not the one this database was first opened with. */
export class StoreMasterKeyMismatchError extends KeywardenError {
  readonly code = 'KW_STORE_MASTER_KEY_MISMATCH';

  constructor() {
    super('the master key does not match this database (wrong master.key file?)');
  }
}

/** The store was closed; no further reads or writes are accepted. */
export class StoreClosedError extends KeywardenError {
  readonly code = 'KW_STORE_CLOSED';

  constructor() {
    super('the object store is closed');
  }
}

/** The database could not be opened or configured (path, locking, journal mode). */
export class StoreOpenError extends KeywardenError {
  readonly code = 'KW_STORE_OPEN';
  readonly path: string;

  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(`cannot open store ${path}: ${detail}`, options);
    this.path = path;
  }
}

/** The database rejected a write or commit for a reason other than a conflict (I/O, disk full). */
export class StoreWriteError extends KeywardenError {
  readonly code = 'KW_STORE_WRITE';

  constructor(detail: string, options: { cause: unknown }) {
    super(detail, options);
  }
}

/**
 * An fsync of the write-ahead log failed earlier: the store refuses every further write and
 * unit until the process restarts (SQLite then recovers what reached the disk).
 */
export class StoreFailedError extends KeywardenError {
  readonly code = 'KW_STORE_FAILED';

  constructor(options: { cause: unknown }) {
    super(
      'the store failed to make writes durable (fsync failed) and takes no more requests; restart it',
      options,
    );
  }
}

/** A write or audit record was given to a request's unit after it ended (a caller bug). */
export class StoreUnitEndedError extends KeywardenError {
  readonly code = 'KW_STORE_UNIT_ENDED';

  constructor() {
    super('the unit of work has ended; its transaction no longer takes writes');
  }
}

/** Stored material could not be decrypted for this object (corrupt or moved ciphertext). */
export class StoreMaterialError extends KeywardenError {
  readonly code = 'KW_STORE_MATERIAL';
  readonly objectId: string;

  constructor(objectId: string, options: { cause: unknown }) {
    super(`stored key material of object ${JSON.stringify(objectId)} failed to decrypt`, options);
    this.objectId = objectId;
  }
}

/** `keywarden user add` for a name that already exists. */
export class StoreUserExistsError extends KeywardenError {
  readonly code = 'KW_STORE_USER_EXISTS';
  readonly userName: string;

  constructor(userName: string) {
    super(`user ${JSON.stringify(userName)} already exists`);
    this.userName = userName;
  }
}

/** No local user of this name. */
export class StoreUserNotFoundError extends KeywardenError {
  readonly code = 'KW_STORE_USER_NOT_FOUND';
  readonly userName: string;

  constructor(userName: string) {
    super(`user ${JSON.stringify(userName)} not found`);
    this.userName = userName;
  }
}
