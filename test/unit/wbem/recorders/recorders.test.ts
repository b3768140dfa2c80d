/**
 * Operation recorders: TestClientRecorder writes pywbem testclient YAML that loads back (with
 * js-yaml, as PyYAML would) into the same arguments, request and result; LogOperationRecorder
 * writes one line per operation and HTTP message; neither ever writes credentials.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import yaml from 'js-yaml';
import fc from 'fast-check';
import {
  CimInstance,
  CimInstanceName,
  LogOperationRecorder,
  TestClientRecorder,
  Uint32,
  WbemConnection,
  errorElement,
  imethodResponse,
  methodResponse,
  returnValue,
  toYaml,
  xmlElement,
  type IMethodCall,
  type MethodCall,
  type YamlValue,
} from '../../../../src/wbem/index.ts';
import { PASSWORD, USER, startCimServer, type CimServer } from '../support/cim-test-server.ts';
import { fromYaml } from '../support/pywbem-yaml.ts';
import { pyEquals } from '../support/replay-compare.ts';
import { runTestClientCase, startReplayServer } from '../support/replay-runner.ts';
import type { TestClientCase } from '../support/pywbem-yaml.ts';
import { normalizeXmlText } from '../support/xml-compare.ts';

const fritz = new CimInstanceName('PyWBEM_Person', { keybindings: { Name: 'Fritz' } });

describe('operation recorders', () => {
  let server: CimServer;
  before(async () => {
    server = await startCimServer({
      auth: 'basic',
      handler: ({ body }) => {
        if (body.kind === 'METHODCALL') {
          const call = body as MethodCall;
          return methodResponse(call.name, {
            returnValue: returnValue(new Uint32(0), 'uint32'),
            params: [
              xmlElement('PARAMVALUE', { NAME: 'Count', PARAMTYPE: 'uint32' }, [
                xmlElement('VALUE', {}, ['7']),
              ]),
            ],
          });
        }
        const call = body as IMethodCall;
        if (call.name === 'GetInstance') {
          const inst = new CimInstance('PyWBEM_Person', {
            properties: { Name: 'Fritz', Age: new Uint32(42) },
          });
          return imethodResponse(call.name, { returnValue: [inst.toCimXml()] });
        }
        return imethodResponse(call.name, { error: errorElement(6, 'gone') });
      },
    });
  });
  after(() => server.close());

  it('TestClientRecorder writes cases that load back into the same call, request and result', async () => {
    let text = '';
    const conn = new WbemConnection(server.url, { creds: { user: USER, password: PASSWORD } });
    conn.operationRecorders.push(new TestClientRecorder({ write: (t) => (text += t) }));
    try {
      const inst = await conn.getInstance(fritz, { localOnly: false });
      const getRequest = conn.lastRawRequest ?? '';
      await assert.rejects(conn.deleteInstance(fritz), { statusCode: 6 });
      const invoked = await conn.invokeMethod('Count', 'PyWBEM_Person', [['Limit', new Uint32(3)]]);
      const cases = yaml.load(text, { json: true }) as Record<string, Record<string, unknown>>[];
      assert.equal(cases.length, 3);
      const [get, del, inv] = cases as [
        Record<string, Record<string, unknown>>,
        Record<string, Record<string, unknown>>,
        Record<string, Record<string, unknown>>,
      ];
      const op = get['pywbem_request']?.['operation'] as Record<string, unknown>;
      assert.equal(op['pywbem_method'], 'GetInstance');
      assert.ok((fromYaml(op['InstanceName']) as CimInstanceName).equals(fritz));
      assert.equal(op['LocalOnly'], false);
      assert.ok(pyEquals(inst, fromYaml(get['pywbem_response']?.['result'])));
      assert.deepEqual(
        normalizeXmlText(String(get['http_request']?.['data'])),
        normalizeXmlText(getRequest),
      );
      assert.equal(
        (get['http_request']?.['headers'] as Record<string, string>)['CIMMethod'],
        'GetInstance',
      );
      assert.deepEqual(del['pywbem_response'], { cim_status: 6 });
      const [rv, out] = inv['pywbem_response']?.['result'] as [unknown, unknown];
      assert.ok(pyEquals(invoked.returnValue, fromYaml(rv)));
      assert.ok(pyEquals(invoked.outParams, fromYaml(out)));
      // credentials never appear; the fixtures' placeholders stand in for them
      assert.ok(!text.includes(PASSWORD));
      assert.ok(!/authorization/i.test(text));
      assert.deepEqual(get['pywbem_request']?.['creds'], ['username', 'password']);
    } finally {
      await conn.close();
    }
  });

  it('cases recorded by TestClientRecorder replay through the pywbem-style runner', async () => {
    let text = '';
    const conn = new WbemConnection(server.url, { creds: { user: USER, password: PASSWORD } });
    conn.operationRecorders.push(new TestClientRecorder({ write: (t) => (text += t) }));
    try {
      await conn.getInstance(fritz, { propertyList: ['Name'] });
      await assert.rejects(conn.deleteInstance(fritz));
      await conn.invokeMethod('Count', fritz, [
        ['Limit', new Uint32(3)],
        ['Tags', ['a', 'b']],
      ]);
    } finally {
      await conn.close();
    }
    const cases = (yaml.load(text, { json: true }) as Omit<TestClientCase, 'file' | 'id'>[]).map(
      (c) => ({ ...c, file: 'recorded.yaml', id: `recorded.yaml:${c.name}` }),
    );
    assert.equal(cases.length, 3);
    const replay = await startReplayServer();
    try {
      for (const c of cases) await runTestClientCase(c, replay);
    } finally {
      await replay.close();
    }
  });

  it('LogOperationRecorder logs calls, HTTP messages and errors, with secrets redacted', async () => {
    const lines: string[] = [];
    const conn = new WbemConnection(server.url, {
      creds: { user: USER, password: PASSWORD },
      auth: 'basic',
    });
    conn.operationRecorders.push(
      new LogOperationRecorder({ write: (l) => lines.push(l), connectionId: 'c1' }),
    );
    try {
      await conn.invokeMethod('UpdateExpiredPassword', 'SFCB_Account', [
        ['UserPassword', 'hunter2'],
      ]);
      await assert.rejects(conn.deleteInstance(fritz));
      assert.match(lines[0] ?? '', /^Request:c1 InvokeMethod\(/);
      assert.ok(lines.some((l) => l.startsWith('HttpRequest:c1 POST')));
      assert.ok(lines.some((l) => l.startsWith('Return:c1 InvokeMethod(')));
      assert.ok(lines.some((l) => /^Exception:c1 DeleteInstance\(KW_WBEM_CIM_ERROR/.test(l)));
      const all = lines.join('\n');
      assert.ok(!all.includes('hunter2'), 'parameter value redacted');
      assert.ok(!all.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')));
    } finally {
      await conn.close();
    }
  });

  it('statistics count operations, failures and sizes, and format a table', async () => {
    const conn = new WbemConnection(server.url, {
      creds: { user: USER, password: PASSWORD },
      statsEnabled: true,
    });
    try {
      await conn.getInstance(fritz);
      await conn.getInstance(fritz);
      await assert.rejects(conn.deleteInstance(fritz));
      const stats = new Map(conn.statistics.snapshot());
      assert.equal(stats.get('GetInstance')?.count, 2);
      assert.equal(stats.get('GetInstance')?.exceptionCount, 0);
      assert.equal(stats.get('DeleteInstance')?.exceptionCount, 1);
      assert.equal(
        stats.get('GetInstance')?.maxRequestLen,
        conn.statistics.snapshot()[0]?.[1].minRequestLen,
      );
      const table = conn.statistics.formatted();
      assert.match(table, /^Statistics/);
      assert.match(table, /\n\s*2\s+0\s.*GetInstance\n/);
      conn.statistics.reset();
      assert.equal(conn.statistics.snapshot().length, 0);
    } finally {
      await conn.close();
    }
  });
});

describe('toYaml', () => {
  const scalar = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const value = fc.letrec<{ v: YamlValue }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      scalar,
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('v'), { maxKeys: 4 }),
    ),
  })).v;

  it('writes YAML that js-yaml reads back to the same value', () => {
    fc.assert(
      fc.property(value, (v) => {
        const back = yaml.load(toYaml(v), { json: true });
        // -0 becomes 0 in YAML
        assert.deepEqual(back, JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});
