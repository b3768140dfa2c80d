/**
 * The transport half of WbemConnection: connection options, one CIM-XML request per operation
 * (DSP0200 §6), response checks shared by all operations, and the hooks for statistics and
 * operation recorders. The operations themselves live in WbemConnection (connection.ts).
 */
import { Agent } from 'undici';
import { buildClientTlsOptions, type ClientTlsInput } from '../../tls/index.ts';
import { CimError, CimXmlParseError, WbemConnectionError, WbemParseError } from '../errors.ts';
import { cimMessage, imethodCall, iparamValue } from '../cimxml/builders.ts';
import { xmlElement, type XmlElement } from '../cimxml/element.ts';
import { parseCimXmlResponse } from '../cimxml/parse-message.ts';
import type {
  CimErrorInfo,
  ExpMethodResponse,
  IMethodResponse,
  MethodResponse,
} from '../cimxml/parse-response.ts';
import {
  postCimXml,
  type AuthState,
  type WbemAuthMode,
  type WbemCredentials,
} from './http-post.ts';
import { cleanNamespace } from './args.ts';
import type { OperationRecorder } from './recorder.ts';
import { Statistics } from './statistics.ts';

/** Options of the WbemConnection constructor (as pywbem's WBEMConnection arguments). */
export interface WbemConnectionOptions {
  /** User and password for HTTP Basic or Digest auth, whichever the server asks for. */
  readonly creds?: WbemCredentials | null;
  /** HTTP authentication: 'auto' (default, answer the server's challenge), 'basic', 'digest'. */
  readonly auth?: WbemAuthMode;
  readonly defaultNamespace?: string;
  /** Seconds to wait for a response; null waits forever (pywbem `timeout`). */
  readonly timeout?: number | null;
  /** Largest response body accepted, in bytes (default 100 MiB). */
  readonly maxResponseBytes?: number;
  /** TLS settings for https URLs (CA, client certificate, verify), as src/tls takes them. */
  readonly tls?: ClientTlsInput;
  /** Pull operations in Iter*: true always, false never, null (default) try and fall back. */
  readonly usePullOperations?: boolean | null;
  /** Keep per-operation statistics (pywbem `stats_enabled`). */
  readonly statsEnabled?: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 5988, 'https:': 5989 };

/**
 * Makes `url` absolute with scheme and port; bare hosts get https (as pywbem).
 * @throws KW_WBEM_CONNECTION for a scheme other than http and https
 */
export function normalizeWbemUrl(url: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  const parsed = new URL(withScheme);
  const port = DEFAULT_PORTS[parsed.protocol];
  if (port === undefined)
    throw new WbemConnectionError(`unsupported URL scheme ${parsed.protocol}`);
  if (parsed.port === '') parsed.port = String(port);
  return parsed;
}

/** CIMObject header value for a namespace: URI-encoded, '/' kept (DSP0200 §6.3.2.4). */
export function cimObjectHeader(namespace: string): string {
  return namespace.split('/').map(encodeURIComponent).join('/');
}

/** Transport, request bookkeeping and hooks shared by all WBEM operations. */
export class WbemConnectionCore {
  readonly url: URL;
  readonly defaultNamespace: string;
  readonly usePullOperations: boolean | null;
  /** Per-operation statistics; counts only while `enabled`. */
  readonly statistics: Statistics;
  /** Recorders that see each operation's arguments, HTTP exchange and result. */
  readonly operationRecorders: OperationRecorder[] = [];
  /** CIM-XML of the last request and response, and their sizes in bytes (pywbem `last_*`). */
  lastRawRequest: string | null = null;
  lastRawReply: string | null = null;
  lastRequestLen = 0;
  lastReplyLen = 0;
  /** Seconds the last operation took, and the server's WBEMServerResponseTime (µs), if sent. */
  lastOperationTime: number | null = null;
  lastServerResponseTime: number | null = null;
  readonly #creds: WbemCredentials | null;
  readonly #timeoutMs: number | null;
  readonly #maxResponseBytes: number;
  readonly #agent: Agent;
  readonly #auth: AuthState;
  #messageId = 1000;

