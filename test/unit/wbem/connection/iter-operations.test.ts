/**
 * Iter* operations: pull operations where the server has them, the traditional operation
 * after CIM_ERR_NOT_SUPPORTED (remembered per kind), forced modes, and CloseEnumeration when
 * the caller stops early.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CimInstance,
  CimInstanceName,
  WbemConnection,
  errorElement,
  imethodResponse,
  type IMethodCall,
} from '../../../../src/wbem/index.ts';
import { pullParams, startCimServer, type CimServer } from '../support/cim-test-server.ts';

function person(name: string, withPath: 'full' | 'local'): CimInstance {
  const path = new CimInstanceName('PyWBEM_Person', {
    keybindings: { Name: name },
    ...(withPath === 'full' ? { namespace: 'root/cimv2', host: 'srv' } : {}),
  });
  return new CimInstance('PyWBEM_Person', { properties: { Name: name }, path });
}

describe('Iter* operations', () => {
  let server: CimServer;
  let pullSupported = true;
  const calls = () => server.requests.map((r) => (r.body as IMethodCall).name);

  before(async () => {
    server = await startCimServer({
      handler: ({ body }) => {
        const call = body as IMethodCall;
        const ok = (items: CimInstance[] | CimInstanceName[], eos: boolean, ctx: string | null) =>
          imethodResponse(call.name, {
            returnValue: items.map((i) => i.toCimXml()),
            params: pullParams(eos, ctx),
          });
        switch (call.name) {
          case 'OpenEnumerateInstances':
            if (!pullSupported) {
              return imethodResponse(call.name, { error: errorElement(7, 'no pulls here') });
            }
            return ok([person('a', 'full'), person('b', 'full')], false, 'ctx-1');
          case 'PullInstancesWithPath':
            return ok([person('c', 'full')], true, null);
          case 'OpenEnumerateInstancePaths':
            return imethodResponse(call.name, { error: errorElement(7) });
          case 'EnumerateInstanceNames':
            return imethodResponse(call.name, {
              returnValue: [person('a', 'local').path?.toCimXml() ?? assert.fail()],
            });
          case 'CloseEnumeration':
            return imethodResponse(call.name, {});
          case 'EnumerateInstances':
            return imethodResponse(call.name, {
              returnValue: ['x', 'y'].map((n) => person(n, 'local').toCimXml()),
            });
          default:
            return imethodResponse(call.name, { error: errorElement(7) });
        }
      },
    });
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    pullSupported = true;
  });

  async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of gen) out.push(item);
    return out;
  }

  it('opens and pulls until the end of sequence, passing MaxObjectCount', async () => {
    const conn = new WbemConnection(server.url);
    try {
      const got = await collect(
        conn.iterEnumerateInstances('PyWBEM_Person', { maxObjectCount: 2 }),
      );
      assert.deepEqual(
        got.map((i) => i.get('Name')),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(calls(), ['OpenEnumerateInstances', 'PullInstancesWithPath']);
      const open = server.requests[0]?.body as IMethodCall;
      assert.deepEqual(open.params.find((p) => p.name === 'MaxObjectCount')?.value, '2');
      assert.equal(conn.pullSupport.get('enumerateInstances'), true);
    } finally {
      await conn.close();
    }
  });

  it('falls back to EnumerateInstances after CIM_ERR_NOT_SUPPORTED and remembers it', async () => {
    pullSupported = false;
    const conn = new WbemConnection(server.url);
    try {
      const first = await collect(conn.iterEnumerateInstances('PyWBEM_Person'));
      assert.deepEqual(
        first.map((i) => i.get('Name')),
        ['x', 'y'],
      );
      // pywbem completes namespace and host of the traditional results
      assert.equal(first[0]?.path?.namespace, 'root/cimv2');
      assert.equal(first[0]?.path?.host, new URL(server.url).host);
      await collect(conn.iterEnumerateInstances('PyWBEM_Person'));
      assert.deepEqual(calls(), [
        'OpenEnumerateInstances',
        'EnumerateInstances',
        'EnumerateInstances',
      ]);
      assert.equal(conn.pullSupport.get('enumerateInstances'), false);
    } finally {
      await conn.close();
    }
  });

  it('remembers pull support per kind (paths fall back on their own)', async () => {
    const conn = new WbemConnection(server.url);
    try {
      const paths = await collect(conn.iterEnumerateInstancePaths('PyWBEM_Person'));
      assert.equal(paths.length, 1);
      assert.equal(paths[0]?.namespace, 'root/cimv2');
      assert.equal(conn.pullSupport.get('enumerateInstancePaths'), false);
      assert.equal(conn.pullSupport.get('enumerateInstances'), null);
    } finally {
      await conn.close();
    }
  });

  it('raises CIM_ERR_NOT_SUPPORTED when pull operations are forced', async () => {
    pullSupported = false;
    const conn = new WbemConnection(server.url, { usePullOperations: true });
    try {
      await assert.rejects(collect(conn.iterEnumerateInstances('PyWBEM_Person')), {
        code: 'KW_WBEM_CIM_ERROR',
        statusCode: 7,
      });
    } finally {
      await conn.close();
    }
  });

  it('never opens when pull operations are turned off', async () => {
    const conn = new WbemConnection(server.url, { usePullOperations: false });
    try {
      await collect(conn.iterEnumerateInstances('PyWBEM_Person'));
      assert.deepEqual(calls(), ['EnumerateInstances']);
    } finally {
      await conn.close();
    }
  });

  it('refuses FilterQuery and ContinueOnError on the traditional path (KW_WBEM_INVALID_VALUE)', async () => {
    const conn = new WbemConnection(server.url, { usePullOperations: false });
    try {
      await assert.rejects(
        collect(
          conn.iterEnumerateInstances('PyWBEM_Person', {
            filterQuery: 'x',
            filterQueryLanguage: 'DMTF:FQL',
          }),
        ),
        { code: 'KW_WBEM_INVALID_VALUE' },
      );
      await assert.rejects(
        collect(conn.iterEnumerateInstances('PyWBEM_Person', { continueOnError: true })),
        { code: 'KW_WBEM_INVALID_VALUE' },
      );
    } finally {
      await conn.close();
    }
  });

  it('refuses MaxObjectCount 0 (KW_WBEM_INVALID_VALUE)', async () => {
    const conn = new WbemConnection(server.url);
    try {
      await assert.rejects(collect(conn.iterEnumerateInstances('X', { maxObjectCount: 0 })), {
        code: 'KW_WBEM_INVALID_VALUE',
      });
      assert.equal(server.requests.length, 0);
    } finally {
      await conn.close();
    }
  });

  it('closes the enumeration session when the caller stops early', async () => {
    const conn = new WbemConnection(server.url);
    try {
      for await (const inst of conn.iterEnumerateInstances('PyWBEM_Person')) {
        assert.equal(inst.get('Name'), 'a');
        break;
      }
      assert.deepEqual(calls(), ['OpenEnumerateInstances', 'CloseEnumeration']);
      const close = server.requests[1]?.body as IMethodCall;
      assert.equal(close.params[0]?.value, 'ctx-1');
    } finally {
      await conn.close();
    }
  });
});
