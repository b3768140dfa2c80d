import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { issueCertificate } from '../../../src/pki/index.ts';
import {
  buildClientTlsOptions,
  buildServerTlsOptions,
  resolveCaSource,
  type ClientTlsInput,
} from '../../../src/tls/index.ts';
import { createTestPki, startTestServer, type TestPki, type TestServer } from './tls-fixtures.ts';

type ClientOutcome = { ok: true; socket: TLSSocket } | { ok: false; error: NodeJS.ErrnoException };

/** Connects and settles on the client's verdict on the server. */
function dial(port: number, options: ConnectionOptions): Promise<ClientOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ...options });
    socket.once('secureConnect', () => {
      resolve({ ok: true, socket });
      socket.destroy();
    });
    socket.once('error', (error) => resolve({ ok: false, error }));
  });
}

describe('buildClientTlsOptions', () => {
  let pki: TestPki;
  let dir: string;
  let oneWay: TestServer;
  let mutual: TestServer;
  let expired: TestServer;
  const noEnv = {};

  before(async () => {
    pki = await createTestPki();
    dir = await mkdtemp(join(tmpdir(), 'kw-tls-client-'));
    await writeFile(join(dir, 'ca.crt'), pki.ca.cert);
    await writeFile(join(dir, 'other-ca.crt'), pki.otherCa.cert);
    await writeFile(join(dir, 'bundle.pem'), pki.otherCa.cert + pki.ca.cert);
    await writeFile(join(dir, 'client.crt'), pki.client.cert);
    await writeFile(join(dir, 'client.key'), pki.client.key, { mode: 0o600 });
    // A CA directory as c_rehash leaves it: PEM files, hash links, and unrelated files.
    await mkdir(join(dir, 'cadir'));
    await writeFile(join(dir, 'cadir', 'test-ca.pem'), pki.ca.cert);
    await symlink('test-ca.pem', join(dir, 'cadir', '0a1b2c3d.0'));
    await writeFile(join(dir, 'cadir', 'README'), 'not a certificate');
    await mkdir(join(dir, 'emptydir'));
    await writeFile(join(dir, 'emptydir', 'notes.txt'), 'nothing');
    await mkdir(join(dir, 'othercadir'));
    await writeFile(join(dir, 'othercadir', 'other.crt'), pki.otherCa.cert);

    oneWay = await startTestServer(
      buildServerTlsOptions({
        cert: pki.server.cert,
        key: pki.server.key,
        requireClientCert: false,
      }),
    );
    mutual = await startTestServer(
      buildServerTlsOptions({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert }),
    );
    const old = await issueCertificate({
      caCert: pki.ca.cert,
      caKey: pki.ca.key,
      commonName: 'localhost',
      sans: [{ type: 'ip', value: '127.0.0.1' }],
      validity: { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') },
    });
    expired = await startTestServer(
      buildServerTlsOptions({ cert: old.cert, key: old.key, requireClientCert: false }),
    );
  });
  after(async () => {
    await oneWay.close();
    await mutual.close();
    await expired.close();
    await rm(dir, { recursive: true, force: true });
  });

  const to = (input: ClientTlsInput) => buildClientTlsOptions({ env: noEnv, ...input });

  it('verifies the server against a CA file and checks the IP address SAN', async () => {
    const outcome = await dial(oneWay.port, to({ caFile: join(dir, 'ca.crt') }));
    assert.ok(outcome.ok);
    assert.equal(outcome.socket.authorized, true);
  });

  it('verifies against a bundle file holding several CAs in any order', async () => {
    assert.ok((await dial(oneWay.port, to({ caFile: join(dir, 'bundle.pem') }))).ok);
  });

  it('verifies against a CA directory with c_rehash links and unrelated files', async () => {
    assert.ok((await dial(oneWay.port, to({ caDir: join(dir, 'cadir') }))).ok);
  });

  it('verifies against CA PEM text', async () => {
    assert.ok((await dial(oneWay.port, to({ ca: pki.ca.cert }))).ok);
  });

  it('refuses a server whose certificate is from another CA', async () => {
    const outcome = await dial(oneWay.port, to({ caFile: join(dir, 'other-ca.crt') }));
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('checks the servername against the certificate', async () => {
    assert.ok(
      (await dial(oneWay.port, to({ caFile: join(dir, 'ca.crt'), servername: 'localhost' }))).ok,
    );
    const outcome = await dial(
      oneWay.port,
      to({ caFile: join(dir, 'ca.crt'), servername: 'kms.example' }),
    );
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('checks an IP servername against the IP SANs without sending it as SNI', async () => {
    const good = to({ caFile: join(dir, 'ca.crt'), servername: '127.0.0.1' });
    assert.equal(good.servername, undefined);
    assert.ok((await dial(oneWay.port, good)).ok);
    const outcome = await dial(
      oneWay.port,
      to({ caFile: join(dir, 'ca.crt'), servername: '192.0.2.7' }),
    );
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('refuses an expired server certificate', async () => {
    const outcome = await dial(expired.port, to({ caFile: join(dir, 'ca.crt') }));
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error.code, 'CERT_HAS_EXPIRED');
  });

  it("falls back to Node's public root store, which does not trust a private CA", async () => {
    assert.deepEqual(resolveCaSource({ env: noEnv, systemCaPaths: [] }), { kind: 'bundled' });
    const options = to({ systemCaPaths: [] });
    assert.equal(options.ca, undefined);
    const outcome = await dial(oneWay.port, options);
    assert.equal(outcome.ok, false);
  });

  it('does not verify at all with verify: false', async () => {
    const outcome = await dial(oneWay.port, to({ verify: false }));
    assert.ok(outcome.ok);
    assert.equal(outcome.socket.authorized, false);
    assert.deepEqual(resolveCaSource({ verify: false, caFile: 'ignored' }), { kind: 'none' });
  });

  it('takes a CA file or directory path in verify, as zhmcclient verify_cert does', async () => {
    assert.ok((await dial(oneWay.port, to({ verify: join(dir, 'ca.crt') }))).ok);
    assert.ok((await dial(oneWay.port, to({ verify: join(dir, 'cadir') }))).ok);
    assert.throws(() => to({ verify: join(dir, 'ca.crt'), caFile: join(dir, 'ca.crt') }), {
      code: 'KW_TLS_OPTIONS',
      option: 'verify',
    });
  });

  describe('CA bundle environment variables', () => {
    it('uses REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE, then KEYWARDEN_CA_BUNDLE (issue #8)', () => {
      const all = { KEYWARDEN_CA_BUNDLE: '/k', REQUESTS_CA_BUNDLE: '/r', CURL_CA_BUNDLE: '/c' };
      assert.deepEqual(resolveCaSource({ env: all }), {
        kind: 'env',
        name: 'REQUESTS_CA_BUNDLE',
        path: '/r',
      });
      assert.deepEqual(resolveCaSource({ env: { ...all, REQUESTS_CA_BUNDLE: '' } }), {
        kind: 'env',
        name: 'CURL_CA_BUNDLE',
        path: '/c',
      });
      assert.deepEqual(resolveCaSource({ env: { KEYWARDEN_CA_BUNDLE: '/k' } }), {
        kind: 'env',
        name: 'KEYWARDEN_CA_BUNDLE',
        path: '/k',
      });
    });

    it('falls back to the first system CA location that exists, then to the bundled roots', () => {
      const paths = [join(dir, 'nope.pem'), join(dir, 'cadir'), join(dir, 'ca.crt')];
      assert.deepEqual(resolveCaSource({ env: noEnv, systemCaPaths: paths }), {
        kind: 'system',
        path: join(dir, 'cadir'),
      });
      assert.equal(to({ systemCaPaths: paths }).ca?.length, 1);
    });

    it('lets explicit CA options and verify paths win over the environment', () => {
      const env = { KEYWARDEN_CA_BUNDLE: '/k' };
      assert.deepEqual(resolveCaSource({ env, caFile: '/x' }), { kind: 'explicit' });
      assert.deepEqual(resolveCaSource({ env, verify: '/v' }), { kind: 'verify-path', path: '/v' });
    });

    it('verifies with a bundle file named in KEYWARDEN_CA_BUNDLE', async () => {
      const options = buildClientTlsOptions({ env: { KEYWARDEN_CA_BUNDLE: join(dir, 'ca.crt') } });
      assert.ok((await dial(oneWay.port, options)).ok);
    });

    it('verifies with a directory named in REQUESTS_CA_BUNDLE', async () => {
      const options = buildClientTlsOptions({ env: { REQUESTS_CA_BUNDLE: join(dir, 'cadir') } });
      assert.ok((await dial(oneWay.port, options)).ok);
    });

    it('refuses the server when the environment names the wrong CA', async () => {
      const options = buildClientTlsOptions({ env: { CURL_CA_BUNDLE: join(dir, 'othercadir') } });
      assert.equal((await dial(oneWay.port, options)).ok, false);
    });

    it('names a missing bundle path in KW_TLS_FILE', () => {
      const path = join(dir, 'nope.pem');
      assert.throws(() => buildClientTlsOptions({ env: { KEYWARDEN_CA_BUNDLE: path } }), {
        code: 'KW_TLS_FILE',
        path,
      });
    });

    it('reads process.env when no env is given', () => {
      const names = ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'KEYWARDEN_CA_BUNDLE'] as const;
      const saved = names.map((name) => process.env[name]);
      for (const name of names) delete process.env[name];
      process.env.KEYWARDEN_CA_BUNDLE = '/from/process';
      try {
        assert.deepEqual(resolveCaSource({}), {
          kind: 'env',
          name: 'KEYWARDEN_CA_BUNDLE',
          path: '/from/process',
        });
      } finally {
        names.forEach((name, i) => {
          const value = saved[i];
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        });
      }
    });
  });

  it('refuses a CA directory without certificates with KW_TLS_CA', () => {
    const source = join(dir, 'emptydir');
    assert.throws(() => to({ caDir: source }), { code: 'KW_TLS_CA', source });
  });

  it('presents a client certificate to a server that requires one', async () => {
    const result = await mutual.attempt(
      to({
        caFile: join(dir, 'ca.crt'),
        certFile: join(dir, 'client.crt'),
        keyFile: join(dir, 'client.key'),
      }),
    );
    assert.ok(result.accepted);
    assert.equal(result.serverSocket.authorized, true);
  });

  it('refuses a certificate without its key with KW_TLS_OPTIONS', () => {
    assert.throws(() => to({ caFile: join(dir, 'ca.crt'), cert: pki.client.cert }), {
      code: 'KW_TLS_OPTIONS',
      option: 'key',
    });
  });

  it('refuses minVersion below TLS 1.2 with KW_TLS_VERSION and unknown suites with KW_TLS_CIPHER', () => {
    assert.throws(() => to({ minVersion: 'TLSv1.1' as 'TLSv1.2' }), { code: 'KW_TLS_VERSION' });
    assert.throws(() => to({ cipherSuites: ['TLS_NOPE'] }), {
      code: 'KW_TLS_CIPHER',
      cipher: 'TLS_NOPE',
    });
    assert.equal(to({}).minVersion, 'TLSv1.2');
  });

  it('runs verifyCallback after the built-in checks, and refuses the server on an Error', async () => {
    const seen: string[] = [];
    const accept = to({
      caFile: join(dir, 'ca.crt'),
      servername: 'localhost',
      verifyCallback: (cert, chain) => {
        seen.push(`${String(cert.subject.CN)} ${chain.length}`);
        return true;
      },
    });
    assert.ok((await dial(oneWay.port, accept)).ok);
    assert.deepEqual(seen, ['localhost 1']);
    const refuse = to({
      caFile: join(dir, 'ca.crt'),
      verifyCallback: () => false,
    });
    const outcome = await dial(oneWay.port, refuse);
    assert.equal(outcome.ok, false);
    assert.match(outcome.error.message, /verifyCallback refused/);
  });
});