  /** @throws KW_WBEM_CONNECTION for a bad URL; KW_TLS_* for unusable TLS settings */
  constructor(url: string, options: WbemConnectionOptions = {}) {
    this.url = normalizeWbemUrl(url);
    this.defaultNamespace = cleanNamespace(options.defaultNamespace ?? 'root/cimv2');
    this.#creds = options.creds ?? null;
    this.#timeoutMs =
      options.timeout === undefined || options.timeout === null ? null : options.timeout * 1000;
    this.#maxResponseBytes = options.maxResponseBytes ?? 100 * 1024 * 1024;
    this.#auth = { mode: options.auth ?? 'auto', scheme: null, digest: null };
    this.usePullOperations = options.usePullOperations ?? null;
    this.statistics = new Statistics(options.statsEnabled ?? false);
    const connect =
      this.url.protocol === 'https:'
        ? { ...buildClientTlsOptions({ servername: this.url.hostname, ...options.tls }) }
        : undefined;
    this.#agent = new Agent({ keepAliveTimeout: 10_000, ...(connect ? { connect } : {}) });
  }

  /** Host (and port) of the server, as pywbem puts it into paths of Iter* results. */
  get host(): string {
    return this.url.host;
  }

  /** Closes the keep-alive sockets. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  /**
   * Runs one operation with statistics and recorders around it; parse errors get the raw
   * request and response attached (as pywbem's `request_data` / `response_data`).
   */
  async runOperation<T>(
    name: string,
    args: Readonly<Record<string, unknown>>,
    run: () => Promise<T>,
  ): Promise<T> {
    this.lastRawRequest = null;
    this.lastRawReply = null;
    this.lastRequestLen = 0;
    this.lastReplyLen = 0;
    const info = {
      url: this.url.href,
      defaultNamespace: this.defaultNamespace,
      timeout: this.#timeoutMs === null ? null : this.#timeoutMs / 1000,
    };
    for (const r of this.operationRecorders) r.reset(name, args, info);
    const started = performance.now();
    let error: unknown = null;
    let result: T | undefined;
    try {
      result = await run();
      return result;
    } catch (err) {
      if (err instanceof WbemParseError) {
        err.requestData = this.lastRawRequest;
        err.responseData = this.lastRawReply;
      }
      error = err;
      throw err;
    } finally {
      this.lastOperationTime = (performance.now() - started) / 1000;
      this.statistics.record(name, {
        seconds: this.lastOperationTime,
        serverSeconds:
          this.lastServerResponseTime === null ? null : this.lastServerResponseTime / 1e6,
        requestLen: this.lastRequestLen,
        replyLen: this.lastReplyLen,
        failed: error !== null,
      });
      for (const r of this.operationRecorders) r.record(result ?? null, error);
    }
  }

