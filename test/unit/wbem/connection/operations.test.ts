/**
 * Operations and Iter* kinds the pywbem recordings do not cover: ExecQuery, DeleteClass,
 * argument errors before sending, and the association and query Iter* operations on both paths
 * (pull sessions, and the traditional fallback).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CimClass } from '../../../../src/wbem/index.ts';
import {
  CimInstance,
  CimInstanceName,
  WbemConnection,
  errorElement,
  imethodResponse,
  type IMethodCall,
} from '../../../../src/wbem/index.ts';
import { pullParams, startCimServer, type CimServer } from '../support/cim-test-server.ts';

const src = new CimInstanceName('PyWBEM_Person', {
  keybindings: { Name: 'Fritz' },
  namespace: 'root/other',
});
const friend = new CimInstance('PyWBEM_Person', {
  properties: { Name: 'Alice' },
  path: new CimInstanceName('PyWBEM_Person', {
    keybindings: { Name: 'Alice' },
    namespace: 'root/other',
    host: 'srv',
  }),
});

describe('more operations', () => {
  let server: CimServer;
  let pulls = true;
  const names = () => server.requests.map((r) => (r.body as IMethodCall).name);
  const params = (i: number) =>
    Object.fromEntries(
      ((server.requests[i]?.body as IMethodCall).params ?? []).map((p) => [p.name, p.value]),
    );

  before(async () => {
    server = await startCimServer({
      handler: ({ body }) => {
        const call = body as IMethodCall;
        const objects = [friend.toCimXml()];
        if (call.name.startsWith('Open') && !pulls) {
          return imethodResponse(call.name, { error: errorElement(7) });
        }
        switch (call.name) {
          case 'ExecQuery':
          case 'Associators':
          case 'References':
            return imethodResponse(call.name, {
              returnValue: objects,
            });
          case 'ReferenceNames':
          case 'AssociatorNames':
            return imethodResponse(call.name, {
              returnValue: [(friend.path as CimInstanceName).toCimXml()],
            });
          case 'OpenAssociatorInstances':
          case 'OpenReferenceInstances':
            return imethodResponse(call.name, {
              returnValue: objects,
              params: pullParams(false, 'c9'),
            });
          case 'PullInstancesWithPath':
            return imethodResponse(call.name, {
              returnValue: objects,
              params: pullParams(true, null),
            });
          case 'OpenReferenceInstancePaths':
            return imethodResponse(call.name, {
              returnValue: [(friend.path as CimInstanceName).toCimXml()],
              params: pullParams(true, null),
            });
          case 'OpenQueryInstances':
            return imethodResponse(call.name, {
              returnValue: [friend.toCimXml({ ignorePath: true })],
              params: [...pullParams(false, 'q1')],
            });
          case 'PullInstances':
            return imethodResponse(call.name, {
              returnValue: [friend.toCimXml({ ignorePath: true })],
              params: pullParams(true, null),
            });
          case 'DeleteClass':
            return imethodResponse(call.name, {});
          default:
            return imethodResponse(call.name, { error: errorElement(7) });
        }
      },
    });
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    pulls = true;
  });

  async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of gen) out.push(item);
    return out;
  }

  async function withConn(run: (conn: WbemConnection) => Promise<void>) {
    const conn = new WbemConnection(server.url);
    try {
      await run(conn);
    } finally {
      await conn.close();
    }
  }

  it('ExecQuery sends QueryLanguage and Query in the given namespace', () =>
    withConn(async (conn) => {
      const got = await conn.execQuery('WQL', 'SELECT * FROM PyWBEM_Person', {
        namespace: '/root/q/',
      });
      assert.equal(got.length, 1);
      assert.equal(server.requests[0]?.headers['cimobject'], 'root/q');
      assert.deepEqual(params(0), { QueryLanguage: 'WQL', Query: 'SELECT * FROM PyWBEM_Person' });
    }));

  it('DeleteClass takes the namespace of a CimClassName-less call from the default', () =>
    withConn(async (conn) => {
      await conn.deleteClass('PyWBEM_Person');
      assert.equal(server.requests[0]?.headers['cimobject'], 'root/cimv2');
    }));

  it('refuses bad arguments before sending (KW_WBEM_TYPE, KW_WBEM_INVALID_VALUE)', () =>
    withConn(async (conn) => {
      await assert.rejects(conn.getInstance('x' as never), { code: 'KW_WBEM_TYPE' });
      await assert.rejects(conn.modifyInstance(new CimInstance('X')), {
        code: 'KW_WBEM_INVALID_VALUE',
      });
      await assert.rejects(conn.createClass({} as CimClass), { code: 'KW_WBEM_TYPE' });
      await assert.rejects(conn.pullInstances(['c', 'ns'], -1), { code: 'KW_WBEM_INVALID_VALUE' });
      await assert.rejects(conn.openEnumerateInstances('X', { operationTimeout: -1 }), {
        code: 'KW_WBEM_INVALID_VALUE',
      });
      await assert.rejects(conn.enumerateInstances('X', { propertyList: 5 as never }), {
        code: 'KW_WBEM_TYPE',
      });
      assert.equal(server.requests.length, 0);
    }));

  it('iterAssociatorInstances pulls in the source namespace; falls back to Associators', () =>
    withConn(async (conn) => {
      const pulled = await collect(
        conn.iterAssociatorInstances(src, { resultClass: 'PyWBEM_Person' }),
      );
      assert.equal(pulled.length, 2);
      assert.deepEqual(names(), ['OpenAssociatorInstances', 'PullInstancesWithPath']);
      assert.equal(server.requests[0]?.headers['cimobject'], 'root/other');
      server.requests.length = 0;
      pulls = false;
      const conn2 = new WbemConnection(server.url);
      try {
        const got = await collect(conn2.iterAssociatorInstances(src));
        assert.deepEqual(names(), ['OpenAssociatorInstances', 'Associators']);
        assert.equal(got[0]?.path?.host, 'srv'); // kept: the server named it
      } finally {
        await conn2.close();
      }
    }));

  it('iterReferenceInstances and iterReferenceInstancePaths use the pull operations', () =>
    withConn(async (conn) => {
      assert.equal((await collect(conn.iterReferenceInstances(src))).length, 2);
      const paths = await collect(conn.iterReferenceInstancePaths(src));
      assert.equal(paths[0]?.classname, 'PyWBEM_Person');
      assert.deepEqual(names(), [
        'OpenReferenceInstances',
        'PullInstancesWithPath',
        'OpenReferenceInstancePaths',
      ]);
    }));

  it('iterAssociatorInstancePaths and iterReferenceInstancePaths fall back to the Names operations', () =>
    withConn(async (conn) => {
      pulls = false;
      const a = await collect(conn.iterAssociatorInstancePaths(src));
      const r = await collect(conn.iterReferenceInstancePaths(src));
      assert.equal(a.length + r.length, 2);
      assert.deepEqual(names(), [
        'OpenAssociatorInstancePaths',
        'AssociatorNames',
        'OpenReferenceInstancePaths',
        'ReferenceNames',
      ]);
    }));

  it('iterQueryInstances pulls with PullInstances; falls back to ExecQuery', () =>
    withConn(async (conn) => {
      const got = await collect(conn.iterQueryInstances('DMTF:CQL', 'SELECT * FROM PyWBEM_Person'));
      assert.equal(got.length, 2);
      assert.deepEqual(names(), ['OpenQueryInstances', 'PullInstances']);
      assert.equal(params(1)['EnumerationContext'], 'q1');
      pulls = false;
      server.requests.length = 0;
      const conn2 = new WbemConnection(server.url);
      try {
        await collect(conn2.iterQueryInstances('DMTF:CQL', 'SELECT * FROM PyWBEM_Person'));
        assert.deepEqual(names(), ['OpenQueryInstances', 'ExecQuery']);
      } finally {
        await conn2.close();
      }
    }));
});
