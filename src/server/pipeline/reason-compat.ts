/**
 * Result Reasons by protocol version. Operations throw the most precise reason (often one
 * KMIP 2.0 added); a client speaking an older version must only see reasons its version
 * defines (the registry's since/until of each Result Reason), so the pipeline maps a newer reason to
 * the older one that KMIP 1.x used for the same failure, or to General Failure.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import type { KmipVersionName } from '../../kmip/registry-types.ts';
import { enumValueEntry, existsInVersion, isExtensionEnumValue } from '../../kmip/registry.ts';

// What KMIP 1.x (and 2.0, for the reasons 2.1 added) answered for the same condition:
// the OASIS 1.x test cases use Item Not Found for a missing or destroyed object and
// Permission Denied for a wrong lifecycle state or a read-only attribute.
const OLDER_EQUIVALENT: Readonly<Partial<Record<ResultReason, ResultReason>>> = {
  [ResultReason.ObjectNotFound]: ResultReason.ItemNotFound,
  [ResultReason.ObjectDestroyed]: ResultReason.ItemNotFound,
  [ResultReason.AttributeNotFound]: ResultReason.ItemNotFound,
  [ResultReason.AttributeInstanceNotFound]: ResultReason.ItemNotFound,
  [ResultReason.KeyValueNotPresent]: ResultReason.ItemNotFound,
  [ResultReason.WrongKeyLifecycleState]: ResultReason.PermissionDenied,
  [ResultReason.NotAuthorised]: ResultReason.PermissionDenied,
  [ResultReason.AttributeReadOnly]: ResultReason.PermissionDenied,
  [ResultReason.ReadOnlyAttribute]: ResultReason.PermissionDenied,
  [ResultReason.IncompatibleCryptographicUsageMask]: ResultReason.PermissionDenied,
  [ResultReason.Sensitive]: ResultReason.PermissionDenied,
  [ResultReason.NotExtractable]: ResultReason.PermissionDenied,
  [ResultReason.AttestationRequired]: ResultReason.PermissionDenied,
  [ResultReason.AttestationFailed]: ResultReason.PermissionDenied,
  [ResultReason.AttributeSingleValued]: ResultReason.IndexOutOfBounds,
  [ResultReason.MultiValuedAttribute]: ResultReason.InvalidField,
  [ResultReason.InvalidAttribute]: ResultReason.InvalidField,
  [ResultReason.InvalidAttributeValue]: ResultReason.InvalidField,
  [ResultReason.UnsupportedAttribute]: ResultReason.InvalidField,
  [ResultReason.InvalidObjectType]: ResultReason.InvalidField,
  [ResultReason.IllegalObjectType]: ResultReason.InvalidField,
  [ResultReason.InvalidDataType]: ResultReason.InvalidField,
  [ResultReason.UnknownEnumeration]: ResultReason.InvalidField,
  [ResultReason.UnknownTag]: ResultReason.InvalidField,
  [ResultReason.NumericRange]: ResultReason.InvalidField,
  [ResultReason.NonUniqueNameAttribute]: ResultReason.InvalidField,
  [ResultReason.ObjectAlreadyExists]: ResultReason.InvalidField,
  [ResultReason.EncodingOptionError]: ResultReason.InvalidField,
  [ResultReason.BadCryptographicParameters]: ResultReason.InvalidField,
  [ResultReason.UnsupportedCryptographicParameters]: ResultReason.InvalidField,
  [ResultReason.KeyWrapTypeNotSupported]: ResultReason.FeatureNotSupported,
  [ResultReason.UnsupportedProtocolVersion]: ResultReason.InvalidMessage,
  [ResultReason.InvalidTicket]: ResultReason.AuthenticationNotSuccessful,
  [ResultReason.BadPassword]: ResultReason.AuthenticationNotSuccessful,
  // KMIP 1.x has no reason of its own for an unknown Asynchronous Correlation Value (2.0 added
  // it); Item Not Found is the 1.x reason for "no such thing".
  [ResultReason.InvalidAsynchronousCorrelationValue]: ResultReason.ItemNotFound,
  // KMIP 2.0 retired these two; 2.x says the same with its own reasons.
  [ResultReason.IndexOutOfBounds]: ResultReason.AttributeInstanceNotFound,
  [ResultReason.IllegalOperation]: ResultReason.PermissionDenied,
};

function isDefined(reason: number, version: KmipVersionName): boolean {
  const entry = enumValueEntry('ResultReason', reason);
  return entry !== undefined && existsInVersion(entry, version);
}

/**
 * The Result Reason to send a client of `version` for `reason`: itself when the version
 * defines it (vendor extension values always pass), else its older (or newer) equivalent,
 * else General Failure.
 */
export function reasonForVersion(reason: number, version: KmipVersionName): number {
  if (isExtensionEnumValue(reason) || isDefined(reason, version)) return reason;
  const equivalent = OLDER_EQUIVALENT[reason as ResultReason];
  if (equivalent !== undefined && isDefined(equivalent, version)) return equivalent;
  return ResultReason.GeneralFailure;
}
