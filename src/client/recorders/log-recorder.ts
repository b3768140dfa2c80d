/**
 * A recorder that logs each exchange: operations, arguments and results with key material
 * and secrets redacted (redact.ts), duration and sizes. Writes to any sink: a pino logger's
 * `info`, `console.log`, or a function collecting lines.
 */
import { redact } from './redact.ts';
import type { OperationRecord, OperationRecorder } from './recorder.ts';

/** Where log entries go: a function taking one JSON-safe object. */
export type LogSink = (entry: Record<string, unknown>) => void;

/** Logs every exchange, redacted. */
export class LogRecorder implements OperationRecorder {
  readonly #sink: LogSink;

  /** @example client.addRecorder(new LogRecorder((entry) => logger.info(entry, 'kmip'))); */
  constructor(sink: LogSink) {
    this.#sink = sink;
  }

  record(record: OperationRecord): void {
    this.#sink({
      kmip: record.items.map((item) => item.operation).join('+'),
      protocolVersion: record.protocolVersion,
      startedAt: record.startedAt.toISOString(),
      durationMs: Math.round(record.durationMs * 1000) / 1000,
      requestSize: record.requestBytes.length,
      ...(record.responseBytes !== undefined && { responseSize: record.responseBytes.length }),
      items: record.items.map((item) => ({
        operation: item.operation,
        request: redact(item.request),
        ...(item.response !== undefined && { response: redact(item.response) }),
        ...(item.error !== undefined && { error: item.error }),
      })),
      ...(record.error !== undefined && { error: record.error }),
    });
  }
}
