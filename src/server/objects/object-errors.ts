/**
 * Errors about an object itself whose Result Reason depends on the protocol version: KMIP
 * 2.1 names them Object Not Found and Object Destroyed (OASIS BL-M-4-21, BL-M-8-21); KMIP
 * 1.x and 2.0 answer Item Not Found for both (TC-314-10).
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { compareVersions } from '../../kmip/registry.ts';
import { KmipResultError } from '../pipeline/result-error.ts';

function isV21(version: KmipVersionName): boolean {
  return compareVersions(version, '2.1') >= 0;
}

/** No object with this identifier (that the caller may know of). */
export function objectNotFound(version: KmipVersionName, id: string): KmipResultError {
  return new KmipResultError(
    isV21(version) ? ResultReason.ObjectNotFound : ResultReason.ItemNotFound,
    `object ${JSON.stringify(id)} not found`,
  );
}

/** The object exists but its key material was destroyed. */
export function objectDestroyed(version: KmipVersionName, id: string): KmipResultError {
  return new KmipResultError(
    isV21(version) ? ResultReason.ObjectDestroyed : ResultReason.ItemNotFound,
    `object ${JSON.stringify(id)} is destroyed`,
  );
}

/** The caller may not run `operation` on the object. */
export function accessDenied(id: string, operation: string): KmipResultError {
  return new KmipResultError(
    ResultReason.PermissionDenied,
    `${operation} on object ${JSON.stringify(id)} is not permitted`,
  );
}

/** An object with this identifier exists already (Import without Replace Existing). */
export function objectAlreadyExists(id: string): KmipResultError {
  return new KmipResultError(
    ResultReason.ObjectAlreadyExists,
    `an object with identifier ${JSON.stringify(id)} exists already`,
  );
}

/** A concurrent request changed the object between read and write. */
export function concurrentChange(id: string): KmipResultError {
  return new KmipResultError(
    ResultReason.GeneralFailure,
    `object ${JSON.stringify(id)} was changed by another request; retry`,
  );
}
