/**
 * Error classes of the data-folder bootstrap. Callers branch on `code`, never on the message
 * text. Messages name paths only.
 */
import { KeywardenError } from '../../errors.ts';

/** The data folder (or a folder a configured file lives in) cannot be used or created. */
export class DataDirError extends KeywardenError {
  readonly code = 'KW_BOOTSTRAP_DATA_DIR';
  /** The folder at fault. */
  readonly path: string;
  /** What is wrong with it. */
  readonly problem: 'not-a-directory' | 'cannot-create' | 'inaccessible';

  constructor(path: string, problem: DataDirError['problem'], options?: { cause?: unknown }) {
    const why = (options?.cause as { code?: unknown } | undefined)?.code;
    const detail = typeof why === 'string' ? ` (${why})` : '';
    const text =
      problem === 'not-a-directory'
        ? 'exists and is not a folder'
        : problem === 'inaccessible'
          ? `cannot be accessed${detail}`
          : `cannot be created${detail}`;
    super(`${path} ${text}`, options);
    this.path = path;
    this.problem = problem;
  }
}

/**
 * The database exists but its master key file does not. A new key would not open the sealed
 * material already stored, so none is generated: the operator must restore the key file.
 */
export class MasterKeyMissingError extends KeywardenError {
  readonly code = 'KW_BOOTSTRAP_MASTER_KEY_MISSING';
  readonly masterKeyFile: string;
  readonly database: string;

  constructor(masterKeyFile: string, database: string) {
    super(
      `master key ${masterKeyFile} is missing while the database ${database} exists; ` +
        'restore the key file (a new key could not read the stored objects)',
    );
    this.masterKeyFile = masterKeyFile;
    this.database = database;
  }
}
