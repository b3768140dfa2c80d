/**
 * Human-readable log lines for a terminal: `<time> <LEVEL> <message> key=value ...`, one line
 * per entry (an error's stack follows on indented lines). It formats the JSON lines pino
 * writes, after pino's redaction, so censored fields stay censored. Our own few lines instead
 * of pino-pretty and its dependency tree.
 */
import type { DestinationStream } from 'pino';

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

// Fields shown in the fixed columns, or not at all (pino's process fields).
const OMITTED = new Set(['time', 'level', 'msg', 'pid', 'hostname', 'name', 'err']);

// Control characters would let a logged value fake or break lines (log injection).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f]/;
const PLAIN = /^[^\s"=\\]+$/;

function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return PLAIN.test(value) && !HAS_CONTROL.test(value) ? value : JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

function formatError(err: unknown): { inline: string; stack: string[] } {
  if (typeof err !== 'object' || err === null) return { inline: formatValue(err), stack: [] };
  const { type, message, stack } = err as { type?: unknown; message?: unknown; stack?: unknown };
  const head = `${typeof type === 'string' ? type : 'Error'}: ${String(message ?? '')}`;
  const frames =
    typeof stack === 'string'
      ? stack
          .split('\n')
          .slice(1)
          .map((frame) => `    ${escapeControls(frame.trim())}`)
      : [];
  return { inline: formatValue(head), stack: frames };
}

/**
 * Formats one pino log entry (the parsed JSON object) as text: time, level, optional
 * `name:` prefix, message, then every other field as `key=value` (strings quoted only when
 * needed, objects as JSON), and `err=` with the error's type and message.
 * @example
 * formatLogEntry({ level: 30, time: '2026-01-01T00:00:00.000Z', msg: 'created', objectId: '42' })
 * // '2026-01-01T00:00:00.000Z INFO  created objectId=42'
 */
export function formatLogEntry(entry: Readonly<Record<string, unknown>>): string {
  const level = typeof entry['level'] === 'number' ? entry['level'] : 30;
  const levelName = (LEVEL_NAMES[level] ?? `L${level}`).padEnd(5);
  const time = typeof entry['time'] === 'string' ? entry['time'] : String(entry['time'] ?? '');
  const message = escapeControls(String(entry['msg'] ?? ''));
  const fields = Object.entries(entry)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${escapeControls(key)}=${formatValue(value)}`);
  const error = entry['err'] === undefined ? undefined : formatError(entry['err']);
  if (error !== undefined) fields.push(`err=${error.inline}`);
  const head = [time, levelName, message, ...fields].filter((part) => part !== '').join(' ');
  return [head, ...(error?.stack ?? [])].join('\n');
}

/**
 * A pino destination that writes {@link formatLogEntry} lines to `out` instead of JSON. A
 * chunk that is not a JSON object is passed through unchanged.
 */
export function createReadableDestination(out: {
  write(text: string): unknown;
}): DestinationStream {
  return {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        let entry: unknown;
        try {
          entry = JSON.parse(line);
        } catch {
          out.write(`${line}\n`);
          continue;
        }
        out.write(
          typeof entry === 'object' && entry !== null && !Array.isArray(entry)
            ? `${formatLogEntry(entry as Record<string, unknown>)}\n`
            : `${line}\n`,
        );
      }
    },
  };
}
