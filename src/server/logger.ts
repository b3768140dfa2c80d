/**
 * The server's structured logger (pino, one JSON object per line). Secret-looking fields are
 * censored before a line is written, so a careless `log.info({ request })` cannot leak key
 * material, passwords or tokens into log files.
 */
import { pino, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { createReadableDestination } from './log-format.ts';
import { censorFields, mayNameField } from './log-redaction.ts';

export type { Logger } from 'pino';

/**
 * Field names censored wherever they appear (up to eight levels deep, arrays included): our own
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

const SECRET_FIELDS: ReadonlySet<string> = new Set(REDACTED_FIELDS);
const mayNameSecret = mayNameField(REDACTED_FIELDS);
const serializeError = pino.stdSerializers.err as (error: Error) => unknown;
const { chindingsSym } = pino.symbols;

function censor(value: unknown): unknown {
  return censorFields(value, SECRET_FIELDS, REDACTED, serializeError);
}

/**
 * A child's bindings are serialized once, when it is made: censors them when the text may
 * hold a secret field (the check is one regular expression; parsing only then).
 */
function censorBindings(child: Logger): void {
  const holder = child as unknown as Record<symbol, unknown>;
  const chindings = holder[chindingsSym];
  if (typeof chindings !== 'string' || !mayNameSecret(chindings)) return;
  const bindings: unknown = JSON.parse(`{${chindings.slice(1)}}`);
  const censored = censor(bindings);
  if (censored !== bindings) holder[chindingsSym] = `,${JSON.stringify(censored).slice(1, -1)}`;
}

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
      // Our own censoring instead of pino's `redact` (log-redaction.ts says why): of each
      // line's fields, of errors once serialized, and of child bindings.
      formatters: { log: (object) => censor(object) as Record<string, unknown> },
      // An error with a secret field was already serialized (and censored) by the log formatter.
      serializers: {
        err: (error: unknown) => censor(error instanceof Error ? serializeError(error) : error),
      },
      onChild: censorBindings,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A child logger whose every line carries `connectionId`, for one client connection. */
export function createConnectionLogger(parent: Logger, connectionId: string): Logger {
  return parent.child({ connectionId });
}
