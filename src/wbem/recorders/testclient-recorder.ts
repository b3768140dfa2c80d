/**
 * TestClientRecorder: writes each operation as a test case in the YAML format of pywbem's
 * testclient suite (tests/functiontest/*.yaml), so that cases recorded here replay in pywbem's
 * runner and in ours (test/unit/wbem/testclient). Credentials are never written: `creds` are
 * the placeholders the pywbem fixtures use, Authorization headers are left out, and
 * secret-named parameters are redacted (such a case then no longer replays byte for byte).
 */
import type { CimError } from '../errors.ts';
import {
  BaseOperationRecorder,
  type HttpRequestRecord,
  type HttpResponseRecord,
  type OpArgs,
  type OpResult,
  type RecorderConnectionInfo,
} from '../connection/recorder.ts';
import { toPywbemYaml } from './pywbem-objects.ts';
import { redactArgs, redactCimXml } from './redact.ts';
import { toYaml, type YamlValue } from './yaml-emit.ts';

/** Our error codes → the pywbem exception class a recorded case expects. */
const PYWBEM_EXCEPTIONS: Readonly<Record<string, string>> = {
  KW_WBEM_TYPE: 'TypeError',
  KW_WBEM_INVALID_VALUE: 'ValueError',
  KW_WBEM_INTEGER_RANGE: 'ValueError',
  KW_WBEM_DATETIME_FORMAT: 'ValueError',
  KW_WBEM_CIMXML_PARSE: 'CIMXMLParseError',
  KW_WBEM_XML_PARSE: 'XMLParseError',
  KW_WBEM_HEADER_PARSE: 'HeaderParseError',
  KW_WBEM_CONNECTION: 'ConnectionError',
  KW_WBEM_TIMEOUT: 'TimeoutError',
  KW_WBEM_AUTH: 'AuthError',
  KW_WBEM_HTTP: 'HTTPError',
};

/** Request headers a testclient case checks (DSP0200 §6.3). */
const CHECKED_HEADERS = [
  'CIMOperation',
  'CIMMethod',
  'CIMObject',
  'CIMExport',
  'CIMExportMethod',
  'Pragma',
];

/** Options of TestClientRecorder. */
export interface TestClientRecorderOptions {
  /** Receives each case as YAML text: one list item, so appending them makes a valid file. */
  readonly write: (yamlCase: string) => void;
  /** Description written into each case. */
  readonly description?: string;
}

function pullResult(ret: Record<string, unknown>): YamlValue {
  const out: { [k: string]: YamlValue } = {};
  if ('instances' in ret) out['instances'] = toPywbemYaml(ret['instances']);
  if ('paths' in ret) out['paths'] = toPywbemYaml(ret['paths']);
  out['eos'] = ret['eos'] === true;
  out['context'] = toPywbemYaml(ret['context'] ?? null);
  if ('queryResultClass' in ret) out['query_result_class'] = toPywbemYaml(ret['queryResultClass']);
  return out;
}

function response(method: string, result: OpResult): YamlValue {
  if (result.exc !== null) {
    const err = result.exc as Partial<CimError> & { code?: string };
    if (err.code === 'KW_WBEM_CIM_ERROR') {
      const out: { [k: string]: YamlValue } = { cim_status: err.statusCode ?? 1 };
      if (err.instances && err.instances.length > 0)
        out['error_instances'] = toPywbemYaml(err.instances);
      return out;
    }
    return { exception: PYWBEM_EXCEPTIONS[err.code ?? ''] ?? 'Error' };
  }
  const ret = result.ret;
  if (ret === null || ret === undefined) return {};
  if (method.startsWith('Open') || method.startsWith('Pull')) {
    return { pullresult: pullResult(ret as Record<string, unknown>) };
  }
  if (method === 'InvokeMethod') {
    const r = ret as { returnValue: unknown; outParams: unknown };
    return { result: [toPywbemYaml(r.returnValue), toPywbemYaml(r.outParams)] };
  }
  return { result: toPywbemYaml(ret) };
}

/** Records operations as pywbem testclient YAML cases. */
export class TestClientRecorder extends BaseOperationRecorder {
  readonly #o: TestClientRecorderOptions;
  #count = 0;

  constructor(options: TestClientRecorderOptions) {
    super();
    this.#o = options;
  }

  protected recordStaged(
    args: OpArgs,
    result: OpResult,
    request: HttpRequestRecord | null,
    resp: HttpResponseRecord | null,
    conn: RecorderConnectionInfo,
  ): void {
    this.#count += 1;
    const url = conn.url.replace(/\/+$/, '');
    const operation: { [k: string]: YamlValue } = { pywbem_method: args.method };
    for (const [k, v] of Object.entries(redactArgs(args.args))) {
      if (v !== undefined) operation[k] = toPywbemYaml(v);
    }
    const testCase: { [k: string]: YamlValue } = {
      name: `${args.method}${this.#count}`,
      description: this.#o.description ?? `Recorded ${args.method}`,
      pywbem_request: {
        url,
        creds: ['username', 'password'],
        namespace: conn.defaultNamespace,
        timeout: conn.timeout,
        debug: false,
        operation,
      },
      pywbem_response: response(args.method, result),
    };
    if (request !== null) {
      const headers: { [k: string]: YamlValue } = {};
      for (const name of CHECKED_HEADERS) {
        const value = request.headers[name];
        if (value !== undefined) headers[name] = value;
      }
      testCase['http_request'] = {
        verb: 'POST',
        url: `${url}/cimom`,
        headers,
        // A replay starts a new connection, whose first message is 1001 (as in every case).
        data: redactCimXml(request.body).replace(/<MESSAGE ID="[^"]*"/, '<MESSAGE ID="1001"'),
      };
    }
    if (resp !== null) {
      const headers: { [k: string]: YamlValue } = {};
      for (const [k, v] of Object.entries(resp.headers)) {
        if (/^(cimoperation|cimexport|content-type|cimerror|cimstatuscode)$/i.test(k))
          headers[k] = v;
      }
      testCase['http_response'] = { status: resp.status, headers, data: redactCimXml(resp.body) };
    }
    this.#o.write(toYaml([testCase]));
  }
}
