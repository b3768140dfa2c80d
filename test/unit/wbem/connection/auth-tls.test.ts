/**
 * The authentication matrix of the pywbem seed over real sockets: HTTP, HTTPS 1-way and
 * HTTPS 2-way, each with no auth, Basic and Digest (RFC 7616); 401 that credentials cannot
 * satisfy → KW_WBEM_AUTH; stale nonces; server certificates that are expired or from
 * another CA → KW_WBEM_AUTH.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CimInstanceName,
  WbemConnection,
  imethodResponse,
  type IMethodCall,
  type WbemConnectionOptions,
} from '../../../../src/wbem/index.ts';
import { issueCertificate } from '../../../../src/pki/index.ts';
import { createTestPki, type TestPki } from '../../tls/tls-fixtures.ts';
import {
  PASSWORD,
  USER,
  startCimServer,
  type CimServerOptions,
} from '../support/cim-test-server.ts';

const handler: CimServerOptions['handler'] = ({ body, clientCn }) =>
  imethodResponse((body as IMethodCall).name, {
    returnValue: [
      new CimInstanceName('Who', { keybindings: { CN: clientCn ?? 'anonymous' } }).toCimXml(),
    ],
  });

async function namesVia(url: string, options: WbemConnectionOptions): Promise<CimInstanceName[]> {
  const conn = new WbemConnection(url, options);
  try {
    return await conn.enumerateInstanceNames('Who');
  } finally {
    await conn.close();
  }
}

const creds = { user: USER, password: PASSWORD };

describe('authentication matrix (HTTP / HTTPS 1-way / HTTPS 2-way × none / Basic / Digest)', () => {
  let pki: TestPki;
  before(async () => {
    pki = await createTestPki();
  });

  for (const transport of ['http', 'https-1way', 'https-2way'] as const) {
    for (const auth of ['none', 'basic', 'digest'] as const) {
      it(`${transport} with ${auth} auth`, async () => {
        const tls =
          transport === 'http'
            ? undefined
            : {
                key: pki.server.key,
                cert: pki.server.cert,
                ca: pki.ca.cert,
                requestCert: transport === 'https-2way',
              };
        const server = await startCimServer({ handler, auth, ...(tls ? { tls } : {}) });
        try {
          const clientTls =
            transport === 'http'
              ? undefined
              : {
                  ca: pki.ca.cert,
                  ...(transport === 'https-2way'
                    ? { cert: pki.client.cert, key: pki.client.key }
                    : {}),
                };
          const names = await namesVia(server.url, {
            creds: auth === 'none' ? null : creds,
            ...(clientTls ? { tls: clientTls } : {}),
          });
          const cn = names[0]?.get('CN');
          assert.equal(cn, transport === 'https-2way' ? 'alice' : 'anonymous');
          if (auth === 'digest') {
            assert.match(server.authorizations.at(-1) ?? '', /^Digest username="alice"/);
          }
          if (auth === 'basic') assert.match(server.authorizations.at(-1) ?? '', /^Basic /);
        } finally {
          await server.close();
        }
      });
    }
  }
});

describe('HTTP authentication details', () => {
  it('raises KW_WBEM_AUTH when Digest credentials are wrong, after one answer', async () => {
    const server = await startCimServer({ handler, auth: 'digest' });
    try {
      await assert.rejects(namesVia(server.url, { creds: { user: USER, password: 'wrong' } }), {
        code: 'KW_WBEM_AUTH',
      });
      assert.equal(server.authorizations.length, 2); // no credentials, then one Digest answer
      await assert.rejects(namesVia(server.url, { creds: null }), { code: 'KW_WBEM_AUTH' });
    } finally {
      await server.close();
    }
  });

  it('reuses the Digest nonce with a rising nonce count, and retries a stale nonce', async () => {
    const server = await startCimServer({ handler, auth: 'digest', digestAlgorithm: 'SHA-256' });
    const conn = new WbemConnection(server.url, { creds });
    try {
      await conn.enumerateInstanceNames('Who');
      await conn.enumerateInstanceNames('Who');
      const auths = server.authorizations;
      assert.equal(auths.length, 3); // challenge once, then two Digest requests
      assert.match(auths[1] ?? '', /nc=00000001/);
      assert.match(auths[2] ?? '', /nc=00000002/);
      assert.match(auths[2] ?? '', /algorithm=SHA-256/);
      server.rotateNonce();
      await conn.enumerateInstanceNames('Who');
      assert.equal(server.requests.length, 3);
    } finally {
      await conn.close();
      await server.close();
    }
  });

  it('answers MD5-sess challenges', async () => {
    const server = await startCimServer({ handler, auth: 'digest', digestAlgorithm: 'MD5-sess' });
    try {
      assert.equal((await namesVia(server.url, { creds })).length, 1);
    } finally {
      await server.close();
    }
  });

  it("refuses a Basic challenge in auth mode 'digest' (no cleartext password)", async () => {
    const server = await startCimServer({ handler, auth: 'basic' });
    try {
      await assert.rejects(namesVia(server.url, { creds, auth: 'digest' }), {
        code: 'KW_WBEM_AUTH',
      });
      assert.ok(server.authorizations.every((a) => a === null));
    } finally {
      await server.close();
    }
  });

  it("sends Basic on the first request in auth mode 'basic' (as pywbem)", async () => {
    const server = await startCimServer({ handler, auth: 'basic' });
    try {
      await namesVia(server.url, { creds, auth: 'basic' });
      assert.equal(server.authorizations.length, 1);
    } finally {
      await server.close();
    }
  });
});

describe('server certificate verification', () => {
  let pki: TestPki;
  before(async () => {
    pki = await createTestPki();
  });

  it('raises KW_WBEM_AUTH for a server certificate from another CA', async () => {
    const server = await startCimServer({
      handler,
      tls: { key: pki.server.key, cert: pki.server.cert },
    });
    try {
      await assert.rejects(namesVia(server.url, { tls: { ca: pki.otherCa.cert } }), {
        code: 'KW_WBEM_AUTH',
      });
    } finally {
      await server.close();
    }
  });

  it('raises KW_WBEM_AUTH for an expired server certificate', async () => {
    const expired = await issueCertificate({
      caCert: pki.ca.cert,
      caKey: pki.ca.key,
      commonName: 'localhost',
      sans: [{ type: 'ip', value: '127.0.0.1' }],
      eku: ['serverAuth'],
      validity: { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2020-06-01Z') },
    });
    const server = await startCimServer({ handler, tls: { key: expired.key, cert: expired.cert } });
    try {
      await assert.rejects(namesVia(server.url, { tls: { ca: pki.ca.cert } }), {
        code: 'KW_WBEM_AUTH',
      });
      // verify: false accepts it (insecure, explicitly asked for)
      assert.equal((await namesVia(server.url, { tls: { verify: false } })).length, 1);
    } finally {
      await server.close();
    }
  });
});
