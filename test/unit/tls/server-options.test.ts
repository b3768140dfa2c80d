import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDevPki } from '../../../src/pki/index.ts';
import {
  buildClientTlsOptions,
  buildServerTlsOptions,
  checkClientAuthEku,
  extractClientIdentity,
  type ServerTlsInput,
} from '../../../src/tls/index.ts';
import { createTestPki, startTestServer, type TestPki, type TestServer } from './tls-fixtures.ts';

describe('buildServerTlsOptions', () => {
  let pki: TestPki;
  let dir: string;
  let base: ServerTlsInput;
  const servers: TestServer[] = [];

  async function serve(input: Partial<ServerTlsInput> = {}): Promise<TestServer> {
    const server = await startTestServer(buildServerTlsOptions({ ...base, ...input }));
    servers.push(server);
    return server;
  }
  const trust = () => ({ ca: pki.ca.cert, servername: 'localhost' });

  before(async () => {
    pki = await createTestPki();
    dir = await mkdtemp(join(tmpdir(), 'kw-tls-server-'));
    await writeFile(join(dir, 'ca.crt'), pki.ca.cert);
    await writeFile(join(dir, 'server.crt'), pki.server.cert);
    await writeFile(join(dir, 'server.key'), pki.server.key, { mode: 0o600 });
    await writeFile(join(dir, 'client.crt'), pki.client.cert);
    await writeFile(join(dir, 'client.key'), pki.client.key, { mode: 0o600 });
    await writeFile(join(dir, 'empty.pem'), 'no certificates here\n');
    base = {
      certFile: join(dir, 'server.crt'),
      keyFile: join(dir, 'server.key'),
      caFile: join(dir, 'ca.crt'),
    };
  });
  after(async () => {
    for (const server of servers) await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('completes a TLS 1.3 handshake with a client certificate from the CA', async () => {
    const server = await serve();
    const result = await server.attempt({ ...trust(), cert: pki.client.cert, key: pki.client.key });
    assert.ok(result.accepted);
    assert.equal(result.serverSocket.authorized, true);
    assert.equal(result.serverSocket.getProtocol(), 'TLSv1.3');
    assert.equal(extractClientIdentity(result.serverSocket.getPeerCertificate()), 'alice');
  });

  it('serves with the files createDevPki writes, and the admin certificate authenticates', async () => {
    const pkiFiles = await createDevPki(join(dir, 'devpki'));
    const server = await serve({
      certFile: pkiFiles.paths.serverCert,
      keyFile: pkiFiles.paths.serverKey,
      caFile: pkiFiles.paths.caCert,
    });
    const client = buildClientTlsOptions({
      caFile: pkiFiles.paths.caCert,
      certFile: pkiFiles.paths.adminCert,
      keyFile: pkiFiles.paths.adminKey,
      servername: 'localhost',
      env: {},
    });
    const result = await server.attempt(client);
    assert.ok(result.accepted);
    assert.equal(extractClientIdentity(result.peer), 'admin');
    checkClientAuthEku(result.peer);
  });

  it('takes credentials as PEM text as well as files', async () => {
    const server = await serve({
      certFile: undefined,
      keyFile: undefined,
      caFile: undefined,
      cert: pki.server.cert,
      key: new TextEncoder().encode(pki.server.key),
      ca: [pki.ca.cert],
    });
    const result = await server.attempt({ ...trust(), cert: pki.client.cert, key: pki.client.key });
    assert.ok(result.accepted);
  });

  it('accepts TLS 1.2 with an ECDHE AEAD suite by default', async () => {
    const server = await serve();
    const result = await server.attempt({
      ...trust(),
      cert: pki.client.cert,
      key: pki.client.key,
      maxVersion: 'TLSv1.2',
    });
    assert.ok(result.accepted);
    assert.equal(result.serverSocket.getProtocol(), 'TLSv1.2');
    assert.equal(
      result.serverSocket.getCipher().standardName,
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
    );
  });

  it('refuses a TLS 1.2 client that offers only CBC suites outside the default list', async () => {
    const server = await serve();
    const result = await server.attempt({
      ...trust(),
      cert: pki.client.cert,
      key: pki.client.key,
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-ECDSA-AES128-SHA256',
    });
    assert.equal(result.accepted, false);
  });

  it('refuses a TLS 1.1 client', async () => {
    const server = await serve();
    const result = await server.attempt({
      ...trust(),
      cert: pki.client.cert,
      key: pki.client.key,
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      // OpenSSL 3 disables TLS 1.1 at security level 1+; lower it so the client really offers it.
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    assert.equal(result.accepted, false);
    assert.match(result.serverError.code ?? '', /UNSUPPORTED_PROTOCOL/);
  });

  it('refuses a client without a certificate', async () => {
    const server = await serve();
    const result = await server.attempt(trust());
    assert.equal(result.accepted, false);
    assert.match(result.serverError.code ?? '', /PEER_DID_NOT_RETURN_A_CERTIFICATE/);
  });

  it('refuses a client certificate from another CA', async () => {
    const server = await serve();
    const result = await server.attempt({
      ...trust(),
      cert: pki.clientOtherCa.cert,
      key: pki.clientOtherCa.key,
    });
    assert.equal(result.accepted, false);
    assert.equal(result.authorizationError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('refuses an expired client certificate', async () => {
    const server = await serve();
    const result = await server.attempt({
      ...trust(),
      cert: pki.clientExpired.cert,
      key: pki.clientExpired.key,
    });
    assert.equal(result.accepted, false);
    assert.equal(result.authorizationError, 'CERT_HAS_EXPIRED');
  });

  it('accepts a client without a certificate when requireClientCert is false', async () => {
    const server = await serve({ requireClientCert: false, caFile: undefined });
    const result = await server.attempt(trust());
    assert.ok(result.accepted);
    assert.deepEqual(result.serverSocket.getPeerCertificate(), {});
  });

  it('uses the configured TLS 1.2 suites, given by IANA name', async () => {
    const server = await serve({ cipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'] });
    const result = await server.attempt({
      ...trust(),
      cert: pki.client.cert,
      key: pki.client.key,
      maxVersion: 'TLSv1.2',
    });
    assert.ok(result.accepted);
    assert.equal(
      result.serverSocket.getCipher().standardName,
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
    );
  });

  it('uses configured suites given by OpenSSL name, refusing a 1.2 client without them', async () => {
    const server = await serve({ cipherSuites: ['ECDHE-ECDSA-CHACHA20-POLY1305'] });
    const result = await server.attempt({
      ...trust(),
      cert: pki.client.cert,
      key: pki.client.key,
      maxVersion: 'TLSv1.2',
    });
    assert.ok(result.accepted);
    assert.equal(result.serverSocket.getCipher().name, 'ECDHE-ECDSA-CHACHA20-POLY1305');
    const refused = await server.attempt({
      ...trust(),
      cert: pki.client.cert,
      key: pki.client.key,
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256',
    });
    assert.equal(refused.accepted, false);
  });

  it('keeps the default TLS 1.3 suites when the configured list names only TLS 1.2 suites', async () => {
    const server = await serve({ cipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'] });
    const result = await server.attempt({ ...trust(), cert: pki.client.cert, key: pki.client.key });
    assert.ok(result.accepted);
    assert.equal(result.serverSocket.getProtocol(), 'TLSv1.3');
    assert.equal(result.serverSocket.getCipher().standardName, 'TLS_AES_256_GCM_SHA384');
  });

  it('uses only the TLS 1.3 suites configured', async () => {
    const server = await serve({ cipherSuites: ['TLS_CHACHA20_POLY1305_SHA256'] });
    const result = await server.attempt({ ...trust(), cert: pki.client.cert, key: pki.client.key });
    assert.ok(result.accepted);
    assert.equal(result.serverSocket.getCipher().standardName, 'TLS_CHACHA20_POLY1305_SHA256');
  });

  it('refuses a TLS 1.2 client when minVersion is TLSv1.3', async () => {
    const server = await serve({ minVersion: 'TLSv1.3' });
    const result = await server.attempt({
      ...trust(),
      cert: pki.client.cert,
      key: pki.client.key,
      maxVersion: 'TLSv1.2',
    });
    assert.equal(result.accepted, false);
  });

  it('sets the options the listener needs', () => {
    const options = buildServerTlsOptions(base);
    assert.equal(options.minVersion, 'TLSv1.2');
    assert.equal(options.requestCert, true);
    assert.equal(options.rejectUnauthorized, true);
    assert.equal(options.honorCipherOrder, true);
    assert.match(options.ciphers ?? '', /^TLS_AES_256_GCM_SHA384:.*:ECDHE-RSA-AES128-GCM-SHA256$/);
  });

  for (const version of ['TLSv1.1', 'TLSv1', 'SSLv3', 'TLSv1.4', '']) {
    it(`refuses minVersion ${JSON.stringify(version)} with KW_TLS_VERSION`, () => {
      assert.throws(() => buildServerTlsOptions({ ...base, minVersion: version as 'TLSv1.2' }), {
        code: 'KW_TLS_VERSION',
        version,
      });
    });
  }

  it('refuses an unknown cipher suite with KW_TLS_CIPHER naming it', () => {
    assert.throws(() => buildServerTlsOptions({ ...base, cipherSuites: ['TLS_FOO_WITH_BAR'] }), {
      code: 'KW_TLS_CIPHER',
      cipher: 'TLS_FOO_WITH_BAR',
      reason: 'unknown',
    });
  });

  it('requires a CA when client certificates are required (no fallback to public roots)', () => {
    assert.throws(() => buildServerTlsOptions({ ...base, caFile: undefined }), {
      code: 'KW_TLS_OPTIONS',
      option: 'ca',
    });
  });

  it('refuses a value and a file for the same credential with KW_TLS_OPTIONS', () => {
    assert.throws(() => buildServerTlsOptions({ ...base, cert: pki.server.cert }), {
      code: 'KW_TLS_OPTIONS',
      option: 'cert',
    });
    assert.throws(() => buildServerTlsOptions({ ...base, ca: pki.ca.cert }), {
      code: 'KW_TLS_OPTIONS',
      option: 'ca',
    });
  });

  it('refuses a missing certificate or key with KW_TLS_OPTIONS', () => {
    assert.throws(() => buildServerTlsOptions({ ...base, certFile: undefined }), {
      code: 'KW_TLS_OPTIONS',
      option: 'cert',
    });
    assert.throws(() => buildServerTlsOptions({ ...base, keyFile: undefined }), {
      code: 'KW_TLS_OPTIONS',
      option: 'key',
    });
  });

  it('refuses a key that does not match the certificate with KW_TLS_OPTIONS', () => {
    assert.throws(() => buildServerTlsOptions({ ...base, keyFile: join(dir, 'client.key') }), {
      code: 'KW_TLS_OPTIONS',
    });
  });

  it('names an unreadable file in KW_TLS_FILE', () => {
    const path = join(dir, 'missing.crt');
    assert.throws(() => buildServerTlsOptions({ ...base, certFile: path }), {
      code: 'KW_TLS_FILE',
      path,
    });
  });

  it('refuses a CA file without certificates with KW_TLS_CA', () => {
    const path = join(dir, 'empty.pem');
    assert.throws(() => buildServerTlsOptions({ ...base, caFile: path }), {
      code: 'KW_TLS_CA',
      source: path,
    });
  });

  describe('against openssl s_client', () => {
    function sClient(
      port: number,
      args: string[],
    ): Promise<{ code: number | null; output: string }> {
      return new Promise((resolve) => {
        const child = execFile(
          'openssl',
          ['s_client', '-connect', `127.0.0.1:${port}`, ...args],
          { timeout: 10_000 },
          (error, stdout, stderr) => {
            resolve({
              code: error ? ((error as { code?: number }).code ?? 1) : 0,
              output: stdout + stderr,
            });
          },
        );
        child.stdin?.end();
      });
    }

    it('refuses openssl s_client -tls1_1', async () => {
      const server = await serve();
      const verdict = server.nextVerdict();
      const client = await sClient(server.port, [
        '-tls1_1',
        '-cipher',
        'DEFAULT@SECLEVEL=0',
        '-cert',
        join(dir, 'client.crt'),
        '-key',
        join(dir, 'client.key'),
      ]);
      const result = await verdict;
      assert.equal(result.accepted, false);
      assert.match(result.serverError.code ?? '', /UNSUPPORTED_PROTOCOL/);
      assert.notEqual(client.code, 0);
      assert.match(client.output, /alert protocol version/);
    });

    it('accepts openssl s_client -tls1_2 with the client certificate', async () => {
      const server = await serve();
      const verdict = server.nextVerdict();
      const client = await sClient(server.port, [
        '-tls1_2',
        '-CAfile',
        join(dir, 'ca.crt'),
        '-verify_return_error',
        '-cert',
        join(dir, 'client.crt'),
        '-key',
        join(dir, 'client.key'),
      ]);
      const result = await verdict;
      assert.ok(result.accepted);
      assert.equal(extractClientIdentity(result.peer), 'alice');
      assert.match(client.output, /Protocol *: TLSv1\.2/);
      assert.match(client.output, /Verify return code: 0 \(ok\)/);
    });
  });
});
