/**
 * The full replay of pywbem's testclient cases (test/fixtures/wbem/testclient, 420 cases), as
 * pywbem's runner (tests/functiontest/conftest.py) does it: for each case our WbemConnection
 * runs the recorded operation against a local HTTP server that serves the recorded response;
 * the request we send must equal the recorded one (method, URL, listed headers, CIM-XML as a
 * tree), and the result must equal pywbem's, or the same exception (by code) must be raised.
 * Cases that cannot apply to us are listed in NOT_APPLICABLE with the reason; no other case
 * is left out.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  WbemConnection,
  isClassName,
  isInstanceName,
  type CimError,
  type CimInstance,
} from '../../../../src/wbem/index.ts';
import { fromYaml, loadTestClientCases, type TestClientCase } from '../support/pywbem-yaml.ts';
import { callOperation } from '../support/replay-call.ts';
import { pyEquals } from '../support/replay-compare.ts';
import { normalizeXmlText } from '../support/xml-compare.ts';

/**
 * Cases that do not apply, with the reason. Everything else must pass. These five are the
 * cases pywbem's own runner skips (`ignore_test: true`); we run every other case.
 */
const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'createclass.yaml:CreateClass2':
    'the recorded request writes real32/real64 values in the format of pywbem 0.x ' +
    '(1.23450000E+04); pywbem 1.x and we write 12345.0 (same number); pywbem skips it too',
  'modifyclass.yaml:ModifyClass2': 'same recording and reason as CreateClass2',
  'invokemethod.yaml:InvokeMethod7':
    "expects the text 'True' for an untyped PARAMVALUE holding <VALUE>TRUE</VALUE>; without " +
    "PARAMTYPE DSP0201 gives no type, so pywbem and we return the text 'TRUE'",
  'invokemethod.yaml:InvokeMethod9':
    'the expected output parameter is the Python expression string ' +
    '\'CIMClass("CIM_Blah")\', not a pywbem_object, so no result can equal it',
  'invokemethod.yaml:InvokeMethod11':
    'passes a list of plain maps ({ObjectName: …}) as a parameter value, which has no CIM ' +
    'type; pywbem and we refuse it (TypeError / KW_WBEM_TYPE) instead of sending the request',
};

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

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Resp {
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
function rehost(value: unknown, host: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rehost(v, host));
  if (isInstanceName(value) || isClassName(value)) {
    if (value.host === 'acme.com:80') value.host = host;
    return value;
  }
  if (value !== null && typeof value === 'object' && 'path' in value) {
    const holder = value as { path: unknown };
    const path = holder.path;
    if (isInstanceName(path) || isClassName(path)) {
      rehost(path, host);
      holder.path = path;
    }
  }
  return value;
}

function isEmptyMap(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

describe('testclient replay (pywbem tests/functiontest)', () => {
  const cases = loadTestClientCases();
  let server: http.Server;
  let base = '';
  let host = '';
  let current: Resp | null = null;
  let seen: Seen | null = null;

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        const r = current ?? {};
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
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `http://${host}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('has all 420 cases and a reason for each one that does not apply', () => {
    assert.equal(cases.length, 420);
    for (const id of Object.keys(NOT_APPLICABLE)) {
      assert.ok(
        cases.some((c) => c.id === id),
        `unknown case ${id}`,
      );
    }
  });

  for (const c of cases) {
    if (c.id in NOT_APPLICABLE) continue;
    it(c.id, () => runCase(c));
  }

  async function runCase(c: TestClientCase): Promise<void> {
    const req = c.pywbem_request as Record<string, unknown>;
    const resp = (c.http_response ?? null) as Resp | null;
    current = resp;
    seen = null;
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
      checkRequest(c);
      checkLengths(conn, expected);
      if (exception === undefined) checkResult(c, result, expected);
    } finally {
      await conn.close();
    }
  }

  function checkRequest(c: TestClientCase): void {
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

  function checkResult(c: TestClientCase, result: unknown, expected: Record<string, unknown>) {
    const fromResponse = (c.http_response?.data ?? '').includes('acme.com');
    const exp = (v: unknown) => (fromResponse ? fromYaml(v) : rehost(fromYaml(v), host));
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
});
