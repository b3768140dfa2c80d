/** A logger that keeps its JSON lines, for tests that check what the policy code logs. */
import { createLogger, type Logger } from '../../../../src/server/logger.ts';

/** A captured log line. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A debug-level logger and the lines it wrote so far. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  return { logger, lines };
}
