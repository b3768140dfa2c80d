/**
 * The base of every error Keywarden throws. Each subclass carries a stable `code`
 * (`KW_<AREA>_<WHAT>`): a contract that callers branch on, never the message text.
 * docs/errors.md lists every code.
 */
export abstract class KeywardenError extends Error {
  abstract readonly code: `KW_${string}`;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
