import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WbemConnection, normalizeWbemUrl } from '../../../../src/wbem/index.ts';
import { CimInstanceName } from '../../../../src/wbem/index.ts';

interface Seen {
  headers: http.IncomingHttpHeaders;
  url: string | undefined;
  body: string;
  port: number | undefined;
}

const NAMES_RESPONSE = `<?xml version="1.0" encoding="utf-8" ?>
<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1001-1" PROTOCOLVERSION="1.0"><SIMPLERSP>
<IMETHODRESPONSE NAME="EnumerateInstanceNames"><IRETURNVALUE>
<INSTANCENAME CLASSNAME="PyWBEM_Person"><KEYBINDING NAME="Name"><KEYVALUE VALUETYPE="string">Fritz</KEYVALUE></KEYBINDING></INSTANCENAME>
</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>`;

const ERROR_RESPONSE = `<?xml version="1.0" encoding="utf-8" ?>
<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1001-1" PROTOCOLVERSION="1.0"><SIMPLERSP>
<IMETHODRESPONSE NAME="GetInstance"><ERROR CODE="6" DESCRIPTION="not here"/></IMETHODRESPONSE>
</SIMPLERSP></MESSAGE></CIM>`;

describe('WbemConnection over HTTP', () => {
  let server: http.Server;
  let base = '';
  const seen: Seen[] = [];
  let mode: 'names' | 'error' | 'hang' | 'http500' | 'chunked' | 'trailer' = 'names';

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ headers: req.headers, url: req.url, body, port: req.socket.remotePort });
        const expected = 'Basic ' + Buffer.from('alice:s3cret').toString('base64');
        if (req.headers.authorization !== expected) {
          res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="cimom"' }).end();
          return;
        }
        if (mode === 'hang') return; // never answers: the client must time out
        if (mode === 'http500') {
          res.writeHead(500, { CIMError: 'request-not-valid' }).end();
          return;
        }
        if (mode === 'trailer') {
          // DSP0200: a failure after the response started is a CIMStatusCode trailer
          res.writeHead(200, {
            'Content-Type': 'application/xml; charset="utf-8"',
            Trailer: 'CIMStatusCode, CIMStatusCodeDescription',
          });
          res.write(NAMES_RESPONSE.slice(0, 40));
          res.addTrailers({ CIMStatusCode: '1', CIMStatusCodeDescription: 'failed%20midway' });
          res.end();
          return;
        }
        if (mode === 'chunked') {
          // no Content-Length: Node sends Transfer-Encoding: chunked, one chunk per write
          res.writeHead(200, { 'Content-Type': 'application/xml; charset="utf-8"' });
          const third = Math.floor(NAMES_RESPONSE.length / 3);
          res.write(NAMES_RESPONSE.slice(0, third));
          res.write(NAMES_RESPONSE.slice(third, 2 * third));
          res.end(NAMES_RESPONSE.slice(2 * third));
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/xml; charset="utf-8"' });
        res.end(mode === 'names' ? NAMES_RESPONSE : ERROR_RESPONSE);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('sends DSP0200 headers and Basic auth, parses the instance names', async () => {
    mode = 'names';
    const conn = new WbemConnection(base, { creds: { user: 'alice', password: 's3cret' } });
    try {
      const names = await conn.enumerateInstanceNames('PyWBEM_Person', { namespace: 'root/cimv2' });
      assert.equal(names.length, 1);
      assert.equal(names[0]?.classname, 'PyWBEM_Person');
      assert.equal(names[0]?.namespace, 'root/cimv2');
      const req = seen.at(-1);
      assert.equal(req?.url, '/cimom');
      assert.equal(req?.headers['cimoperation'], 'MethodCall');
      assert.equal(req?.headers['cimmethod'], 'EnumerateInstanceNames');
      assert.equal(req?.headers['cimobject'], 'root/cimv2');
      assert.equal(req?.headers['content-type'], 'application/xml; charset="utf-8"');
      assert.match(req?.body ?? '', /<IMETHODCALL NAME="EnumerateInstanceNames">/);
      assert.match(
        req?.body ?? '',
        /<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="PyWBEM_Person"\/>/,
      );
    } finally {
      await conn.close();
    }
  });

  it('reads a chunked response over a kept-alive connection', async () => {
    mode = 'chunked';
    const start = seen.length;
    const conn = new WbemConnection(base, { creds: { user: 'alice', password: 's3cret' } });
    try {
      assert.equal((await conn.enumerateInstanceNames('PyWBEM_Person')).length, 1);
      assert.equal((await conn.enumerateInstanceNames('PyWBEM_Person')).length, 1);
      // keep-alive: the requests of this test share sockets (fewer sockets than requests)
      const mine = seen.slice(start);
      assert.ok(new Set(mine.map((s) => s.port)).size < mine.length);
    } finally {
      await conn.close();
    }
  });

  it('raises CimError from a CIMStatusCode trailer (asks with TE: trailers)', async () => {
    mode = 'trailer';
    const conn = new WbemConnection(base, { creds: { user: 'alice', password: 's3cret' } });
    try {
      await assert.rejects(conn.enumerateInstanceNames('X'), {
        code: 'KW_WBEM_CIM_ERROR',
        statusCode: 1,
        serverDescription: 'failed midway',
      });
      assert.equal(seen.at(-1)?.headers['te'], 'trailers');
    } finally {
      await conn.close();
    }
  });

  it('raises CimError from an ERROR element', async () => {
    mode = 'error';
    const conn = new WbemConnection(base, { creds: { user: 'alice', password: 's3cret' } });
    try {
      await assert.rejects(
        conn.getInstance(new CimInstanceName('PyWBEM_Person', { keybindings: { Name: 'x' } })),
        (e: unknown) =>
          (e as { code?: string; statusCode?: number }).code === 'KW_WBEM_CIM_ERROR' &&
          (e as { statusCode?: number }).statusCode === 6,
      );
    } finally {
      await conn.close();
    }
  });

  it('raises AuthError on 401 with wrong or missing credentials', async () => {
    mode = 'names';
    for (const creds of [{ user: 'alice', password: 'wrong' }, null]) {
      const conn = new WbemConnection(base, { creds });
      try {
        await assert.rejects(conn.enumerateInstanceNames('X'), { code: 'KW_WBEM_AUTH' });
      } finally {
        await conn.close();
      }
    }
  });

  it('raises HTTPError with the CIMError header', async () => {
    mode = 'http500';
    const conn = new WbemConnection(base, { creds: { user: 'alice', password: 's3cret' } });
    try {
      await assert.rejects(conn.enumerateInstanceNames('X'), {
        code: 'KW_WBEM_HTTP',
        status: 500,
        cimError: 'request-not-valid',
      });
    } finally {
      await conn.close();
    }
  });

  it('raises TimeoutError when the server does not answer', async () => {
    mode = 'hang';
    const conn = new WbemConnection(base, {
      creds: { user: 'alice', password: 's3cret' },
      timeout: 0.2,
    });
    try {
      await assert.rejects(conn.enumerateInstanceNames('X'), { code: 'KW_WBEM_TIMEOUT' });
    } finally {
      await conn.close();
    }
  });

  it('enforces the response size limit', async () => {
    mode = 'names';
    const conn = new WbemConnection(base, {
      creds: { user: 'alice', password: 's3cret' },
      maxResponseBytes: 100,
    });
    try {
      await assert.rejects(conn.enumerateInstanceNames('X'), { code: 'KW_WBEM_CONNECTION' });
    } finally {
      await conn.close();
    }
  });

  it('raises ConnectionError when nothing listens', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const conn = new WbemConnection(`http://127.0.0.1:${port}`);
    try {
      await assert.rejects(conn.enumerateInstanceNames('X'), { code: 'KW_WBEM_CONNECTION' });
    } finally {
      await conn.close();
    }
  });
});

describe('normalizeWbemUrl', () => {
  it('adds default ports 5988/5989 and https for bare hosts', () => {
    assert.equal(normalizeWbemUrl('http://h').port, '5988');
    assert.equal(normalizeWbemUrl('https://h').port, '5989');
    assert.equal(normalizeWbemUrl('h').protocol, 'https:');
    assert.equal(normalizeWbemUrl('http://h:1234').port, '1234');
  });
  it('rejects other schemes', () => {
    assert.throws(() => normalizeWbemUrl('ftp://h'), { code: 'KW_WBEM_CONNECTION' });
  });
});
