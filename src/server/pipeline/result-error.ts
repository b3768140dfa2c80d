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

/** Options of {@link KmipResultError}. */
export interface KmipResultErrorOptions {
  readonly cause?: unknown;
  /**
   * The operation's typed response payload to send with the failure, for the few operations
   * whose failed response has one (Check: KMIP 1.4 §4.10, 2.1 §6.1.4). Usually absent: a
   * failed item carries no payload.
   */
  readonly payload?: unknown;
}

/** A failed batch item: the Result Reason and Result Message the client will see. */
export class KmipResultError extends KeywardenError {
  readonly code = 'KW_KMIP_RESULT' as const;
  /** A `ResultReason` value. */
  readonly reason: ResultReason;
  /** The response payload that goes with the failure, if any. */
  readonly payload?: unknown;

  constructor(reason: ResultReason, message: string, options: KmipResultErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    if (options.payload !== undefined) this.payload = options.payload;
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