  /**
   * POSTs a CIM-XML document and parses the response message. Requests go without an XML
   * declaration, as pywbem 1.x sends them (its recorded request lengths count none).
   */
  async #exchange(body: string, headers: Record<string, string>) {
    this.lastRawRequest = body;
    this.lastRequestLen = Buffer.byteLength(body, 'utf8');
    for (const r of this.operationRecorders)
      r.stageHttpRequest({ url: this.url.href, headers, body });
    const res = await postCimXml({
      url: new URL('/cimom', this.url).href,
      body,
      headers,
      creds: this.#creds,
      auth: this.#auth,
      timeoutMs: this.#timeoutMs,
      maxResponseBytes: this.#maxResponseBytes,
      dispatcher: this.#agent,
      onResponse: (status, resHeaders, raw) => {
        this.lastRawReply = raw;
        this.lastReplyLen = Buffer.byteLength(raw, 'utf8');
        const srt = resHeaders['wbemserverresponsetime'];
        this.lastServerResponseTime = srt !== undefined && /^\d+$/.test(srt) ? Number(srt) : null;
        for (const r of this.operationRecorders) {
          r.stageHttpResponse({ status, headers: resHeaders, body: raw });
        }
      },
    });
    return parseCimXmlResponse(res.body).body;
  }

  #nextMessageId(): string {
    this.#messageId += 1;
    return String(this.#messageId);
  }

  /**
   * Sends one intrinsic method call (null and undefined parameters are left out) and returns
   * the checked IMETHODRESPONSE.
   * @throws CimError for an ERROR element; KW_WBEM_CIMXML_PARSE when the response is for another
   *   method, or has a return value where none is expected
   */
  async imethodcall(
    name: string,
    namespace: string,
    params: Readonly<Record<string, unknown>>,
    expect: { hasReturnValue?: boolean } = {},
  ): Promise<IMethodResponse> {
    const paramXml: XmlElement[] = [];
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null) paramXml.push(iparamValue(key, value));
    }
    const body = cimMessage(imethodCall(name, namespace, paramXml), {
      messageId: this.#nextMessageId(),
    }).toXml();
    const resp = await this.#exchange(body, {
      CIMOperation: 'MethodCall',
      CIMMethod: name,
      CIMObject: cimObjectHeader(namespace),
    });
    if (resp.kind !== 'IMETHODRESPONSE' || resp.name !== name) {
      throw new CimXmlParseError(
        `expected IMETHODRESPONSE for ${name}, got ${resp.kind} ${resp.name}`,
      );
    }
    if (resp.error) throw cimError(resp.error, body);
    if (expect.hasReturnValue === false && (resp.returnValue !== null || resp.params.length > 0)) {
      throw new CimXmlParseError(`${name} response has a return value, but none was expected`);
    }
    return resp;
  }

  /**
   * Sends one extrinsic method call to `target` (a LOCALCLASSPATH or LOCALINSTANCEPATH element)
   * and returns the checked METHODRESPONSE.
   * @throws CimError; KW_WBEM_CIMXML_PARSE when the response is for another method
   */
  async methodcall(
    name: string,
    target: { readonly xml: XmlElement; readonly header: string },
    params: XmlElement[],
    extraHeaders: Readonly<Record<string, string>> = {},
  ): Promise<MethodResponse> {
    const req = xmlElement('SIMPLEREQ', {}, [
      xmlElement('METHODCALL', { NAME: name }, [target.xml, ...params]),
    ]);
    const body = cimMessage(req, { messageId: this.#nextMessageId() }).toXml();
    const resp = await this.#exchange(body, {
      CIMOperation: 'MethodCall',
      CIMMethod: name,
      CIMObject: target.header,
      ...extraHeaders,
    });
    if (resp.kind !== 'METHODRESPONSE' || resp.name !== name) {
      throw new CimXmlParseError(
        `expected METHODRESPONSE for ${name}, got ${resp.kind} ${resp.name}`,
      );
    }
    if (resp.error) throw cimError(resp.error, body);
    return resp;
  }

  /**
   * Sends an export request (SIMPLEEXPREQ, DSP0200 §6.3.1: CIMExport header) to a listener.
   * @throws CimError; KW_WBEM_CIMXML_PARSE when the response is not for this export method
   */
  async exportcall(name: string, request: XmlElement): Promise<ExpMethodResponse> {
    const body = cimMessage(request, { messageId: this.#nextMessageId() }).toXml();
    const resp = await this.#exchange(body, {
      CIMExport: 'MethodRequest',
      CIMExportMethod: name,
    });
    if (resp.kind !== 'EXPMETHODRESPONSE' || resp.name !== name) {
      throw new CimXmlParseError(
        `expected EXPMETHODRESPONSE for ${name}, got ${resp.kind} ${resp.name}`,
      );
    }
    if (resp.error) throw cimError(resp.error, body);
    return resp;
  }
}

function cimError(info: CimErrorInfo, requestData: string): CimError {
  const err = new CimError(info.code, info.description, info.instances);
  err.requestData = requestData;
  return err;
}
