/**
 * Test support: runs one pywbem testclient case as pywbem's runner
 * (tests/functiontest/conftest.py) does: a local HTTP server serves the recorded response, our
 * WbemConnection runs the recorded operation, and the request, result or exception, lengths
 * and statistics are compared. Used by the replay of pywbem's cases and by the recorder tests.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  WbemConnection,
  isClassName,
  isInstanceName,
  type CimError,
  type CimInstance,
} from '../../../../src/wbem/index.ts';
import { fromYaml, type TestClientCase } from './pywbem-yaml.ts';
import { callOperation } from './replay-call.ts';
import { pyEquals } from './replay-compare.ts';
import { normalizeXmlText } from './xml-compare.ts';

/** pywbem exception class → our error codes. */
const EXCEPTION_CODES: Readonly<Record<string, readonly string[]>> = {
  CIMError: ['KW_WBEM_CIM_ERROR'],
  TypeError: ['KW_WBEM_TYPE'],
  ValueError: ['KW_WBEM_INVALID_VALUE', 'KW_WBEM_INTEGER_RANGE', 'KW_WBEM_DATETIME_FORMAT'],
  CIMXMLParseError: ['KW_WBEM_CIMXML_PARSE'],
  XMLParseError: ['KW_WBEM_XML_PARSE'],
  HeaderParseError: ['KW_WBEM_HEADER_PARSE'],
  ConnectionError: ['KW_WBEM_CONNECTION'],
  TimeoutError: ['KW_WBEM_TIMEOUT'],
  AuthError: ['KW_WBEM_AUTH'],
  HTTPError: ['KW_WBEM_HTTP'],
};

/** Transport failures of pywbem's mock (http_response.exception) that make the client wait. */
const HANGING = new Set(['requests_read_timeout', 'requests_retry_error', 'socket_timeout']);

/** The request the replay server saw last. */
export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A recorded http_response. */
export interface Resp {
  status?: number;
  headers?: Record<string, string>;
  data?: string;
  exception?: string;
}

interface HttpRequestCase {
  verb?: string;
  url?: string;
  headers?: Record<string, string>;
  data?: string;
}

/** pywbem's expected objects carry the mock's host; ours come from a server on port 0. */
function rehost(value: unknown, from: string, host: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rehost(v, from, host));
  if (isInstanceName(value) || isClassName(value)) {
    if (value.host === from) value.host = host;
    return value;
  }
  if (value !== null && typeof value === 'object' && 'path' in value) {
    const holder = value as { path: unknown };
    const path = holder.path;
    if (isInstanceName(path) || isClassName(path)) {
      rehost(path, from, host);
      holder.path = path;
    }
  }
  return value;
}

