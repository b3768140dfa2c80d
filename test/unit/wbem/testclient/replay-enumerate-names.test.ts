/**
 * First slice of the testclient replay: the EnumerateInstanceNames cases of pywbem, served from a
 * local HTTP server. Compares the CIM-XML request we send with the recorded one (parsed, so
 * whitespace and attribute order do not matter) and the result with pywbem's.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  WbemConnection,
  CimInstanceName,
  CimClassName,
  parseCimXml,
} from '../../../../src/wbem/index.ts';
import { loadTestClientCases, fromYaml } from '../support/pywbem-yaml.ts';

const cases = loadTestClientCases().filter(
  (c) => c.file === 'enumerateinstancenames.yaml' && !c.ignore_test,
);

function requestShape(xml: string): unknown {
  const msg = parseCimXml(xml);
  return JSON.stringify(msg.body, (_k, v: unknown) =>
    v instanceof CimInstanceName || v instanceof CimClassName ? v.toString() : v,
  );
}

describe('testclient replay: enumerateinstancenames.yaml', () => {
  let server: http.Server;
  let base = '';
  let current: { status: number; data: string; headers: Record<string, string> } | null = null;
  let lastBody = '';

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        lastBody = body;
        res.writeHead(current?.status ?? 500, current?.headers ?? {}).end(current?.data ?? '');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  for (const c of cases) {
    it(c.id, async () => {
      const resp = c.http_response as
        { status?: number; data?: string; headers?: Record<string, string> } | undefined;
      current = {
        status: resp?.status ?? 200,
        data: resp?.data ?? '',
        headers: { 'Content-Type': 'application/xml; charset="utf-8"', ...resp?.headers },
      };
      const req = c.pywbem_request as { namespace?: string; creds?: string[] };
      const op = c.pywbem_request?.operation ?? {};
      const conn = new WbemConnection(base, {
        defaultNamespace: req.namespace ?? 'root/cimv2',
        creds: req.creds ? { user: String(req.creds[0]), password: String(req.creds[1]) } : null,
      });
      try {
        const expected = c.pywbem_response ?? {};
        const call = conn.enumerateInstanceNames(
          typeof op['ClassName'] === 'string'
            ? op['ClassName']
            : (fromYaml(op['ClassName']) as CimClassName),
          (op['namespace'] as string | undefined) ?? null,
        );
        if ('cim_status' in expected && expected['cim_status'] !== 0) {
          await assert.rejects(call, { statusCode: expected['cim_status'] });
        } else if ('exception' in expected) {
          await assert.rejects(call);
        } else {
          const result = await call;
          const want = fromYaml(expected['result']) as CimInstanceName[];
          assert.equal(result.length, want.length);
          result.forEach((r, i) => assert.ok(r.equals(want[i]), `result ${i}`));
        }
        assert.equal(requestShape(lastBody), requestShape(c.http_request?.data ?? ''));
      } finally {
        await conn.close();
      }
    });
  }
});
