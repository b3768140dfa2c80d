import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CLIENT_AUTH_OID,
  buildServerTlsOptions,
  checkClientAuthEku,
  extractClientIdentity,
} from '../../../src/tls/index.ts';
import { createTestPki, startTestServer, type TestPki, type TestServer } from './tls-fixtures.ts';

const raw = new Uint8Array([0x30]);

describe('extractClientIdentity', () => {
  it('returns the one common name', () => {
    assert.equal(extractClientIdentity({ raw, subject: { CN: 'alice', O: 'Example' } }), 'alice');
  });

  for (const [name, cert, reason] of [
    ['no certificate (getPeerCertificate() gives {})', {}, 'no-certificate'],
    ['null', null, 'no-certificate'],
    ['a subject without CN', { raw, subject: { O: 'Example' } }, 'no-common-name'],
    ['an empty CN list', { raw, subject: { CN: [] } }, 'no-common-name'],
    ['two CNs', { raw, subject: { CN: ['alice', 'bob'] } }, 'multiple-common-names'],
    ['an empty CN', { raw, subject: { CN: '' } }, 'empty-common-name'],
  ] as const) {
    it(`refuses ${name} with KW_TLS_IDENTITY ${reason}`, () => {
      assert.throws(() => extractClientIdentity(cert), { code: 'KW_TLS_IDENTITY', reason });
    });
  }
});

describe('checkClientAuthEku', () => {
  it('accepts an EKU extension that includes clientAuth', () => {
    checkClientAuthEku({ raw, subject: {}, ext_key_usage: ['1.3.6.1.5.5.7.3.1', CLIENT_AUTH_OID] });
  });

  it('refuses an EKU extension without clientAuth with KW_TLS_EKU no-client-auth', () => {
    assert.throws(
      () => checkClientAuthEku({ raw, subject: {}, ext_key_usage: ['1.3.6.1.5.5.7.3.1'] }),
      {
        code: 'KW_TLS_EKU',
        reason: 'no-client-auth',
      },
    );
    // anyExtendedKeyUsage is not clientAuth: PyKMIP checks for CLIENT_AUTH itself.
    assert.throws(() => checkClientAuthEku({ raw, subject: {}, ext_key_usage: ['2.5.29.37.0'] }), {
      code: 'KW_TLS_EKU',
    });
  });

  it('refuses a certificate without EKU extension by default (PyKMIP enable_tls_client_auth)', () => {
    assert.throws(() => checkClientAuthEku({ raw, subject: {} }), {
      code: 'KW_TLS_EKU',
      reason: 'missing',
    });
  });

  it('accepts a certificate without EKU extension when requireExtension is false', () => {
    checkClientAuthEku({ raw, subject: {} }, { requireExtension: false });
    assert.throws(
      () =>
        checkClientAuthEku({ raw, subject: {}, ext_key_usage: [] }, { requireExtension: false }),
      { code: 'KW_TLS_EKU', reason: 'no-client-auth' },
    );
  });

  it('refuses no certificate with KW_TLS_IDENTITY', () => {
    assert.throws(() => checkClientAuthEku({}), {
      code: 'KW_TLS_IDENTITY',
      reason: 'no-certificate',
    });
  });
});

describe('client identity over a real handshake', () => {
  let pki: TestPki;
  let server: TestServer;

  before(async () => {
    pki = await createTestPki();
    server = await startTestServer(
      buildServerTlsOptions({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert }),
    );
  });
  after(() => server.close());

  async function peerOf(client: { cert: string; key: string }) {
    const result = await server.attempt({
      ca: pki.ca.cert,
      servername: 'localhost',
      cert: client.cert,
      key: client.key,
    });
    assert.ok(result.accepted);
    return result.peer;
  }

  it('takes the CN of a client certificate with clientAuth', async () => {
    const peer = await peerOf(pki.client);
    assert.equal(extractClientIdentity(peer), 'alice');
    checkClientAuthEku(peer);
  });

  it('refuses a certificate without CN and one with two CNs', async () => {
    assert.throws(() => extractClientIdentity(undefined), { reason: 'no-certificate' });
    const noCn = await peerOf(pki.clientNoCn);
    assert.throws(() => extractClientIdentity(noCn), {
      code: 'KW_TLS_IDENTITY',
      reason: 'no-common-name',
    });
    const twoCns = await peerOf(pki.clientTwoCns);
    assert.throws(() => extractClientIdentity(twoCns), {
      code: 'KW_TLS_IDENTITY',
      reason: 'multiple-common-names',
    });
  });

  it('passes a certificate without EKU through the handshake, and refuses it in checkClientAuthEku', async () => {
    const noEku = await peerOf(pki.clientNoEku);
    assert.equal(extractClientIdentity(noEku), 'bob');
    assert.throws(() => checkClientAuthEku(noEku), { code: 'KW_TLS_EKU', reason: 'missing' });
    checkClientAuthEku(noEku, { requireExtension: false });
  });

  it('has OpenSSL refuse a certificate whose EKU lacks clientAuth during the handshake', async () => {
    const result = await server.attempt({
      ca: pki.ca.cert,
      servername: 'localhost',
      cert: pki.clientServerEkuOnly.cert,
      key: pki.clientServerEkuOnly.key,
    });
    assert.equal(result.accepted, false);
    assert.equal(result.authorizationError, 'INVALID_PURPOSE');
  });
});
