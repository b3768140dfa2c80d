/**
 * The managed-object service, bound to one caller for one request message: creates objects
 * with the server-maintained attributes, fetches them with the access check, applies
 * lifecycle events and attribute edits as one compare-and-set write, and finds objects the
 * caller may see. Operations (src/server/operations/*) reach the store only through it.
 */
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import { enumValueByName, existsInVersion } from '../../kmip/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import {
  StoreConflictError,
  StoreNotFoundError,
  type ObjectQuery,
  type NewStoredObject,
  type ObjectState,
  type StoredObjectMetadata,
  type WriteOp,
} from '../../store/index.ts';
import type { AccessPolicy, ClientIdentity, OperationName } from './access-policy.ts';
import { applyAttributeEdit, type AttributeEdit } from './attribute-edits.ts';
import { followUpEdits } from './maintained-attributes.ts';
import {
  accessDenied,
  concurrentChange,
  objectAlreadyExists,
  objectNotFound,
} from './object-errors.ts';
import {
  attributeValue,
  toMetadataRecord,
  toRecord,
  toStoredAttributes,
  type IndexedAttribute,
  type ManagedObjectMetadata,
  type ManagedObjectRecord,
} from './object-record.ts';
import type { ObjectSession } from './object-session.ts';
import { buildNewObject } from './new-object.ts';
import { decodeObjectMaterial } from './object-material.ts';
import { buildImportedObject, type ImportedManagedObject } from './import-object.ts';
import { loadCertificateNameReader } from '../../pki/index.ts';
import { assertTransition, stateAt, type LifecycleEvent } from './state-machine.ts';

/** A new object for `ManagedObjects.create`. */
export interface NewManagedObject {
  /** A preassigned Unique Identifier (from `nextId`), when objects must name each other. */
  readonly id?: string;
  /** The object with its key material. */
  readonly object: ManagedObject;
  /** The client's attributes, already checked (see `checkClientAttributes`). */
  readonly attributes: readonly Attribute[];
  /**
   * Attributes the operation sets as the server (a generated key's algorithm and length, the
   * Links of a key pair); they replace client instances of the same name.
   */
  readonly serverAttributes?: readonly Attribute[];
  /**
   * The client supplied the object (Register): the server does not know when it was first
   * created, so it sets no Original Creation Date (KMIP 1.4 §3.43: set by the client, or by
   * the server when it generates the object).
   */
  readonly isClientSupplied?: boolean;
}

/** Changes to one object, written together. */
export interface ObjectChange {
  /** A lifecycle event; the state machine decides the new state or refuses. */
  readonly event?: LifecycleEvent;
  /** Attribute edits, applied in order. */
  readonly edits?: readonly AttributeEdit[];
  /** Erase the key material (Destroy); the metadata stays. */
  readonly destroyMaterial?: boolean;
  /**
   * Server bookkeeping that is not a change of the object (clearing Fresh when it is first
   * served): Last Change Date stays as it is.
   */
  readonly isBookkeeping?: boolean;
}

/** The managed-object service as one caller sees it. */
export interface ManagedObjects {
  /** Who is asking. */
  readonly identity: ClientIdentity;
  /** The protocol version of the request (for version-dependent errors). */
  readonly version: KmipVersionName;
  /** A fresh Unique Identifier, for objects that must name each other before they exist. */
  nextId(): string;
  /**
   * Stores new objects, owned by the caller, in one atomic write: Unique Identifier, Object
   * Type, State (Pre-Active, or Active when the Activation Date has passed), Initial Date,
   * Last Change Date, Original Creation Date, Fresh, Operation Policy Name `default` and
   * Digest are set by the server.
   */
  create(objects: readonly NewManagedObject[]): Promise<ManagedObjectRecord[]>;
  /**
   * The object, when the caller may run `operation` on it.
   * @throws KmipResultError Item Not Found (2.1: Object Not Found), Permission Denied.
   */
  getForOperation(id: string, operation: OperationName): Promise<ManagedObjectRecord>;
  /**
   * As `getForOperation`, without the object's key material: nothing is decrypted (Locate
   * reads its candidates this way).
   * @throws KmipResultError Item Not Found (2.1: Object Not Found), Permission Denied.
   */
  getMetadataForOperation(id: string, operation: OperationName): Promise<ManagedObjectMetadata>;
  /**
   * Applies `change` to an object read by `getForOperation` as one compare-and-set write,
   * and sets Last Change Date. Returns the object as written.
   * @throws KmipResultError for a forbidden lifecycle event (Wrong Key Lifecycle State /
   *   Permission Denied), a missing attribute instance, or a concurrent change (General Failure).
   */
  update(record: ManagedObjectRecord, change: ObjectChange): Promise<ManagedObjectRecord>;
  /**
   * As `update`, for an object read by `getMetadataForOperation`: lifecycle operations that
   * never use the key material (Activate, Revoke, Destroy) neither read nor decrypt it
   * (issue #9). Returns the object's metadata as written.
   */
  updateMetadata(
    record: ManagedObjectMetadata,
    change: ObjectChange,
  ): Promise<ManagedObjectMetadata>;
  /**
   * Stores an imported object under the identifier the client gave, owned by the caller, with
   * exactly the attributes given (import-object.ts); with `replaceExisting` it takes the
   * place of the object that has the identifier, in one atomic write (compare-and-set on the
   * replaced object). Import is refused unless the access policy allows `Import` on the new
   * object (with the caller as owner) and, when replacing, on the object replaced: no built-in
   * policy does, so only roles that grant it (config `[access]`) can import.
   * @throws KmipResultError Permission Denied, Object Already Exists, General Failure (a
   *   concurrent change).
   */
  importObject(spec: ImportedManagedObject): Promise<ManagedObjectRecord>;
  /**
   * Ids of the objects matching `query` that the caller may run `operation` on (Locate). The
   * access check reads each candidate's metadata only (owner, object type, Operation Policy
   * Name): no key material is read or decrypted.
   */
  find(query: ObjectQuery, operation: OperationName): Promise<string[]>;
  /**
   * As `find`, with the metadata each access check read (state as of now): a Locate that
   * checks more on each candidate needs no second read of it.
   */
  findMetadata(query: ObjectQuery, operation: OperationName): Promise<ManagedObjectMetadata[]>;
}

