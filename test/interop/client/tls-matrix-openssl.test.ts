// The security matrix of issue #8 against `openssl s_server`: verification modes and CA
// sources, expired and misnamed server certificates, 1-way and 2-way TLS, a TLS 1.1-only
// server, and cipher restriction. Under CI a missing openssl fails, never skips.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { KmipConnection } from '../../../src/client/connection.ts';
import { createCaCertificate, issueCertificate } from '../../../src/pki/index.ts';
import { connectTls, type ClientTlsInput } from '../../../src/tls/index.ts';
import { writeCaSources, type CaSources } from './ca-sources.ts';

const OPENSSL = '/usr/bin/openssl';
const hasOpenssl = spawnSync(OPENSSL, ['version'], { stdio: 'ignore' }).status === 0;

function opensslAvailable(t: TestContext): boolean {
  if (hasOpenssl) return true;
  if (process.env.CI === 'true') assert.fail(`${OPENSSL} is required under CI`);
  t.skip(`${OPENSSL} not installed`);
  return false;
}

interface SServer {
  readonly port: number;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts `openssl s_server` on a free loopback port and waits for its ACCEPT line. */
function startSServer(args: readonly string[]): Promise<SServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(OPENSSL, ['s_server', '-accept', '127.0.0.1:0', ...args]);
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`s_server did not start:\n${out}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('latin1');
      const match = /ACCEPT\s+\S*:(\d+)/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve({
          port: Number(match[1]),
          output: () => out,
          stop: async () => {
            if (child.exitCode === null) {
              child.kill('SIGKILL');
              await new Promise((r) => child.once('close', r));
            }
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
  });
}

describe(
  'TLS security matrix against openssl s_server',
  { skip: !hasOpenssl && process.env.CI !== 'true' },
  () => {
    let dir: string;
    let good: CaSources;
    let wrong: CaSources;
    const files: Record<string, string> = {};
    const servers: SServer[] = [];

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kw-sserver-'));
      const ca = await createCaCertificate({ commonName: 'Matrix CA' });
      const other = await createCaCertificate({ commonName: 'Other CA' });
      const by = { caCert: ca.cert, caKey: ca.key };
      const sans = [
        { type: 'dns' as const, value: 'localhost' },
        { type: 'ip' as const, value: '127.0.0.1' },
      ];
      const server = await issueCertificate({
        ...by,
        commonName: 'localhost',
        sans,
        eku: ['serverAuth'],
      });
      const expired = await issueCertificate({
        ...by,
        commonName: 'expired.localhost',
        sans,
        validity: { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') },
      });
      const client = await issueCertificate({
        ...by,
        commonName: 'matrix-client',
        eku: ['clientAuth'],
      });
      const write = async (name: string, text: string) => {
        files[name] = join(dir, name);
        await writeFile(files[name], text, { mode: 0o600 });
      };
      await write('ca.crt', ca.cert);
      await write('server.crt', server.cert);
      await write('server.key', server.key);
      await write('expired.crt', expired.cert);
      await write('expired.key', expired.key);
      await write('client.crt', client.cert);
      await write('client.key', client.key);
      good = await writeCaSources(join(dir, 'good'), ca.cert, [other.cert]);
      wrong = await writeCaSources(join(dir, 'wrong'), other.cert);
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await rm(dir, { recursive: true, force: true });
    });

    const f = (name: string): string => files[name] ?? assert.fail(`no file ${name}`);
    const serve = async (args: readonly string[]) => {
      const server = await startSServer(args);
      servers.push(server);
      return server;
    };
    const oneWay = () => serve(['-cert', f('server.crt'), '-key', f('server.key')]);
    /** Opens the KMIP transport's connection (connect, handshake, verification). */
    const open = async (port: number, tls: ClientTlsInput) => {
      const connection = await KmipConnection.open({
        host: '127.0.0.1',
        port,
        tls: { env: {}, ...tls },
        connectTimeoutMs: 5000,
        maxResponseSize: 1 << 20,
      });
      connection.destroy();
    };

    it('accepts the server with verify off, a CA file, a hashed dir and each env var (1-way)', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await oneWay();
      const modes: ClientTlsInput[] = [
        { verify: false },
        { verify: good.file },
        { verify: good.hashedDir },
        { env: { REQUESTS_CA_BUNDLE: good.file } },
        { env: { CURL_CA_BUNDLE: good.hashedDir } },
        { env: { KEYWARDEN_CA_BUNDLE: good.file } },
      ];
      for (const tls of modes) await open(server.port, tls);
    });

    it('refuses a server from another CA (chain), misnamed (hostname) or refused by the callback', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await oneWay();
      await assert.rejects(open(server.port, { verify: wrong.file }), {
        code: 'KW_CLIENT_AUTH',
        check: 'chain',
      });
      await assert.rejects(open(server.port, { verify: wrong.hashedDir }), {
        code: 'KW_CLIENT_AUTH',
        check: 'chain',
      });
      await assert.rejects(open(server.port, { verify: good.file, servername: 'other.example' }), {
        code: 'KW_CLIENT_AUTH',
        check: 'hostname',
      });
      await assert.rejects(open(server.port, { verify: good.file, verifyCallback: () => false }), {
        code: 'KW_CLIENT_AUTH',
        check: 'callback',
      });
    });

    it('refuses an expired server certificate: check validity, naming it', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await serve(['-cert', f('expired.crt'), '-key', f('expired.key')]);
      await assert.rejects(open(server.port, { verify: good.file }), {
        code: 'KW_CLIENT_AUTH',
        check: 'validity',
        subject: 'CN=expired.localhost',
      });
    });

    it('presents the client certificate to a 2-way server, which verifies it', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await serve([
        '-cert',
        f('server.crt'),
        '-key',
        f('server.key'),
        '-Verify',
        '1',
        '-CAfile',
        f('ca.crt'),
        '-verify_return_error',
      ]);
      const socket = await connectTls({
        host: '127.0.0.1',
        port: server.port,
        verify: good.file,
        env: {},
        certFile: f('client.crt'),
        keyFile: f('client.key'),
      });
      // TLS 1.3: the server's verdict on our certificate follows the handshake; wait for its log.
      // Wait for the whole subject line (the CN can be printed before it), at most 10 s.
      const subject = /subject=.*CN ?= ?matrix-client/;
      const deadline = Date.now() + 10_000;
      await new Promise<void>((resolve) => {
        const poll = () =>
          subject.test(server.output()) || Date.now() > deadline ? resolve() : setTimeout(poll, 10);
        poll();
      });
      socket.destroy();
      assert.match(server.output(), subject);
    });

    it('is refused by a 2-way server when it has no client certificate', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await serve([
        '-cert',
        f('server.crt'),
        '-key',
        f('server.key'),
        '-Verify',
        '1',
        '-CAfile',
        f('ca.crt'),
        '-verify_return_error',
      ]);
      const connection = await KmipConnection.open({
        host: '127.0.0.1',
        port: server.port,
        tls: { verify: good.file, env: {} },
        connectTimeoutMs: 5000,
        maxResponseSize: 1 << 20,
      }).catch((error: unknown) => error);
      if (connection instanceof KmipConnection) {
        await assert.rejects(connection.exchange(new Uint8Array(8), { timeoutMs: 5000 }), {
          code: 'KW_CLIENT_AUTH',
          check: 'client-certificate',
        });
      } else {
        assert.equal((connection as { code?: string }).code, 'KW_CLIENT_AUTH');
      }
    });

    it('refuses a TLS 1.1-only server: KW_CLIENT_CONNECTION (handshake)', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await serve([
        '-cert',
        f('server.crt'),
        '-key',
        f('server.key'),
        '-tls1_1',
        '-cipher',
        'DEFAULT:@SECLEVEL=0',
      ]);
      await assert.rejects(open(server.port, { verify: good.file }), {
        code: 'KW_CLIENT_CONNECTION',
        wasSent: false,
      });
    });

    it('honours a cipher restriction: a server without our suites is refused, a matching one negotiates it', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await serve([
        '-cert',
        f('server.crt'),
        '-key',
        f('server.key'),
        '-no_tls1_3',
        '-cipher',
        'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384',
      ]);
      await assert.rejects(
        open(server.port, {
          verify: good.file,
          cipherSuites: [
            'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
            'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
          ],
        }),
        { code: 'KW_CLIENT_CONNECTION' },
      );
      const socket = await connectTls({
        host: '127.0.0.1',
        port: server.port,
        verify: good.file,
        env: {},
        cipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE-RSA-AES256-GCM-SHA384'],
      });
      assert.equal(socket.getProtocol(), 'TLSv1.2');
      assert.match(socket.getCipher().name, /AES256-GCM-SHA384/);
      socket.destroy();
    });

    it('refuses to go below TLS 1.3 when asked: minVersion TLSv1.3 against a TLS 1.2-only server', async (t) => {
      if (!opensslAvailable(t)) return;
      const server = await serve(['-cert', f('server.crt'), '-key', f('server.key'), '-no_tls1_3']);
      await assert.rejects(open(server.port, { verify: good.file, minVersion: 'TLSv1.3' }), {
        code: 'KW_CLIENT_CONNECTION',
      });
    });
  },
);
