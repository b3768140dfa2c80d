/**
 * `keywarden wbem` against an in-process CIM-XML server: the operations, output formats,
 * typed method parameters, Basic auth from the environment, and usage errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../src/cli/run-cli.ts';
import {
  CimClass,
  CimInstance,
  CimInstanceName,
  CimMethod,
  CimParameter,
  Uint32,
  errorElement,
  imethodResponse,
  methodResponse,
  returnValue,
  xmlElement,
  type IMethodCall,
  type MethodCall,
} from '../../../../src/wbem/index.ts';
import {
  PASSWORD,
  USER,
  startCimServer,
  type CimServer,
} from '../../wbem/support/cim-test-server.ts';
import { fakeIo } from '../fake-io.ts';

const people = ['Fritz', 'Alice'].map(
  (name) =>
    new CimInstance('PyWBEM_Person', {
      properties: { Name: name, Age: new Uint32(name.length * 10) },
      path: new CimInstanceName('PyWBEM_Person', { keybindings: { Name: name } }),
    }),
);

const personClass = new CimClass('PyWBEM_Person', {
  methods: [
    new CimMethod('Grow', 'uint32', {
      parameters: [
        new CimParameter('By', 'uint32'),
        new CimParameter('Tags', 'string', { isArray: true }),
      ],
    }),
  ],
});

describe('keywarden wbem', () => {
  let server: CimServer;
  let lastInvoke: MethodCall | null = null;
  before(async () => {
    server = await startCimServer({
      auth: 'basic',
      handler: ({ body }) => {
        if (body.kind === 'METHODCALL') {
          lastInvoke = body as MethodCall;
          return methodResponse(body.name, {
            returnValue: returnValue(new Uint32(0), 'uint32'),
            params: [
              xmlElement('PARAMVALUE', { NAME: 'NewAge', PARAMTYPE: 'uint32' }, [
                xmlElement('VALUE', {}, ['43']),
              ]),
            ],
          });
        }
        const call = body as IMethodCall;
        switch (call.name) {
          case 'OpenEnumerateInstances':
            return imethodResponse(call.name, { error: errorElement(7) });
          case 'EnumerateInstances':
            return imethodResponse(call.name, { returnValue: people.map((p) => p.toCimXml()) });
          case 'GetInstance':
            return imethodResponse(call.name, {
              returnValue: [(people[0] as CimInstance).toCimXml({ ignorePath: true })],
            });
          case 'CreateInstance':
            return imethodResponse(call.name, {
              returnValue: [(people[1] as CimInstance).path?.toCimXml() ?? xmlElement('X')],
            });
          case 'ModifyInstance':
            return imethodResponse(call.name, {});
          case 'GetClass':
            return imethodResponse(call.name, { returnValue: [personClass.toCimXml()] });
          case 'EnumerateClassNames':
            return imethodResponse(call.name, {
              returnValue: [xmlElement('CLASSNAME', { NAME: 'PyWBEM_Person' })],
            });
          default:
            return imethodResponse(call.name, { error: errorElement(6, 'not found') });
        }
      },
    });
  });
  after(() => server.close());

  const env = () => ({
    KEYWARDEN_WBEM_SERVER: server.url,
    KEYWARDEN_WBEM_USER: USER,
    KEYWARDEN_WBEM_PASSWORD: PASSWORD,
  });

  it('ei prints MOF by default and a table with -o table', async () => {
    const io = fakeIo({ env: env() });
    assert.equal(await runCli(['wbem', 'ei', 'PyWBEM_Person'], io), 0);
    assert.match(io.stdoutText(), /instance of PyWBEM_Person \{\n\s+Name = "Fritz";/);
    const table = fakeIo({ env: env() });
    assert.equal(await runCli(['wbem', '-o', 'table', 'ei', 'PyWBEM_Person'], table), 0);
    assert.equal(table.stdoutText(), 'Name   Age\n-----  ---\nFritz  50\nAlice  50\n');
  });

  it('gi reads a WBEM URI and prints JSON with -o json', async () => {
    const io = fakeIo({ env: env() });
    assert.equal(await runCli(['wbem', '-o', 'json', 'gi', 'PyWBEM_Person.Name="Fritz"'], io), 0);
    const [inst] = JSON.parse(io.stdoutText()) as [
      { pywbem_object: string; classname: string; path: { namespace: string } },
    ];
    assert.equal(inst.pywbem_object, 'CIMInstance');
    assert.equal(inst.path.namespace, 'root/cimv2');
  });

  it('ci and mi read the instance as -o json prints it (file or standard input)', async () => {
    const out = fakeIo({ env: env() });
    await runCli(['wbem', '-o', 'json', 'gi', 'PyWBEM_Person.Name="Fritz"'], out);
    const json = out.stdoutText();
    const ci = fakeIo({ env: env(), stdin: json });
    assert.equal(await runCli(['wbem', 'ci', '-'], ci), 0);
    assert.equal(ci.stdoutText(), '/root/cimv2:PyWBEM_Person.Name="Alice"\n');
    const mi = fakeIo({ env: env(), stdin: json });
    assert.equal(await runCli(['wbem', 'mi', '-', '--property-list', 'Age'], mi), 0);
    const bad = fakeIo({
      env: env(),
      stdin: '{"pywbem_object": "CIMClassName", "classname": "X"}',
    });
    assert.equal(await runCli(['wbem', 'ci', '-'], bad), 2);
  });

  it('im types name=value parameters by the method declaration', async () => {
    const io = fakeIo({ env: env() });
    assert.equal(await runCli(['wbem', 'im', 'Grow', 'PyWBEM_Person', 'By=3', 'Tags=a,b'], io), 0);
    assert.equal(io.stdoutText(), 'ReturnValue=0\nNewAge=43\n');
    const params = lastInvoke?.params ?? [];
    assert.deepEqual(
      params.map((p) => [p.name, p.paramType]),
      [
        ['By', 'uint32'],
        ['Tags', 'string'],
      ],
    );
    assert.deepEqual(params[1]?.value, ['a', 'b']);
  });

  it('ecn prints class names, one per line; --stats adds the table on stderr', async () => {
    const io = fakeIo({ env: env() });
    assert.equal(await runCli(['wbem', '--stats', 'ecn'], io), 0);
    assert.equal(io.stdoutText(), 'PyWBEM_Person\n');
    assert.match(io.stderrText(), /EnumerateClassNames/);
  });

  it('exits 1 with the CIM error code for a failed operation', async () => {
    const io = fakeIo({ env: env() });
    assert.equal(await runCli(['wbem', 'di', 'PyWBEM_Person.Name="Nobody"'], io), 1);
    assert.match(io.stderrText(), /KW_WBEM_CIM_ERROR: 6 \(CIM_ERR_NOT_FOUND\)/);
  });

  it('exits 1 with KW_WBEM_AUTH for a wrong password, without printing it', async () => {
    const io = fakeIo({ env: { ...env(), KEYWARDEN_WBEM_PASSWORD: 'wrong-pw' } });
    assert.equal(await runCli(['wbem', 'ecn'], io), 1);
    assert.match(io.stderrText(), /KW_WBEM_AUTH/);
    assert.ok(!io.stderrText().includes('wrong-pw'));
  });

  it('exits 2 without a server, and for a method parameter the class does not declare', async () => {
    const none = fakeIo({ env: {} });
    assert.equal(await runCli(['wbem', 'ecn'], none), 2);
    const bad = fakeIo({ env: env() });
    assert.equal(await runCli(['wbem', 'im', 'Grow', 'PyWBEM_Person', 'Nope=1'], bad), 2);
    assert.match(bad.stderrText(), /KW_CLI_INPUT/);
  });

  it('documents every subcommand in --help', async () => {
    const io = fakeIo();
    await runCli(['wbem', '--help'], io);
    for (const sub of [
      'ei',
      'ein',
      'gi',
      'di',
      'ai',
      'an',
      'ri',
      'rn',
      'im',
      'query',
      'ec',
      'ecn',
      'gc',
      'dc',
      'eqd',
      'gqd',
    ]) {
      assert.match(io.stdoutText(), new RegExp(`\\n  ${sub} `), sub);
    }
  });
});