/** What the service needs for one request message. */
export interface ManagedObjectsOptions {
  readonly session: ObjectSession;
  readonly identity: ClientIdentity;
  readonly version: KmipVersionName;
  readonly authorize: AccessPolicy;
  /** The clock, whole seconds (KMIP Date-Time has no fraction). */
  readonly now: () => Date;
  /** Lease Time in seconds for new cryptographic objects (`kmip.defaultLeaseTime`); none when absent. */
  readonly defaultLeaseTime?: number;
}

/**
 * True when the request's version defines the object's type. Objects of other types (a
 * Template, KMIP 1.x only; a PGP Key, 1.2+) do not exist for that client: reading one answers
 * Item Not Found and Locate never returns it, as its response could not even encode it.
 */
function isTypeOfVersion(objectType: string, version: KmipVersionName): boolean {
  const entry = enumValueByName('ObjectType', objectType);
  return entry === undefined || existsInVersion(entry, version);
}

function datesOf(attributes: readonly IndexedAttribute[]) {
  const activation = attributeValue({ attributes }, 'ActivationDate');
  const deactivation = attributeValue({ attributes }, 'DeactivationDate');
  return {
    activationDate: activation instanceof Date ? activation : undefined,
    deactivationDate: deactivation instanceof Date ? deactivation : undefined,
  };
}

/**
 * The record of an object just built for the store. Its `object` is decoded from the stored
 * material only when read: most callers (Create) need just the id, and decoding is a TTLV
 * parse per object (issue #9).
 */
function newRecord(built: NewStoredObject, at: Date): ManagedObjectRecord {
  const metadata = toMetadataRecord({ ...built, createdAt: at, updatedAt: at, revision: 1 }, at);
  const { material } = built;
  let object: ManagedObject | undefined;
  return {
    ...metadata,
    get object() {
      if (material !== null) object ??= decodeObjectMaterial(material);
      return object;
    },
  };
}

