/**
 * The HTTP layer of a WBEM connection: one CIM-XML POST to /cimom (DSP0200 §6), with Basic auth,
 * a timeout and a response size limit. Uses undici; maps failures to the src/wbem errors.
 */
import type { Agent } from 'undici';
import { request, errors as undiciErrors } from 'undici';
import {
  WbemAuthError,
  WbemConnectionError,
  WbemHttpError,
  WbemTimeoutError,
  HeaderParseError,
} from '../errors.ts';

/** What one CIM operation request needs from the HTTP layer. */
export interface CimPostRequest {
  readonly url: string;
  readonly body: string;
  /** Extra headers (CIMOperation, CIMMethod, CIMObject). */
  readonly headers: Readonly<Record<string, string>>;
  readonly creds: { readonly user: string; readonly password: string } | null;
  readonly timeoutMs: number | null;
  readonly maxResponseBytes: number;
  readonly dispatcher: Agent;
}

/** The raw response of a successful POST. */
export interface CimPostResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * POSTs a CIM-XML request and returns the response body.
 * @throws KW_WBEM_AUTH on HTTP 401 or TLS verification failure, KW_WBEM_TIMEOUT,
 *   KW_WBEM_CONNECTION, KW_WBEM_HTTP for other statuses, KW_WBEM_HEADER_PARSE for a bad
 *   Content-Type
 */
export async function postCimXml(req: CimPostRequest): Promise<CimPostResponse> {
  const headers: Record<string, string> = {
    'content-type': 'application/xml; charset="utf-8"',
    'accept-encoding': 'identity',
    ...req.headers,
  };
  if (req.creds) {
    // RFC 7617: user-id ":" password, UTF-8, base64.
    const token = Buffer.from(`${req.creds.user}:${req.creds.password}`, 'utf8').toString('base64');
    headers['authorization'] = `Basic ${token}`;
  }
  const signal = req.timeoutMs === null ? undefined : AbortSignal.timeout(req.timeoutMs);
  let res;
  try {
    res = await request(req.url, {
      method: 'POST',
      body: req.body,
      headers,
      dispatcher: req.dispatcher,
      signal,
    });
  } catch (err) {
    throw mapRequestError(err, signal);
  }
  const resHeaders = flatHeaders(res.headers);
  let size = 0;
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of res.body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size > req.maxResponseBytes) {
        res.body.destroy();
        throw new WbemConnectionError(`response exceeds ${req.maxResponseBytes} bytes`);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof WbemConnectionError) throw err;
    throw mapRequestError(err, signal);
  }
  const body = Buffer.concat(chunks).toString('utf8');
  if (res.statusCode === 401) {
    throw new WbemAuthError('server rejected the credentials (HTTP 401)');
  }
  if (res.statusCode !== 200) {
    const details: Record<string, string> = {};
    if (resHeaders['pgerrordetail'])
      details['PGErrorDetail'] = decodeURIComponent(resHeaders['pgerrordetail']);
    const error = new WbemHttpError(res.statusCode, reasonPhrase(res.statusCode), {
      cimError: resHeaders['cimerror'] ?? null,
      cimDetails: details,
    });
    error.requestData = req.body;
    error.responseData = body;
    throw error;
  }
  const contentType = resHeaders['content-type'] ?? '';
  if (!/^(application|text)\/xml\b/i.test(contentType)) {
    throw new HeaderParseError(
      `unexpected Content-Type of the response: ${contentType.slice(0, 80)}`,
    );
  }
  return { status: res.statusCode, headers: resHeaders, body };
}

function mapRequestError(err: unknown, signal: AbortSignal | undefined): Error {
  if (
    signal?.aborted ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError
  ) {
    return new WbemTimeoutError('timed out waiting for the WBEM server', { cause: err });
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new WbemAuthError(`TLS verification failed (${code})`, { cause: err });
  }
  return new WbemConnectionError(
    `connection to the WBEM server failed${typeof code === 'string' ? ` (${code})` : ''}`,
    { cause: err },
  );
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'HTTP error';
}
