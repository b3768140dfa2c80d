/** Error classes of the `keywarden` command. Callers branch on `code`, never on the message. */
import { KeywardenError } from '../errors.ts';

/** A command's input cannot be read or is not text where text is required. */
export class CliInputError extends KeywardenError {
  readonly code = 'KW_CLI_INPUT';
  /** The file read, or `-` for standard input. */
  readonly source: string;

  constructor(source: string, problem: string, options?: { cause?: unknown }) {
    super(`${source === '-' ? 'standard input' : source}: ${problem}`, options);
    this.source = source;
  }
}

/** A command's arguments name something that does not exist (a role, an object, a CA key). */
export class CliUsageError extends KeywardenError {
  readonly code = 'KW_CLI_USAGE';
  /** The argument at fault, e.g. `ROLE`. */
  readonly argument: string;

  constructor(argument: string, problem: string, options?: { cause?: unknown }) {
    super(`${argument}: ${problem}`, options);
    this.argument = argument;
  }
}
