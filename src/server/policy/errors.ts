/** Error classes of src/server/policy (operation policy files and Keywarden's own access policy). */
import { KeywardenError } from '../../errors.ts';

/**
 * An operation policy file cannot be used: unreadable, not JSON, or not PyKMIP's policy
 * format. The server logs it and keeps serving with the other files (PyKMIP does the same).
 */
export class PolicyFileError extends KeywardenError {
  readonly code = 'KW_POLICY_FILE';
  /** The file. */
  readonly path: string;
  /** The policy in the file the fault is in, when it is in one. */
  readonly policy: string | undefined;
  /** Why, e.g. `'GETT' is not an operation`. */
  readonly reason: string;

  constructor(
    path: string,
    policy: string | undefined,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}${policy === undefined ? '' : ` (policy ${policy})`}: ${reason}`, options);
    this.path = path;
    this.policy = policy;
    this.reason = reason;
  }
}
