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
