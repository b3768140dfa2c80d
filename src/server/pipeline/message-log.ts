/**
 * The log lines of one request message. Every line carries the message's bindings
 * (correlation id, connection, identity, version); a pino child costs several µs to make
 * (its bindings serialized and checked for secrets) and most messages write one line, the
 * `batch item done` of their only item, so that line is written with the bindings as fields
 * and a child is made only when something asks for a logger (issue #9). pino writes a child's
 * bindings and then the line's fields, so both ways give the same line.
 */
import type { Logger } from '../logger.ts';

/** One message's lines: `info` without a child, `logger` for everything else. */
export class MessageLog {
  readonly #parent: Logger;
  readonly #bindings: Readonly<Record<string, unknown>>;
  #child: Logger | undefined;

  constructor(parent: Logger, bindings: Readonly<Record<string, unknown>>) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  /** The message's child logger, made on first use. */
  get logger(): Logger {
    return (this.#child ??= this.#parent.child(this.#bindings));
  }

  /**
   * Writes one info line with the message's bindings; `fields` must not repeat a binding's
   * name (a child would write such a name twice).
   */
  info(fields: Readonly<Record<string, unknown>>, message: string): void {
    if (this.#child !== undefined) {
      this.#child.info(fields, message);
    } else if (this.#parent.isLevelEnabled('info')) {
      this.#parent.info({ ...this.#bindings, ...fields }, message);
    }
  }
}
