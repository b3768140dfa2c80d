/**
 * The server's structured logger (pino, one JSON object per line). Secret-looking fields are
 * censored before a line is written, so a careless `log.info({ request })` cannot leak key
 * material, passwords or tokens into log files.
 */
import { pino, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { createReadableDestination } from './log-format.ts';

export type { Logger } from 'pino';

/**
 * Field names censored wherever they appear (up to four levels deep, arrays included): our own
 * camelCase names and KMIP's normalized registry names (`KeyMaterial`, `CredentialValue`), since
 * decoded KMIP objects are logged under those.
 */
export const REDACTED_FIELDS: readonly string[] = [
  'password',
  'Password',
  'passphrase',
  'pin',
  'key',
  'privateKey',
  'secretKey',
  'masterKey',
  'material',
  'keyMaterial',
  'KeyMaterial',
  'KeyValue',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'clientSecret',
  'authorization',
  'Authorization',
  'cookie',
  'credential',
  'credentials',
  'CredentialValue',
];

/** What a censored value is replaced with. */
export const REDACTED = '[REDACTED]';

// pino's redaction matches fixed paths; `*` stands for one level (an object key or array
// index), so each name is listed at every depth we want covered.
const REDACT_DEPTH = 4;
const REDACT_PATHS = REDACTED_FIELDS.flatMap((field) =>
  Array.from({ length: REDACT_DEPTH }, (_, depth) => '*.'.repeat(depth) + field),
);

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written; default `'info'`. */
  readonly level?: LevelWithSilent;
  /** Where lines go; default standard output. Tests pass a stream that collects lines. */
  readonly destination?: DestinationStream;
  /** A `name` field on every line, e.g. `'keywarden'`. */
  readonly name?: string;
  /**
   * `json` (default): one JSON object per line. `readable`: one text line per entry for a
   * terminal (log-format.ts), censored the same way.
   */
  readonly format?: 'json' | 'readable';
}

/**
 * Creates the server logger: JSON lines (or readable text lines, `format: 'readable'`) with
 * ISO timestamps, errors serialized with type, message and stack, and {@link REDACTED_FIELDS}
 * censored.
 * @example
 * const log = createLogger({ level: 'debug' });
 * log.info({ password: 'x' }, 'login'); // {"password":"[REDACTED]",...}
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination =
    options.format === 'readable'
      ? createReadableDestination(options.destination ?? { write: (t) => process.stdout.write(t) })
      : options.destination;
  return pino(
    {
      level: options.level ?? 'info',
      ...(options.name !== undefined && { name: options.name }),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** A child logger whose every line carries `connectionId`, for one client connection. */
export function createConnectionLogger(parent: Logger, connectionId: string): Logger {
  return parent.child({ connectionId });
}
