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

/** What a connection calls on each of its recorders. */
export interface OperationRecorder {
  reset(method: string, args: Readonly<Record<string, unknown>>): void;
  stageHttpRequest(request: HttpRequestRecord): void;
  stageHttpResponse(response: HttpResponseRecord): void;
  record(result: unknown, error: unknown): void;
}

/** Stages the parts of an operation and hands them over together when it ends. */
export abstract class BaseOperationRecorder implements OperationRecorder {
  /** A disabled recorder ignores operations. */
  enabled = true;
  #args: OpArgs | null = null;
  #request: HttpRequestRecord | null = null;
  #response: HttpResponseRecord | null = null;

  reset(method: string, args: Readonly<Record<string, unknown>>): void {
    this.#args = { method, args };
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
    if (!this.enabled || this.#args === null) return;
    this.recordStaged(this.#args, { ret: result, exc: error }, this.#request, this.#response);
  }

  /** Called once per operation, after it ended. */
  protected abstract recordStaged(
    args: OpArgs,
    result: OpResult,
    request: HttpRequestRecord | null,
    response: HttpResponseRecord | null,
  ): void;
}
