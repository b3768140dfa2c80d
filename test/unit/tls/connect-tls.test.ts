// connectTls against real TLS servers on port 0: each verification failure names its check
// and certificate (issue #8), client credentials in every form, versions and ciphers.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueCertificate } from '../../../src/pki/index.ts';
import {
  buildServerTlsOptions,
  connectTls,
  type ConnectTlsOptions,
} from '../../../src/tls/index.ts';
import { createTestPki, startTestServer, type TestPki, type TestServer } from './tls-fixtures.ts';

describe('connectTls', () => {
  let pki: TestPki;
  let dir: string;
  let oneWay: TestServer;
  let mutual: TestServer;
  let expired: TestServer;
  let wrongName: TestServer;

  before(async () => {
    pki = await createTestPki();
    dir = await mkdtemp(join(tmpdir(), 'kw-connect-tls-'));
    await writeFile(join(dir, 'ca.crt'), pki.ca.cert);
    await writeFile(join(dir, 'client.crt'), pki.client.cert);
    await writeFile(join(dir, 'client.key'), pki.client.key, { mode: 0o600 });
    // An encrypted PKCS#8 key and a PKCS#12 file, as operators get them from other tools.
    execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-v2',
      'aes-256-cbc',
      '-in',
      join(dir, 'client.key'),
      '-out',
      join(dir, 'client-enc.key'),
      '-passout',
      'pass:s3cret',
    ]);
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      join(dir, 'client.crt'),
      '-inkey',
      join(dir, 'client.key'),
      '-out',
      join(dir, 'client.p12'),
      '-passout',
      'pass:p12pass',
    ]);
    const server = { cert: pki.server.cert, key: pki.server.key };
    oneWay = await startTestServer(buildServerTlsOptions({ ...server, requireClientCert: false }));
    mutual = await startTestServer(buildServerTlsOptions({ ...server, ca: pki.ca.cert }));
    const by = { caCert: pki.ca.cert, caKey: pki.ca.key };
    const old = await issueCertificate({
      ...by,
      commonName: 'old.example',
      sans: [{ type: 'ip', value: '127.0.0.1' }],
      validity: { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') },
    });
    expired = await startTestServer(buildServerTlsOptions({ ...old, requireClientCert: false }));
    const other = await issueCertificate({
      ...by,
      commonName: 'elsewhere.example',
      sans: [{ type: 'dns', value: 'elsewhere.example' }],
    });
    wrongName = await startTestServer(
      buildServerTlsOptions({ ...other, requireClientCert: false }),
    );
  });
  after(async () => {
    await Promise.all([oneWay, mutual, expired, wrongName].map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (port: number, input: Omit<ConnectTlsOptions, 'host' | 'port'>) => {
    const socket = await connectTls({ host: '127.0.0.1', port, env: {}, ...input });
    socket.destroy();
    return socket;
  };

  it('connects when the server chains to the CA and carries the IP address', async () => {
    const socket = await open(oneWay.port, { verify: join(dir, 'ca.crt') });
    assert.equal(socket.authorized, true);
  });

  it('names the chain check and the server certificate for an untrusted CA', async () => {
    await assert.rejects(open(oneWay.port, { ca: pki.otherCa.cert }), {
      code: 'KW_TLS_VERIFY',
      check: 'chain',
      subject: 'CN=localhost',
    });
  });

  it('names the validity check and the expired certificate', async () => {
    await assert.rejects(open(expired.port, { caFile: join(dir, 'ca.crt') }), {
      code: 'KW_TLS_VERIFY',
      check: 'validity',
      subject: 'CN=old.example',
      opensslCode: 'CERT_HAS_EXPIRED',
    });
  });

  it('names the hostname check when the certificate names another host', async () => {
    await assert.rejects(open(wrongName.port, { caFile: join(dir, 'ca.crt') }), {
      code: 'KW_TLS_VERIFY',
      check: 'hostname',
      subject: 'CN=elsewhere.example',
    });
    // The same server passes under the name it carries.
    await open(wrongName.port, { caFile: join(dir, 'ca.crt'), servername: 'elsewhere.example' });
  });

  it('runs an async verifyCallback with the leaf and chain, and names the callback check when it refuses', async () => {
    const seen: string[] = [];
    await open(oneWay.port, {
      caFile: join(dir, 'ca.crt'),
      verifyCallback: async (cert, chain) => {
        seen.push(`${String(cert.subject.CN)}/${chain.length}`);
        return true;
      },
    });
    assert.deepEqual(seen, ['localhost/2']);
    await assert.rejects(
      open(oneWay.port, { caFile: join(dir, 'ca.crt'), verifyCallback: async () => false }),
      { code: 'KW_TLS_VERIFY', check: 'callback' },
    );
    await assert.rejects(
      open(oneWay.port, {
        caFile: join(dir, 'ca.crt'),
        verifyCallback: () => {
          throw new Error('pin mismatch');
        },
      }),
      { code: 'KW_TLS_VERIFY', check: 'callback' },
    );
  });

  it('does not verify with verify: false', async () => {
    const socket = await open(expired.port, { verify: false });
    assert.equal(socket.authorized, false);
  });

  it('presents a client certificate from PEM files, an encrypted key or PKCS#12', async () => {
    const ca = { caFile: join(dir, 'ca.crt') };
    const forms: Omit<ConnectTlsOptions, 'host' | 'port'>[] = [
      { ...ca, certFile: join(dir, 'client.crt'), keyFile: join(dir, 'client.key') },
      {
        ...ca,
        certFile: join(dir, 'client.crt'),
        keyFile: join(dir, 'client-enc.key'),
        passphrase: 's3cret',
      },
      { ...ca, pfxFile: join(dir, 'client.p12'), passphrase: 'p12pass' },
    ];
    for (const form of forms) {
      const verdict = mutual.nextVerdict();
      // TLS 1.3: the server checks the client certificate after the client's handshake ends,
      // so the socket stays open until the server has decided.
      const socket = await connectTls({ host: '127.0.0.1', port: mutual.port, env: {}, ...form });
      const result = await verdict;
      socket.destroy();
      assert.ok(result.accepted, JSON.stringify(result));
      assert.equal(result.peer.subject.CN, 'alice');
    }
  });

  it('refuses conflicting client credential forms with KW_TLS_OPTIONS', async () => {
    await assert.rejects(
      open(mutual.port, {
        certFile: join(dir, 'client.crt'),
        keyFile: join(dir, 'client.key'),
        pfxFile: join(dir, 'client.p12'),
      }),
      { code: 'KW_TLS_OPTIONS', option: 'pfx' },
    );
  });

  it('reports a refused TCP connect as KW_TLS_CONNECT phase connect', async () => {
    const closedPort = oneWay.port === 1 ? 2 : 1;
    await assert.rejects(open(closedPort, { verify: false }), {
      code: 'KW_TLS_CONNECT',
      phase: 'connect',
    });
  });

  it('honours minVersion TLSv1.3 and a TLS 1.2 cipher restriction', async () => {
    const v13 = await connectTls({
      host: '127.0.0.1',
      port: oneWay.port,
      caFile: join(dir, 'ca.crt'),
      minVersion: 'TLSv1.3',
    });
    assert.equal(v13.getProtocol(), 'TLSv1.3');
    v13.destroy();
    const v12 = await connectTls({
      host: '127.0.0.1',
      port: oneWay.port,
      caFile: join(dir, 'ca.crt'),
      maxVersion: 'TLSv1.2',
      cipherSuites: [
        'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      ],
    });
    assert.equal(v12.getProtocol(), 'TLSv1.2');
    assert.match(v12.getCipher().name, /AES128-GCM-SHA256/);
    v12.destroy();
  });

  it('stops at once when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(
      connectTls({
        host: '127.0.0.1',
        port: oneWay.port,
        verify: false,
        signal: controller.signal,
      }),
      { message: 'stop' },
    );
  });
});

describe('connectTls with verify: false', () => {
  it('warns once per process (KEYWARDEN_TLS_NO_VERIFY), however many connections', async () => {
    const pki = await createTestPki();
    const server = await startTestServer(
      buildServerTlsOptions({
        cert: pki.server.cert,
        key: pki.server.key,
        requireClientCert: false,
      }),
    );
    try {
      const script = `
        import { connectTls } from ${JSON.stringify(new URL('../../../src/tls/index.ts', import.meta.url).href)};
        for (let i = 0; i < 3; i += 1) (await connectTls({ host: '127.0.0.1', port: ${server.port}, verify: false })).destroy();
      `;
      // Async: the server runs in this process, so the test must not block its event loop.
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const [code] = (await once(child, 'close')) as [number | null];
      clearTimeout(killer);
      const run = { status: code, stderr };
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr.match(/KEYWARDEN_TLS_NO_VERIFY/g)?.length, 1);
    } finally {
      await server.close();
    }
  });
});
