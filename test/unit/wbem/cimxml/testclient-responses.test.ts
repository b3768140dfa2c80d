/**
 * Every CIM-XML response body of pywbem's 420 testclient cases (test/fixtures/wbem/testclient)
 * goes through parseCimXml: bodies of successful and CIMError cases parse into objects,
 * XMLParseError cases raise XmlParseError, CIMXMLParseError cases raise CimXmlParseError —
 * except the listed ones, where pywbem's operation layer (not the parser) finds the fault.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CimInstance,
  parseCimXml,
  readPullState,
  type IMethodResponse,
} from '../../../../src/wbem/index.ts';
import { fromYaml, loadTestClientCases } from '../support/pywbem-yaml.ts';

/** CIMXMLParseError cases whose XML is valid CIM-XML; the operation checks it (next layer). */
const OPERATION_LEVEL: Readonly<Record<string, string>> = {
  'associators_instances.yaml:Associators_InstancesF3': 'CLASS returned for instances',
  'createinstance.yaml:CreateInstanceE2': 'IRETURNVALUE missing',
  'createinstance.yaml:CreateInstanceE3': 'INSTANCENAME missing',
  'createinstance.yaml:CreateInstanceE4': 'CLASSNAME returned instead of INSTANCENAME',
  'deleteinstance.yaml:DeleteInstance2': 'return value where none is expected',
  'deleteinstance.yaml:DeleteInstanceError3': 'IRETURNVALUE where none is expected',
  'enumerateclassnames.yaml:EnumerateClassNamesF2': 'INSTANCENAME returned for class names',
  'enumerateinstancenames.yaml:EnumerateInstanceNamesF8': 'CLASSNAME returned for instance names',
  'getinstance.yaml:GetInstanceE8': 'IRETURNVALUE missing',
  'getinstance.yaml:GetInstanceE9': 'IRETURNVALUE empty',
  'getinstance.yaml:GetInstanceError11': 'CLASS returned for an instance',
  'getqualifier.yaml:GetQualifierF4': 'no qualifier declaration returned',
  'headers.yaml:ResponseContentTypeError4#2': 'IMETHODRESPONSE NAME differs from the request',
  'invalidexpresponseerror.yaml:InvalidExportResponse5': 'EXPMETHODRESPONSE NAME differs',
  'invalidexpresponseerror.yaml:InvalidExportResponse10': 'response to a different request',
  'invokemethod.yaml:InvokeMethodError5': 'RETURNVALUE without a value',
  'invokemethod.yaml:InvokeMethodError6': 'METHODRESPONSE NAME differs from the request',
  'pullinstances.yaml:PullInstancesF6': 'pull state: readPullState',
  'pullinstances.yaml:PullInstancesF7': 'pull state: readPullState',
  'pullinstances.yaml:PullInstancesF8': 'pull state: readPullState',
  'pullinstanceswithpath.yaml:PullInstancesWithPathF6': 'pull state: readPullState',
  'pullinstanceswithpath.yaml:PullInstancesWithPathF7': 'pull state: readPullState',
};

const cases = loadTestClientCases();

describe('testclient response bodies', () => {
  it('covers the 420 cases of the fixtures, 406 of them with a response body', () => {
    assert.equal(cases.length, 420);
    assert.equal(cases.filter((c) => typeof c.http_response?.data === 'string').length, 406);
  });

  for (const c of cases) {
    const body = c.http_response?.data;
    if (typeof body !== 'string') continue;
    const expected = c.pywbem_response?.['exception'];
    if (expected === 'XMLParseError') {
      it(`${c.id}: raises XmlParseError with a position`, () => {
        assert.throws(
          () => parseCimXml(body),
          (e: { code?: string; line?: unknown }) => {
            assert.equal(e.code, 'KW_WBEM_XML_PARSE');
            return true;
          },
        );
      });
    } else if (expected === 'CIMXMLParseError' && !(c.id in OPERATION_LEVEL)) {
      it(`${c.id}: raises CimXmlParseError at the offending element`, () => {
        assert.throws(
          () => parseCimXml(body),
          (e: { code?: string; line?: number | null }) => {
            assert.equal(e.code, 'KW_WBEM_CIMXML_PARSE');
            assert.equal(typeof e.line, 'number');
            return true;
          },
        );
      });
    } else {
      it(`${c.id}: parses into objects`, () => {
        const message = parseCimXml(body);
        assert.equal(message.cimVersion, '2.0');
        const status = c.pywbem_response?.['cim_status'];
        if (typeof status === 'number' && 'error' in message.body) {
          assert.equal(message.body.error?.code, status);
        }
      });
    }
  }
});

describe('testclient results compared with the parsed objects', () => {
  const getInstances = cases.filter(
    (c) =>
      c.pywbem_request?.operation?.['pywbem_method'] === 'GetInstance' &&
      c.pywbem_response?.['result'] !== undefined &&
      typeof c.http_response?.data === 'string',
  );

  it('has GetInstance successes to compare (all types, embedded objects, odd characters)', () => {
    assert.ok(getInstances.length >= 30, String(getInstances.length));
  });

  for (const c of getInstances) {
    it(`${c.id}: the parsed instance equals pywbem's result (path aside)`, () => {
      const body = parseCimXml(c.http_response?.data as string).body as IMethodResponse;
      const parsed = body.returnValue?.items[0];
      assert.ok(parsed instanceof CimInstance);
      const expected = fromYaml(c.pywbem_response?.['result']) as CimInstance;
      expected.path = null; // the operation layer sets it from the request
      assert.ok(parsed.equals(expected), `${parsed.toMof()}\n!=\n${expected.toMof()}`);
    });
  }

  const pulls = cases.filter(
    (c) =>
      c.pywbem_response?.['pullresult'] !== undefined && typeof c.http_response?.data === 'string',
  );
  for (const c of pulls) {
    it(`${c.id}: EndOfSequence and EnumerationContext read as pywbem`, () => {
      const body = parseCimXml(c.http_response?.data as string).body as IMethodResponse;
      const expected = c.pywbem_response?.['pullresult'] as { eos: boolean; context: unknown };
      const state = readPullState(body.params);
      assert.equal(state.endOfSequence, expected.eos);
      assert.equal(
        state.enumerationContext,
        Array.isArray(expected.context) ? expected.context[0] : null,
      );
    });
  }

  for (const id of Object.keys(OPERATION_LEVEL).filter((k) => k.startsWith('pull'))) {
    it(`${id}: readPullState raises CimXmlParseError`, () => {
      const c = cases.find((x) => x.id === id);
      const body = parseCimXml(c?.http_response?.data as string).body as IMethodResponse;
      assert.throws(() => readPullState(body.params), { code: 'KW_WBEM_CIMXML_PARSE' });
    });
  }
});