function isEmptyMap(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** What the replay server answers and what it saw last. */
export interface ReplayState {
  current: Resp | null;
  seen: Seen | null;
}

/** A local server that answers with the current case's recorded response. */
export interface ReplayServer extends ReplayState {
  readonly base: string;
  readonly host: string;
  close(): Promise<void>;
}

/** Starts the replay server; runTestClientCase sets what it answers. */
export async function startReplayServer(): Promise<ReplayServer> {
  const state: ReplayState = { current: null, seen: null };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      state.seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      const r = state.current ?? {};
      if (r.exception === 'requests_connection_error' || r.exception === 'socket_104') {
        req.socket.destroy();
      } else if (r.exception !== undefined && HANGING.has(r.exception)) {
        // no answer: the client times out
      } else if (r.exception !== undefined) {
        // requests_http_error / requests_ssl_error: bytes that are no HTTP response
        req.socket.end('\x15\x03\x03\x00\x02\x02\x28 not HTTP\r\n\r\n');
      } else {
        const headers: Record<string, string> = { ...r.headers };
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
          headers['Content-Type'] = 'application/xml; charset="utf-8"';
        }
        res.writeHead(r.status ?? 200, headers).end(Buffer.from(r.data ?? '', 'utf8'));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    base: `http://${host}`,
    host,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}

/** Runs one case against the replay server; throws an AssertionError where it differs. */
export async function runTestClientCase(c: TestClientCase, srv: ReplayServer): Promise<void> {
  const base = srv.base;
  const host = srv.host;
  const req = c.pywbem_request as Record<string, unknown>;
  const resp = (c.http_response ?? null) as Resp | null;
  srv.current = resp;
  srv.seen = null;
  const creds = req['creds'] as string[] | null | undefined;
  const hangs = resp?.exception !== undefined && HANGING.has(resp.exception);
  const conn = new WbemConnection(base, {
    defaultNamespace: (req['namespace'] as string | undefined) ?? 'root/cimv2',
    creds: creds ? { user: String(creds[0]), password: String(creds[1]) } : null,
    // A hanging mock makes pywbem wait `timeout` seconds; we keep that wait short.
    timeout: hangs ? 0.3 : Number(req['timeout'] ?? 10),
    statsEnabled: req['stats-enabled'] === true,
    auth: 'basic',
  });
  try {
    const expected = c.pywbem_response ?? {};
    let result: unknown;
    let error: unknown = null;
    try {
      result = await callOperation(conn, req['operation'] as Record<string, unknown>);
    } catch (err) {
      error = err;
    }
    const status = (expected['cim_status'] as number | undefined) ?? 0;
    const exception = status !== 0 ? 'CIMError' : (expected['exception'] as string | undefined);
    if (exception !== undefined) {
      assert.ok(error !== null, `expected ${exception}, got a result`);
      const code = (error as { code?: string }).code ?? String(error);
      assert.ok(
        EXCEPTION_CODES[exception]?.includes(code),
        `expected ${exception}, got ${code}: ${String(error)}`,
      );
      if (exception === 'CIMXMLParseError' || exception === 'XMLParseError') {
        const e = error as { requestData: unknown; responseData: unknown };
        assert.equal(e.requestData, conn.lastRawRequest);
        assert.equal(e.responseData, conn.lastRawReply);
      }
    } else if (error !== null) {
      throw error;
    }
    if (status !== 0) {
      assert.equal((error as CimError).statusCode, status);
      const want = fromYaml(expected['error_instances'] ?? null) as CimInstance[] | null;
      const got = (error as CimError).instances;
      if (want !== null) assert.ok(pyEquals(got, want), 'error instances differ');
      else assert.ok(got === null || got.length === 0);
    }
    checkRequest(c, srv.seen);
    checkLengths(conn, expected);
    if (exception === undefined) checkResult(c, result, expected, host);
  } finally {
    await conn.close();
  }
}

function checkRequest(c: TestClientCase, seen: Seen | null): void {
  const exp = c.http_request as HttpRequestCase | undefined;
  if (exp === undefined) return;
  assert.ok(seen !== null, 'no HTTP request was sent');
  assert.equal(seen.method, exp.verb);
  assert.equal(seen.url, new URL(exp.url ?? '').pathname);
  for (const [name, value] of Object.entries(exp.headers ?? {})) {
    assert.equal(seen.headers[name.toLowerCase()], String(value), `header ${name}`);
  }
  assert.deepEqual(normalizeXmlText(seen.body), normalizeXmlText(exp.data ?? ''));
}

function checkLengths(conn: WbemConnection, expected: Record<string, unknown>): void {
  const reqLen = expected['request_len'];
  const replyLen = expected['reply_len'];
  const stats = conn.statistics.snapshot();
  if (typeof reqLen === 'number') {
    assert.equal(conn.lastRequestLen, reqLen, 'request length');
    if (conn.statistics.enabled) {
      assert.equal(stats.length, 1);
      assert.equal(stats[0]?.[1].count, 1);
      assert.equal(stats[0]?.[1].minRequestLen, reqLen);
    }
  }
  if (typeof replyLen === 'number') {
    assert.equal(conn.lastReplyLen, replyLen, 'reply length');
    if (conn.statistics.enabled) assert.equal(stats[0]?.[1].maxReplyLen, replyLen);
  }
}

function checkResult(
  c: TestClientCase,
  result: unknown,
  expected: Record<string, unknown>,
  host: string,
) {
  // The recorded host as pywbem writes it into paths (with the port, even the default one).
  const recordedUrl = String(c.pywbem_request?.['url'] ?? 'http://acme.com:80');
  const recorded = {
    host: /^[a-z]+:\/\/([^/]+)/i.exec(recordedUrl)?.[1] ?? '',
    hostname: new URL(recordedUrl).hostname,
  };
  const fromResponse = (c.http_response?.data ?? '').includes(recorded.hostname);
  const exp = (v: unknown) =>
    fromResponse ? fromYaml(v) : rehost(fromYaml(v), recorded.host, host);
  if ('pullresult' in expected) {
    const want = expected['pullresult'] as Record<string, unknown>;
    const got = result as Record<string, unknown>;
    assert.equal(got['eos'], want['eos']);
    assert.deepEqual(got['context'] ?? null, want['context'] ?? null);
    const key = 'instances' in want ? 'instances' : 'paths';
    assert.ok(pyEquals(got[key], exp(want[key])), `${key} differ`);
    if ('query_result_class' in want) {
      assert.ok(pyEquals(got['queryResultClass'] ?? null, exp(want['query_result_class'])));
    }
    return;
  }
  const want = expected['result'];
  if (want === undefined || isEmptyMap(want)) {
    assert.equal(result ?? null, null);
    return;
  }
  if (c.pywbem_request?.operation?.['pywbem_method'] === 'InvokeMethod') {
    const [rv, out] = want as [unknown, unknown];
    const got = result as { returnValue: unknown; outParams: unknown };
    assert.ok(pyEquals(got.returnValue, exp(rv)), 'return value differs');
    assert.ok(pyEquals(got.outParams, exp(out ?? {})), 'output parameters differ');
    return;
  }
  assert.ok(pyEquals(result, exp(want)), 'result differs');
}
