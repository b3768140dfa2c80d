/**
 * The error an operation (or the object service) throws to fail its batch item with a
 * specific KMIP Result Reason. The pipeline turns it into Result Status Operation Failed,
 * this Result Reason and this Result Message; anything else that escapes an operation
 * becomes General Failure with a fixed text (STYLE.md "Errors").
 *
 * The message goes to the client: it names fields, attributes and identifiers, never key
 * material, passwords or other secrets.
 */
import { KeywardenError } from '../../errors.ts';
import { ResultReason } from '../../kmip/generated/registry.ts';

/** A failed batch item: the Result Reason and Result Message the client will see. */
export class KmipResultError extends KeywardenError {
  readonly code = 'KW_KMIP_RESULT' as const;
  /** A `ResultReason` value. */
  readonly reason: ResultReason;

  constructor(reason: ResultReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** Item Not Found: no object with this identifier (or the identifier could not be resolved). */
export function itemNotFound(id: string): KmipResultError {
  return new KmipResultError(ResultReason.ItemNotFound, `object ${JSON.stringify(id)} not found`);
}

/** Permission Denied: the caller may not do this to this object. */
export function permissionDenied(message: string): KmipResultError {
  return new KmipResultError(ResultReason.PermissionDenied, message);
}

/** Invalid Field: a field or attribute in the request is not acceptable. */
export function invalidField(message: string): KmipResultError {
  return new KmipResultError(ResultReason.InvalidField, message);
}

/** Missing Data: the operation needs information the request does not carry. */
export function missingData(message: string): KmipResultError {
  return new KmipResultError(ResultReason.MissingData, message);
}

/** Operation Not Supported. */
export function operationNotSupported(message: string): KmipResultError {
  return new KmipResultError(ResultReason.OperationNotSupported, message);
}

/** Feature Not Supported: a known option of the request that the server does not implement. */
export function featureNotSupported(message: string): KmipResultError {
  return new KmipResultError(ResultReason.FeatureNotSupported, message);
}
