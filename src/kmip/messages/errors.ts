/**
 * Error classes of the typed KMIP message model. Callers branch on `code`, never on the
 * message text. Messages name tags and paths only, never item values (which may be key
 * material or credentials).
 */
import { KeywardenError } from '../../errors.ts';
import { ResultReason } from '../generated/registry.ts';

/**
 * An item tree does not match the KMIP message model: a required field is missing, an item
 * has the wrong type, a field repeats, or (in strict mode) a field is unknown.
 *
 * `resultReason` is the Result Reason the server answers with (KMIP 1.4 §11.1): a parse
 * error of a header, batch item or payload — missing field, wrong item type, repeated
 * field, unknown protocol version — is Invalid Message; an unknown field in strict mode
 * is Invalid Field.
 */
export class KmipMessageError extends KeywardenError {
  readonly code = 'KW_KMIP_MESSAGE' as const;
  /** The Result Reason for the failed batch item or message. */
  readonly resultReason: ResultReason;
  /** Tag names from the root to the field at fault, e.g. `['RequestMessage', 'RequestHeader']`. */
  readonly path: readonly string[];

  constructor(
    resultReason: ResultReason,
    path: readonly string[],
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`KMIP message invalid at ${path.join('/') || '(root)'}: ${problem}`, options);
    this.resultReason = resultReason;
    this.path = path;
  }
}

/** A typed value cannot be encoded into an item tree (a required field is unset, a value has the wrong JS type). */
export class KmipMessageEncodeError extends KeywardenError {
  readonly code = 'KW_KMIP_MESSAGE_ENCODE' as const;
  /** Tag names from the root to the field at fault. */
  readonly path: readonly string[];

  constructor(path: readonly string[], problem: string) {
    super(`KMIP message cannot be encoded at ${path.join('/') || '(root)'}: ${problem}`);
    this.path = path;
  }
}

/** Missing required field: Invalid Message (KMIP 1.4 §11.1 "Error parsing batch item or payload"). */
export function missingField(path: readonly string[]): KmipMessageError {
  return new KmipMessageError(ResultReason.InvalidMessage, path, 'required field is missing');
}

/** Wrong item type: Invalid Message (a parse error of the payload). */
export function wrongType(
  path: readonly string[],
  expected: string,
  actual: string,
): KmipMessageError {
  return new KmipMessageError(
    ResultReason.InvalidMessage,
    path,
    `expected item type ${expected}, got ${actual}`,
  );
}