/** Creates the service for one caller and one session. */
export function createManagedObjects(options: ManagedObjectsOptions): ManagedObjects {
  const { session, identity, version, authorize, now } = options;
  const settings =
    options.defaultLeaseTime === undefined ? {} : { defaultLeaseTime: options.defaultLeaseTime };

  const isAllowed = (stored: StoredObjectMetadata, operation: OperationName): boolean => {
    const policyName = stored.attributes.find((a) => a.name === 'OperationPolicyName')?.value;
    return authorize({
      identity,
      operation,
      object: {
        id: stored.id,
        objectType: stored.objectType,
        owner: stored.owner,
        operationPolicyName: typeof policyName === 'string' ? policyName : undefined,
        attributes: stored.attributes,
      },
    });
  };

  // Locate's result path: the candidates the caller may see, each read once (metadata only).
  const findAllowed = async (
    query: ObjectQuery,
    operation: OperationName,
  ): Promise<StoredObjectMetadata[]> => {
    const ids = await session.find(query);
    const allowed: StoredObjectMetadata[] = [];
    for (const id of ids) {
      const stored = await session.readMetadata(id);
      if (
        stored !== undefined &&
        isTypeOfVersion(stored.objectType, version) &&
        isAllowed(stored, operation)
      ) {
        allowed.push(stored);
      }
    }
    return allowed;
  };

  const write = async (id: string, ops: readonly WriteOp[]): Promise<void> => {
    try {
      await session.write(ops);
    } catch (error) {
      if (error instanceof StoreConflictError && error.reason === 'revision') {
        throw concurrentChange(id);
      }
      if (error instanceof StoreNotFoundError) throw objectNotFound(version, id);
      throw error;
    }
  };

  // One compare-and-set write of `change` to an object read at `record.revision`.
  const applyChange = async (
    record: ManagedObjectMetadata,
    change: ObjectChange,
  ): Promise<ManagedObjectMetadata> => {
    const at = now();
    let attributes: IndexedAttribute[] = [...record.attributes];
    for (const edit of change.edits ?? []) attributes = applyAttributeEdit(attributes, edit);
    for (const edit of followUpEdits(attributes)) {
      attributes = applyAttributeEdit(attributes, edit);
    }
    let state: ObjectState = record.state;
    if (change.event !== undefined) state = assertTransition(state, change.event, version);
    state = stateAt(state, datesOf(attributes), at);
    if (change.isBookkeeping !== true) {
      attributes = applyAttributeEdit(attributes, {
        op: 'set',
        name: 'LastChangeDate',
        value: at,
      });
    }
    const stored = toStoredAttributes(attributes);
    await write(record.id, [
      {
        op: 'update',
        id: record.id,
        patch: {
          state,
          attributes: stored,
          expectedRevision: record.revision,
          ...(change.destroyMaterial === true ? { material: null } : {}),
        },
      },
    ]);
    const written: StoredObjectMetadata = {
      id: record.id,
      objectType: record.objectType,
      state,
      owner: record.owner,
      createdAt: at,
      updatedAt: at,
      revision: record.revision + 1,
      attributes: stored,
    };
    return toMetadataRecord(written, at);
  };

  return {
    identity,
    version,
    nextId: () => session.nextId(),

    async create(objects) {
      // Certificates get name attributes read with the X.509 library, loaded only when one
      // comes: a server that never sees one does not hold it in memory (issue #9).
      const readCertificateNames = objects.some((spec) => spec.object.kind === 'Certificate')
        ? await loadCertificateNameReader()
        : undefined;
      const at = now();
      const built = objects.map((spec) =>
        buildNewObject(spec, {
          id: spec.id ?? session.nextId(),
          owner: identity.name,
          now: at,
          settings,
          ...(readCertificateNames !== undefined && { readCertificateNames }),
        }),
      );
      await session.write(built.map((object) => ({ op: 'create', object }) as const));
      return built.map((object) => newRecord(object, at));
    },

    async getForOperation(id, operation) {
      const stored = await session.read(id);
      if (stored === undefined || !isTypeOfVersion(stored.objectType, version)) {
        throw objectNotFound(version, id);
      }
      if (!isAllowed(stored, operation)) throw accessDenied(id, operation);
      return toRecord(stored, now());
    },

    async getMetadataForOperation(id, operation) {
      const stored = await session.readMetadata(id);
      if (stored === undefined || !isTypeOfVersion(stored.objectType, version)) {
        throw objectNotFound(version, id);
      }
      if (!isAllowed(stored, operation)) throw accessDenied(id, operation);
      return toMetadataRecord(stored, now());
    },

    async update(record, change) {
      const written = await applyChange(record, change);
      return { ...written, object: change.destroyMaterial === true ? undefined : record.object };
    },

    updateMetadata: (record, change) => applyChange(record, change),

    async importObject(spec) {
      const at = now();
      const built = buildImportedObject(spec, identity.name, at);
      const candidate: StoredObjectMetadata = {
        ...built,
        updatedAt: at,
        revision: 1,
      };
      if (!isAllowed(candidate, 'Import')) throw accessDenied(spec.id, 'Import');
      const existing = await session.readMetadata(spec.id);
      const ops: WriteOp[] = [];
      if (existing !== undefined) {
        if (!spec.replaceExisting) throw objectAlreadyExists(spec.id);
        if (!isAllowed(existing, 'Import')) throw accessDenied(spec.id, 'Import');
        // The empty update is the compare-and-set: the batch fails if the object changed.
        ops.push(
          { op: 'update', id: spec.id, patch: { expectedRevision: existing.revision } },
          { op: 'delete', id: spec.id },
        );
      }
      ops.push({ op: 'create', object: built });
      await write(spec.id, ops);
      return toRecord({ ...built, updatedAt: at, revision: 1 }, at);
    },

    async find(query, operation) {
      const allowed: string[] = [];
      for (const stored of await findAllowed(query, operation)) allowed.push(stored.id);
      return allowed;
    },

    async findMetadata(query, operation) {
      const at = now();
      return (await findAllowed(query, operation)).map((stored) => toMetadataRecord(stored, at));
    },
  };
}
