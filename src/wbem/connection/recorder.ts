/**
 * Operation recorders (pywbem `BaseOperationRecorder`): a connection tells each recorder the
 * operation's arguments, the HTTP request and response, and the result or error. Subclasses
 * of BaseOperationRecorder get one call per operation with all four staged parts.
 */

/** The operation and its arguments (pywbem `OpArgs`). */
export interface OpArgs {
  readonly method: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/** The result or the error of an operation (pywbem `OpResult`). */
export interface OpResult {
  readonly ret: unknown;
  readonly exc: unknown;
}

/** The HTTP request of an operation (pywbem `HttpRequest`). */
export interface HttpRequestRecord {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The HTTP response of an operation (pywbem `HttpResponse`). */
export interface HttpResponseRecord {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The connection an operation runs on, as recorders describe it. */
export interface RecorderConnectionInfo {
  readonly url: string;
  readonly defaultNamespace: string;
  /** Seconds, or null for none. */
  readonly timeout: number | null;
}

/** What a connection calls on each of its recorders. */
export interface OperationRecorder {
  reset(
    method: string,
    args: Readonly<Record<string, unknown>>,
    conn: RecorderConnectionInfo,
  ): void;
  stageHttpRequest(request: HttpRequestRecord): void;
  stageHttpResponse(response: HttpResponseRecord): void;
  record(result: unknown, error: unknown): void;
}

/** Stages the parts of an operation and hands them over together when it ends. */
export abstract class BaseOperationRecorder implements OperationRecorder {
  /** A disabled recorder ignores operations. */
  enabled = true;
  #args: OpArgs | null = null;
  #conn: RecorderConnectionInfo | null = null;
  #request: HttpRequestRecord | null = null;
  #response: HttpResponseRecord | null = null;

  reset(
    method: string,
    args: Readonly<Record<string, unknown>>,
    conn: RecorderConnectionInfo,
  ): void {
    this.#args = { method, args };
    this.#conn = conn;
    this.#request = null;
    this.#response = null;
  }

  stageHttpRequest(request: HttpRequestRecord): void {
    this.#request = request;
  }

  stageHttpResponse(response: HttpResponseRecord): void {
    this.#response = response;
  }

  record(result: unknown, error: unknown): void {
    if (!this.enabled || this.#args === null || this.#conn === null) return;
    this.recordStaged(
      this.#args,
      { ret: result, exc: error },
      this.#request,
      this.#response,
      this.#conn,
    );
  }

  /** Called once per operation, after it ended. */
  protected abstract recordStaged(
    args: OpArgs,
    result: OpResult,
    request: HttpRequestRecord | null,
    response: HttpResponseRecord | null,
    conn: RecorderConnectionInfo,
  ): void;
}
