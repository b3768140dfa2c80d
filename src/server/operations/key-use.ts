/**
 * The check every cryptographic operation makes before it touches a key: the object type,
 * the lifecycle state, the Cryptographic Usage Mask and the presence of clear key material.
 *
 * - State (KMIP 1.4 §3.22, 2.1 §4.57): a Pre-Active object SHALL NOT be used for any
 *   cryptographic purpose; an Active one may be; a Deactivated or Compromised object SHALL NOT
 *   be used to apply cryptographic protection (encrypt, sign, MAC), but may process
 *   cryptographically protected information (decrypt, verify a signature or a MAC) "under
 *   extraordinary circumstances and when special permission is granted" (Deactivated) or "in a
 *   client that is trusted to use managed objects that have been compromised" (Compromised).
 *   The usage mask and the operation policy are that permission here (Cosmian KMS decides the
 *   same). Reason: Wrong Key Lifecycle State (2.1), Permission Denied before (`lifecycleError`).
 * - Usage mask (KMIP 1.4 §3.19, 2.1 §4.38): every bit the operation needs must be set; the
 *   2.x Unrestricted bit allows every use. Reason: Incompatible Cryptographic Usage Mask (2.0+;
 *   the pipeline sends Permission Denied to 1.x clients, as PyKMIP does).
 * - Dates (KMIP 1.4 §3.25 Process Start Date, §3.26 Protect Stop Date; the 2.1 attributes): a
 *   key SHALL NOT apply protection (encrypt, wrap, sign, MAC) from its Protect Stop Date on,
 *   nor process protected information (decrypt, unwrap, verify) before its Process Start Date.
 *   Same reason as a wrong state (the OASIS cases CS-BC-M-14: Wrong Key Lifecycle State in
 *   2.1, Permission Denied before).
 * - Object type: Invalid Object Type (2.0+; Invalid Field for 1.x).
 * - Material: Object Destroyed (2.1; Item Not Found before) when it was destroyed, Key Value
 *   Not Present when the server holds none or holds it wrapped (the operations first unwrap a
 *   key stored wrapped when they can: `requireUnwrappedKeyForUse`, key-unwrapping.ts).
 */
import { CryptographicUsageMask, ResultReason } from '../../kmip/generated/registry.ts';
import type { KeyBlock } from '../../kmip/messages/key-block.ts';
import type { ManagedObjectKind } from '../../kmip/messages/objects.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import type { ObjectState } from '../../store/index.ts';
import {
  attributeValue,
  lifecycleError,
  objectDestroyed,
  type ManagedObjectRecord,
  type OperationName,
} from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';

/** What an operation is about to do with a key. */
export interface KeyUse {
  readonly operation: OperationName;
  /** The object types the operation works with. */
  readonly objectTypes: readonly ManagedObjectKind[];
  /** The Cryptographic Usage Mask bits the key must all have. */
  readonly usage: number;
  /**
   * True for operations that process protected data (Decrypt, SignatureVerify, MACVerify):
   * Deactivated and Compromised keys are then allowed too.
   */
  readonly isProcessing?: boolean;
  /** The states in which the key may serve, when not those `isProcessing` implies. */
  readonly states?: readonly ObjectState[];
  /**
   * Applying protection (Protect Stop Date applies; Usage Limits count it) or processing
   * protected information (Process Start Date applies); neither for other uses.
   */
  readonly purpose?: KeyPurpose;
}

/** What a use does with the key, for the date checks. */
export type KeyPurpose = 'protect' | 'process';

/** A key that passed the check. */
export interface UsableKey {
  readonly record: ManagedObjectRecord;
  readonly objectType: ManagedObjectKind;
  readonly keyBlock: KeyBlock;
  /** The key's Cryptographic Algorithm (registry name), when known. */
  readonly algorithm: string | undefined;
  /** The key's Cryptographic Length in bits, when known. */
  readonly lengthBits: number | undefined;
}

const PROTECTING_STATES: readonly ObjectState[] = ['Active'];
const PROCESSING_STATES: readonly ObjectState[] = ['Active', 'Deactivated', 'Compromised'];

function maskNames(bits: number): string {
  return Object.entries(CryptographicUsageMask)
    .filter(([, bit]) => (bits & bit) !== 0)
    .map(([name]) => name)
    .join(', ');
}

function numberOf(record: ManagedObjectRecord, name: string): number | undefined {
  const value = attributeValue(record, name);
  return typeof value === 'number' ? value : undefined;
}

function dateOf(record: ManagedObjectRecord, name: string): Date | undefined {
  const value = attributeValue(record, name);
  return value instanceof Date ? value : undefined;
}

