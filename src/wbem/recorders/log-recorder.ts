/**
 * LogOperationRecorder: writes one line per API call and result, and (detail 'all') one per
 * HTTP request and response, as pywbem's LogOperationRecorder does, through a caller's sink
 * (console, a pino logger …). Credentials are redacted; long texts are cut at `maxLength`.
 */
import {
  BaseOperationRecorder,
  type HttpRequestRecord,
  type HttpResponseRecord,
  type OpArgs,
  type OpResult,
} from '../connection/recorder.ts';
import { redactArgs, redactCimXml, redactHeaders } from './redact.ts';

/** Options of LogOperationRecorder. */
export interface LogRecorderOptions {
  /** Receives each line. */
  readonly write: (line: string) => void;
  /** 'summary': operations only; 'all' (default): HTTP requests and responses too. */
  readonly detail?: 'summary' | 'all';
  /** Longest text written for one value or body (default 1000 characters). */
  readonly maxLength?: number;
  /** Names the connection in each line (pywbem conn_id). */
  readonly connectionId?: string;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (
    typeof value === 'object' &&
    'toString' in value &&
    value.toString !== Object.prototype.toString
  ) {
    return String(value);
  }
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Logs WBEM operations line by line. */
export class LogOperationRecorder extends BaseOperationRecorder {
  readonly #o: Required<Omit<LogRecorderOptions, 'connectionId'>> & { connectionId: string };

  constructor(options: LogRecorderOptions) {
    super();
    this.#o = {
      detail: 'all',
      maxLength: 1000,
      connectionId: '',
      ...options,
    };
  }

  #cut(text: string): string {
    const max = this.#o.maxLength;
    return text.length > max ? `${text.slice(0, max)}...` : text;
  }

  #line(kind: string, text: string): void {
    const id = this.#o.connectionId === '' ? '' : `${this.#o.connectionId} `;
    this.#o.write(`${kind}:${id}${this.#cut(text)}`);
  }

  protected recordStaged(
    args: OpArgs,
    result: OpResult,
    request: HttpRequestRecord | null,
    response: HttpResponseRecord | null,
  ): void {
    const shown = Object.entries(redactArgs(args.args))
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${describe(v)}`)
      .join(', ');
    this.#line('Request', `${args.method}(${shown})`);
    if (this.#o.detail === 'all' && request !== null) {
      const headers = JSON.stringify(redactHeaders(request.headers));
      this.#line('HttpRequest', `POST ${request.url} ${headers} ${redactCimXml(request.body)}`);
    }
    if (this.#o.detail === 'all' && response !== null) {
      const headers = JSON.stringify(redactHeaders(response.headers));
      this.#line('HttpResponse', `${response.status} ${headers} ${redactCimXml(response.body)}`);
    }
    if (result.exc !== null) {
      const e = result.exc as { code?: string; message?: string };
      this.#line('Exception', `${args.method}(${e.code ?? 'Error'}: ${e.message ?? String(e)})`);
    } else {
      this.#line('Return', `${args.method}(${describe(result.ret)})`);
    }
  }
}
