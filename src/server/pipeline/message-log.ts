/**
 * The log lines of one request message. Every line carries the message's bindings
 * (correlation id, connection, identity, version); a pino child costs several µs to make
 * (its bindings serialized and checked for secrets) and most messages write one line, the
 * `batch item done` (debug) or `batch item failed` (info) of their only item, so that line is
 * written with the bindings as fields and a child is made only when something asks for a logger
 * (issue #9). pino writes a child's bindings and then the line's fields, so both ways give the
 * same line.
 */
import type { Logger } from '../logger.ts';

/** The levels {@link MessageLog.line} writes at. */
export type MessageLogLevel = 'debug' | 'info';

/** One message's lines: `line` without a child, `logger` for everything else. */
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
   * Writes one line at `level` with the message's bindings; `fields` must not repeat a
   * binding's name (a child would write such a name twice). Nothing is built when the level is
   * off.
   */
  line(level: MessageLogLevel, fields: Readonly<Record<string, unknown>>, message: string): void {
    if (this.#child !== undefined) {
      this.#child[level](fields, message);
    } else if (this.isEnabled(level)) {
      this.#parent[level]({ ...this.#bindings, ...fields }, message);
    }
  }

  /** True when a line at `level` is written: a caller can skip building its fields. */
  isEnabled(level: MessageLogLevel): boolean {
    return this.#parent.isLevelEnabled(level);
  }

  /** {@link line} at info. */
  info(fields: Readonly<Record<string, unknown>>, message: string): void {
    this.line('info', fields, message);
  }
}