/**
 * The Protect Stop Date and Process Start Date checks of `use` at `now`.
 * @throws KmipResultError Wrong Key Lifecycle State (1.x/2.0: Permission Denied).
 */
export function checkKeyDates(
  record: ManagedObjectRecord,
  use: Pick<KeyUse, 'operation' | 'purpose'>,
  version: KmipVersionName,
  now: Date,
): void {
  const id = JSON.stringify(record.id);
  if (use.purpose === 'protect') {
    const stop = dateOf(record, 'ProtectStopDate');
    if (stop !== undefined && now.getTime() >= stop.getTime()) {
      throw lifecycleError(
        version,
        `${use.operation} applies protection; object ${id} passed its Protect Stop Date`,
      );
    }
  } else if (use.purpose === 'process') {
    const start = dateOf(record, 'ProcessStartDate');
    if (start !== undefined && now.getTime() < start.getTime()) {
      throw lifecycleError(
        version,
        `${use.operation} processes protected data; object ${id} is before its Process Start Date`,
      );
    }
  }
}

/**
 * The object type, lifecycle state and Cryptographic Usage Mask checks alone, for a key the
 * server uses on the client's behalf whatever form its material has (managed-key-use.ts).
 * With `now`, also the dates of the use's purpose ({@link checkKeyDates}).
 * @throws KmipResultError Invalid Object Type, Wrong Key Lifecycle State (1.x/2.0: Permission
 *   Denied), Incompatible Cryptographic Usage Mask.
 */
export function checkKeyUse(
  record: ManagedObjectRecord,
  use: KeyUse,
  version: KmipVersionName,
  now?: Date,
): void {
  // The quoted id is for the error messages only: built when one is thrown (issue #9).
  const id = () => JSON.stringify(record.id);
  if (!use.objectTypes.includes(record.objectType)) {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `${use.operation} needs a ${use.objectTypes.join(' or ')}; object ${id()} is a ${record.objectType}`,
    );
  }
  const states = use.states ?? (use.isProcessing === true ? PROCESSING_STATES : PROTECTING_STATES);
  if (!states.includes(record.state)) {
    throw lifecycleError(
      version,
      `${use.operation} needs a key in state ${states.join(' or ')}; object ${id()} is ${record.state}`,
    );
  }
  if (now !== undefined) checkKeyDates(record, use, version, now);
  const mask = numberOf(record, 'CryptographicUsageMask') ?? 0;
  const isUnrestricted = (mask & CryptographicUsageMask.Unrestricted) !== 0;
  if (!isUnrestricted && (mask & use.usage) !== use.usage) {
    throw new KmipResultError(
      ResultReason.IncompatibleCryptographicUsageMask,
      `${use.operation} needs the ${maskNames(use.usage)} bit of the Cryptographic Usage Mask of object ${id()}`,
    );
  }
}

/**
 * Checks that `record` may be used for `use` and returns its key block.
 * @throws KmipResultError Invalid Object Type, Wrong Key Lifecycle State (1.x/2.0: Permission
 *   Denied), Incompatible Cryptographic Usage Mask, Object Destroyed, Key Value Not Present.
 */
export function requireKeyForUse(
  record: ManagedObjectRecord,
  use: KeyUse,
  version: KmipVersionName,
): UsableKey {
  checkKeyUse(record, use, version);
  return usableKeyOf(record, version);
}

/**
 * The key block of a record {@link checkKeyUse} has passed, when the server holds its value
 * in the clear.
 * @throws KmipResultError Object Destroyed, Key Value Not Present.
 */
export function usableKeyOf(record: ManagedObjectRecord, version: KmipVersionName): UsableKey {
  const id = JSON.stringify(record.id);
  const { object } = record;
  if (object === undefined) throw objectDestroyed(version, record.id);
  const keyBlock = 'keyBlock' in object ? object.keyBlock : undefined;
  if (keyBlock?.keyValue === undefined || keyBlock.keyValue instanceof Uint8Array) {
    throw new KmipResultError(
      ResultReason.KeyValueNotPresent,
      `the server holds no usable key value for object ${id}`,
    );
  }
  if (keyBlock.keyWrappingData !== undefined) {
    throw new KmipResultError(
      ResultReason.KeyValueNotPresent,
      `object ${id} is stored wrapped; the server cannot use it`,
    );
  }
  const algorithm = numberOf(record, 'CryptographicAlgorithm') ?? keyBlock.cryptographicAlgorithm;
  return {
    record,
    objectType: record.objectType,
    keyBlock,
    algorithm:
      algorithm === undefined
        ? undefined
        : enumValueEntry('CryptographicAlgorithm', algorithm)?.name,
    lengthBits: numberOf(record, 'CryptographicLength') ?? keyBlock.cryptographicLength,
  };
}
