// The security matrix of issue #8 against a real `keywarden serve` (2-way TLS): every CA
// source, wrong CA, hostname mismatch, callback refusal, no client certificate, verify off.
import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KmipClient, type KmipClientOptions } from '../../../src/client/index.ts';
import type { ClientTlsInput } from '../../../src/tls/index.ts';
import { createCaCertificate } from '../../../src/pki/index.ts';
import { startKeywardenProcess, type KeywardenProcess } from '../../support/keywarden-process.ts';
import { writeCaSources, type CaSources } from './ca-sources.ts';

describe('TLS security matrix against keywarden serve', () => {
  let server: KeywardenProcess;
  let dir: string;
  let sources: CaSources;
  let wrong: CaSources;
  const clients: KmipClient[] = [];

  before(async () => {
    server = await startKeywardenProcess();
    dir = await mkdtemp(join(tmpdir(), 'kw-matrix-'));
    const other = await createCaCertificate({ commonName: 'Unrelated CA' });
    sources = await writeCaSources(join(dir, 'good'), await readFile(server.pki.ca, 'utf8'), [
      other.cert,
    ]);
    wrong = await writeCaSources(join(dir, 'wrong'), other.cert);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const identity = () => ({ certFile: server.pki.clientCert, keyFile: server.pki.clientKey });
  /** One Query through a fresh client; no retries, so a refusal shows at once. */
  const query = (tls: ClientTlsInput, extra: Partial<KmipClientOptions> = {}) => {
    const client = new KmipClient({
      host: server.host,
      port: server.port,
      tls,
      retries: 0,
      version: '1.4',
      ...extra,
    });
    clients.push(client);
    return client.query(['QueryOperations']);
  };

  const accepted: [string, () => ClientTlsInput][] = [
    ['verify: bundle file path', () => ({ verify: sources.file, env: {} })],
    ['verify: hashed directory path', () => ({ verify: sources.hashedDir, env: {} })],
    ['caFile', () => ({ caFile: sources.file, env: {} })],
    ['caDir (hashed)', () => ({ caDir: sources.hashedDir, env: {} })],
    ['REQUESTS_CA_BUNDLE (file)', () => ({ env: { REQUESTS_CA_BUNDLE: sources.file } })],
    ['CURL_CA_BUNDLE (hashed dir)', () => ({ env: { CURL_CA_BUNDLE: sources.hashedDir } })],
    ['KEYWARDEN_CA_BUNDLE (file)', () => ({ env: { KEYWARDEN_CA_BUNDLE: sources.file } })],
    ['verify: false', () => ({ verify: false })],
  ];
  for (const [name, tls] of accepted) {
    it(`connects with ${name}`, async () => {
      const response = await query({ ...tls(), ...identity() });
      assert.ok((response.operations?.length ?? 0) > 0);
    });
  }

  it('takes the first env var: a wrong REQUESTS_CA_BUNDLE wins over a good KEYWARDEN_CA_BUNDLE', async () => {
    await assert.rejects(
      query({
        env: { REQUESTS_CA_BUNDLE: wrong.file, KEYWARDEN_CA_BUNDLE: sources.file },
        ...identity(),
      }),
      { code: 'KW_CLIENT_AUTH', check: 'chain' },
    );
  });

  for (const [name, tls] of [
    ['a wrong CA file', () => ({ verify: wrong.file })],
    ['a wrong hashed directory', () => ({ verify: wrong.hashedDir })],
    ["Node's bundled roots only", () => ({ env: {}, systemCaPaths: [] })],
  ] as [string, () => ClientTlsInput][]) {
    it(`refuses the server with ${name}: KW_CLIENT_AUTH, check chain`, async () => {
      await assert.rejects(query({ env: {}, ...tls(), ...identity() }), {
        code: 'KW_CLIENT_AUTH',
        check: 'chain',
      });
    });
  }

  it('refuses a host name the certificate does not carry: check hostname', async () => {
    await assert.rejects(
      query({ verify: sources.file, servername: 'kms.elsewhere.example', ...identity() }),
      {
        code: 'KW_CLIENT_AUTH',
        check: 'hostname',
      },
    );
  });

  it('refuses the server when the verify callback says no: check callback', async () => {
    let seen = '';
    await assert.rejects(
      query({
        verify: sources.file,
        verifyCallback: async (cert) => {
          seen = cert.fingerprint256;
          return false;
        },
        ...identity(),
      }),
      { code: 'KW_CLIENT_AUTH', check: 'callback' },
    );
    assert.match(seen, /^[0-9A-F:]+$/);
  });

  it('is refused by the server without a client certificate (1-way against a 2-way server)', async () => {
    await assert.rejects(
      query({ verify: sources.file }),
      (error: Error & { code?: string; check?: string }) => {
        assert.ok(
          error.code === 'KW_CLIENT_AUTH' || error.code === 'KW_CLIENT_CONNECTION',
          `unexpected ${error.code}`,
        );
        if (error.code === 'KW_CLIENT_AUTH') assert.equal(error.check, 'client-certificate');
        return true;
      },
    );
  });
});
