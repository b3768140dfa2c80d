// The KMIP listener against a real TLS peer, `openssl s_client`: which clients it refuses, and
// the log line that names each reason. Under CI a missing openssl is a failure, never a skip.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it, type TestContext } from 'node:test';
import {
  createListenerPki,
  frame,
  startTestListener,
  type ClientName,
  type ListenerPki,
  type LogLine,
  type TestListener,
} from '../../unit/server/listener/listener-fixtures.ts';

const OPENSSL = '/usr/bin/openssl';
/** Written by the handler, so s_client's output shows that a request was answered. */
const ANSWER_MARK = 'kw-answered';
/** No s_client run may take longer; a hang fails the test instead of stalling the suite. */
const HARD_TIMEOUT_MS = 10_000;

const hasOpenssl = spawnSync(OPENSSL, ['version'], { stdio: 'ignore' }).status === 0;

/** False (after skipping) when openssl is missing on a developer's machine; throws under CI. */
function opensslAvailable(t: TestContext): boolean {
  if (hasOpenssl) return true;
  if (process.env.CI === 'true') assert.fail(`${OPENSSL} is required under CI`);
  t.skip(`${OPENSSL} not installed`);
  return false;
}

interface SClientResult {
  /** Exit code, or null when we stopped it after seeing the answer. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The handler's answer reached the client. */
  readonly answered: boolean;
}

/**
 * Runs s_client, sends one KMIP-framed request once connected, and waits until the answer
 * arrives (then stops it) or s_client exits on its own because the server closed the connection.
 */
function runSClient(port: number, args: readonly string[]): Promise<SClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(OPENSSL, [
      's_client',
      '-connect',
      `127.0.0.1:${port}`,
      '-servername',
      'localhost',
      // Keep reading after stdin ends: the server, not stdin, ends the session.
      '-ign_eof',
      ...args,
    ]);
    let stdout = '';
    let stderr = '';
    let answered = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`s_client did not finish in ${HARD_TIMEOUT_MS} ms:\n${stdout}\n${stderr}`));
    }, HARD_TIMEOUT_MS);
    child.stdout.setEncoding('latin1');
    child.stderr.setEncoding('latin1');
    child.stdout.on('data', (text: string) => {
      stdout += text;
      if (!answered && stdout.includes(ANSWER_MARK)) {
        answered = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (text: string) => (stderr += text));
    child.stdin.on('error', () => {}); // s_client may be gone before we write
    child.stdin.end(frame('openssl interop'));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: answered ? null : code, stdout, stderr, answered });
    });
  });
}

describe('KMIP listener refusals seen by openssl s_client', { timeout: 60_000 }, () => {
  let pki: ListenerPki;
  let server: TestListener & { stop(): Promise<void> };

  before(async () => {
    pki = await createListenerPki();
    server = await startTestListener(pki, {
      handle: async ({ connection }) =>
        new TextEncoder().encode(`${ANSWER_MARK} ${connection.identity}\n`),
    });
  });
  after(async () => {
    await server?.stop();
    await pki?.cleanup();
  });

  const credentials = (client: ClientName) => [
    '-cert',
    pki.clients[client].certFile,
    '-key',
    pki.clients[client].keyFile,
  ];
  const trust = () => ['-CAfile', pki.caFile, '-verify_return_error'];

  /** The listener's refusal line for a reason, logged at warn with the peer's address. */
  async function refusalLogged(event: string, reason: string): Promise<LogLine> {
    const line = await server.log.waitFor((l) => l.event === event && l.reason === reason);
    assert.equal(line.level, 40);
    assert.equal(line.remoteAddress, '127.0.0.1');
    return line;
  }

  it('completes a handshake and answers a request with a good certificate', async (t) => {
    if (!opensslAvailable(t)) return;
    const result = await runSClient(server.port, [...trust(), ...credentials('admin')]);
    assert.ok(result.answered, result.stdout + result.stderr);
    assert.match(result.stdout, /Verify return code: 0 \(ok\)/);
    assert.match(result.stdout, /^New, TLSv1\.[23], Cipher is /m);
    assert.ok(result.stdout.includes(`${ANSWER_MARK} alice`));
  });

  it('completes a TLS 1.2 handshake when the client offers only TLS 1.2', async (t) => {
    if (!opensslAvailable(t)) return;
    const result = await runSClient(server.port, ['-tls1_2', ...trust(), ...credentials('admin')]);
    assert.ok(result.answered);
    assert.match(result.stdout, /Protocol\s*: TLSv1\.2/);
  });

  it('refuses TLS 1.1 with a protocol_version alert', async (t) => {
    if (!opensslAvailable(t)) return;
    // OpenSSL 3 will not even offer TLS 1.1 at its default security level.
    const result = await runSClient(server.port, [
      '-tls1_1',
      '-cipher',
      'DEFAULT:@SECLEVEL=0',
      ...trust(),
      ...credentials('admin'),
    ]);
    assert.equal(result.answered, false);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /alert protocol version/);
    await refusalLogged('tls-handshake-failed', 'ERR_SSL_UNSUPPORTED_PROTOCOL');
  });

  it('refuses a client without a certificate with a certificate_required alert', async (t) => {
    if (!opensslAvailable(t)) return;
    const result = await runSClient(server.port, trust());
    assert.equal(result.answered, false);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /alert certificate required/);
    await refusalLogged('tls-handshake-failed', 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE');
  });

  // Node verifies the client certificate once OpenSSL's handshake is done and then closes the
  // connection without an alert: s_client sees the handshake complete, then the connection end
  // with no answer to its request. The server's log says why.
  for (const [client, event, reason] of [
    ['otherCa', 'tls-handshake-failed', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['expired', 'tls-handshake-failed', 'CERT_HAS_EXPIRED'],
    ['serverEkuOnly', 'tls-handshake-failed', 'INVALID_PURPOSE'],
    ['noEku', 'client-certificate-refused', 'KW_TLS_EKU'],
    ['twoCns', 'client-certificate-refused', 'KW_TLS_IDENTITY'],
  ] as const) {
    it(`refuses ${client} and logs ${reason}`, async (t) => {
      if (!opensslAvailable(t)) return;
      const result = await runSClient(server.port, [...trust(), ...credentials(client)]);
      assert.equal(result.answered, false, result.stdout);
      assert.equal(result.stdout.includes(ANSWER_MARK), false);
      await refusalLogged(event, reason);
    });
  }
});
