/**
 * The HTTP layer of a WBEM connection: one CIM-XML POST to /cimom (DSP0200 §6) through undici,
 * with HTTP authentication (Basic, RFC 7617; Digest, RFC 7616), a timeout and a response size
 * limit. Maps failures to the src/wbem errors.
 */
import type { Agent } from 'undici';
import { request, errors as undiciErrors } from 'undici';
import {
  CimError,
  WbemAuthError,
  WbemConnectionError,
  WbemHttpError,
  WbemTimeoutError,
  HeaderParseError,
} from '../errors.ts';
import { DigestSession, pickDigestChallenge } from './digest-auth.ts';
import { parseWwwAuthenticate } from './www-authenticate.ts';

/** User and password for HTTP authentication. */
export interface WbemCredentials {
  readonly user: string;
  readonly password: string;
}

/**
 * Which HTTP authentication to use. 'auto' (default): no credentials until the server
 * challenges, then Digest if offered, else Basic, remembered for the connection. 'basic':
 * Basic on every request without waiting for a challenge (as pywbem). 'digest': Digest only.
 */
export type WbemAuthMode = 'auto' | 'basic' | 'digest';

/** Authentication state of one connection (kept between requests). */
export interface AuthState {
  readonly mode: WbemAuthMode;
  scheme: 'basic' | 'digest' | null;
  digest: DigestSession | null;
}

/** What one CIM operation request needs from the HTTP layer. */
export interface CimPostRequest {
  readonly url: string;
  readonly body: string;
  /** Extra headers (CIMOperation, CIMMethod, CIMObject). */
  readonly headers: Readonly<Record<string, string>>;
  readonly creds: WbemCredentials | null;
  readonly auth: AuthState;
  readonly timeoutMs: number | null;
  readonly maxResponseBytes: number;
  readonly dispatcher: Agent;
  /** Called with every final response (status, lower-case headers, body text). */
  readonly onResponse?: (status: number, headers: Record<string, string>, body: string) => void;
}

/** The raw response of a successful POST. */
export interface CimPostResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** HTTP trailers of a chunked response (lower-case names). */
  readonly trailers: Readonly<Record<string, string>>;
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function authorizationFor(req: CimPostRequest, path: string): string | null {
  const { creds, auth } = req;
  if (!creds) return null;
  if (auth.scheme === 'digest' && auth.digest)
    return auth.digest.authorization(creds, 'POST', path);
  if (auth.scheme === 'basic' || auth.mode === 'basic') {
    // RFC 7617: user-id ":" password, UTF-8, base64.
    return `Basic ${Buffer.from(`${creds.user}:${creds.password}`, 'utf8').toString('base64')}`;
  }
  return null;
}

/**
 * Decides how to answer a 401: true to retry with new authentication state.
 * A stale Digest nonce (RFC 7616 §3.3) may be retried; wrong credentials may not.
 */
function answerChallenge(req: CimPostRequest, header: string, sentAuth: string | null): boolean {
  const { auth, creds } = req;
  if (!creds) return false;
  const challenges = parseWwwAuthenticate(header);
  const digestChallenge = auth.mode === 'basic' ? null : pickDigestChallenge(challenges);
  if (digestChallenge) {
    const session = new DigestSession(digestChallenge);
    if (sentAuth?.startsWith('Digest ') && !session.isStale) return false;
    auth.scheme = 'digest';
    auth.digest = session;
    return true;
  }
  if (auth.mode !== 'digest' && challenges.some((c) => c.scheme === 'basic')) {
    if (sentAuth?.startsWith('Basic ')) return false;
    auth.scheme = 'basic';
    return true;
  }
  return false;
}

/**
 * POSTs a CIM-XML request and returns the response body, answering auth challenges.
 * @throws KW_WBEM_AUTH on HTTP 401 that the credentials cannot satisfy, KW_WBEM_TIMEOUT,
 *   KW_WBEM_CONNECTION, KW_WBEM_HTTP for other statuses, KW_WBEM_HEADER_PARSE for a bad
 *   Content-Type
 */
export async function postCimXml(req: CimPostRequest): Promise<CimPostResponse> {
  const path = new URL(req.url).pathname;
  // Three rounds at most: challenge, answer, one stale-nonce retry.
  for (let round = 0; ; round += 1) {
    const headers: Record<string, string> = {
      'content-type': 'application/xml; charset="utf-8"',
      'accept-encoding': 'identity',
      // DSP0200 §7.4.x: we read the CIMStatusCode trailer of chunked responses.
      te: 'trailers',
      ...req.headers,
    };
    const authorization = authorizationFor(req, path);
    if (authorization) headers['authorization'] = authorization;
    const res = await send(req, headers);
    if (res.status === 401) {
      const challenge = res.headers['www-authenticate'] ?? '';
      if (round < 2 && answerChallenge(req, challenge, authorization)) continue;
      req.onResponse?.(res.status, res.headers, res.body);
      throw new WbemAuthError('server rejected the credentials (HTTP 401)');
    }
    req.onResponse?.(res.status, res.headers, res.body);
    if (res.status !== 200) {
      const details: Record<string, string> = {};
      const pg = res.headers['pgerrordetail'];
      if (pg) details['PGErrorDetail'] = safeDecode(pg);
      const error = new WbemHttpError(res.status, reasonPhrase(res.status), {
        cimError: res.headers['cimerror'] ?? null,
        cimDetails: details,
      });
      error.requestData = req.body;
      error.responseData = res.body;
      throw error;
    }
    // An error after the server started a chunked response comes as CIMStatusCode trailer;
    // the body is then incomplete.
    const trailerCode = res.trailers['cimstatuscode'];
    if (
      trailerCode !== undefined &&
      /^\d+$/.test(trailerCode.trim()) &&
      Number(trailerCode) !== 0
    ) {
      const description = res.trailers['cimstatuscodedescription'];
      const error = new CimError(
        Number(trailerCode),
        description === undefined ? null : safeDecode(description),
      );
      error.requestData = req.body;
      throw error;
    }
    const contentType = res.headers['content-type'] ?? '';
    if (!/^(application|text)\/xml\b/i.test(contentType)) {
      throw new HeaderParseError(
        `unexpected Content-Type of the response: ${contentType.slice(0, 80)}`,
      );
    }
    return res;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function send(
  req: CimPostRequest,
  headers: Record<string, string>,
): Promise<CimPostResponse> {
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
  return {
    status: res.statusCode,
    headers: flatHeaders(res.headers),
    body: Buffer.concat(chunks).toString('utf8'),
    trailers: flatHeaders(res.trailers),
  };
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
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME/.test(code)) {
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
