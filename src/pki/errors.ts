/**
 * Error classes of src/pki. Callers branch on `code`, never on the message text.
 * Messages name files, fields and algorithms only: never key material.
 */
import { KeywardenError } from '../errors.ts';

/** An option handed to the PKI is invalid (empty common name, bad SAN, inverted validity …). */
export class PkiInputError extends KeywardenError {
  readonly code = 'KW_PKI_INVALID';
  /** The option at fault, e.g. `sans[1]` or `validity`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}

/** A key cannot be used: unsupported algorithm, unreadable PEM, or a CA key that does not match its certificate. */
export class PkiKeyError extends KeywardenError {
  readonly code = 'KW_PKI_KEY';
  /** What went wrong with the key. */
  readonly reason: 'unsupported-algorithm' | 'unreadable' | 'mismatch';

  constructor(reason: PkiKeyError['reason'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** A certificate PEM could not be parsed. */
export class PkiCertificateError extends KeywardenError {
  readonly code = 'KW_PKI_CERTIFICATE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A PKI file could not be read or written. */
export class PkiFileError extends KeywardenError {
  readonly code = 'KW_PKI_FILE';
  readonly path: string;

  constructor(path: string, action: 'read' | 'write', options?: { cause?: unknown }) {
    super(`cannot ${action} ${path}`, options);
    this.path = path;
  }
}

/**
 * The files of a development PKI folder do not fit together: half a key pair, leaf
 * certificates without their CA, or a leaf not signed by the CA found beside it.
 */
export class DevPkiInconsistentError extends KeywardenError {
  readonly code = 'KW_PKI_DEV_INCONSISTENT';
  /** The file at fault. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}; remove the development PKI folder's files to regenerate them`);
    this.path = path;
  }
}

/** Why the Certify CA (`pki.certifyCaCert` / `pki.certifyCaKey`) was refused. */
export type CertifyCaProblem =
  | 'unreadable-certificate'
  | 'not-ca'
  | 'no-key-cert-sign'
  | 'not-yet-valid'
  | 'expired'
  | 'unreadable-key'
  | 'encrypted-key'
  | 'unsupported-algorithm'
  | 'key-mismatch';

/**
 * The operator's Certify CA cannot be used: its certificate is not a CA, is out of its
 * validity, or its key does not fit it. The message names the setting and the file.
 */
export class PkiCertifyCaError extends KeywardenError {
  readonly code = 'KW_PKI_CERTIFY_CA';
  /** The setting at fault: `pki.certifyCaCert` or `pki.certifyCaKey`. */
  readonly setting: 'pki.certifyCaCert' | 'pki.certifyCaKey';
  /** The file that setting names. */
  readonly path: string;
  readonly problem: CertifyCaProblem;

  constructor(
    setting: PkiCertifyCaError['setting'],
    path: string,
    problem: CertifyCaProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${setting} (${path}): ${message}`, options);
    this.setting = setting;
    this.path = path;
    this.problem = problem;
  }
}

/**
 * The child process that makes a new development PKI (ensureDevPkiInChildProcess) failed
 * other than with a PKI error: it could not start, crashed, or hit a file-system error.
 */
export class DevPkiProcessError extends KeywardenError {
  readonly code = 'KW_PKI_DEV_PROCESS';
  /** The child's exit code (128 + n when a signal ended it). */
  readonly exitCode: number;

  constructor(exitCode: number, detail: string) {
    super(`making the development PKI failed (exit code ${exitCode}): ${detail}`);
    this.exitCode = exitCode;
  }
}
