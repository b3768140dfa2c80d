// Client authentication at the KMIP listener: which certificates open a connection, and the
// log line that names the reason for each refusal.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { describe, it } from 'node:test';
import { connect as connectTls } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import type { KmipRequest } from '../../../../src/server/listener/index.ts';
import { AcceptedCertificates, verifyPeer } from '../../../../src/server/listener/peer-identity.ts';
import {
  type ClientName,
  frame,
  LEVEL,
  type TestListener,
  unframe,
  useTestListeners,
} from './listener-fixtures.ts';

describe('KMIP listener client authentication', { timeout: 30_000 }, () => {
  const listeners = useTestListeners();
  const requests: KmipRequest[] = [];

  function serve(enableTlsClientAuth?: boolean, handshakeTimeoutMs?: number) {
    return listeners.serve({
      ...(enableTlsClientAuth !== undefined && { enableTlsClientAuth }),
      ...(handshakeTimeoutMs !== undefined && { handshakeTimeoutMs }),
      handle: async (request) => {
        requests.push(request);
        return request.bytes;
      },
    });
  }

  /** Connects, sends one request, and expects the connection to close without an answer. */
  async function expectRefused(server: TestListener, client: ClientName | undefined) {
    const before = requests.length;
    const socket = server.connect(client);
    socket.send(frame('should not be handled')).catch(() => {});
    await socket.closed;
    assert.equal(socket.received.length, 0);
    assert.equal(requests.length, before, 'the handler must not see a refused client');
  }

  async function expectAccepted(server: TestListener, client: ClientName, identity: string) {
    const socket = server.connect(client);
    await socket.send(frame('ping'));
    assert.equal(unframe(await socket.next()), 'ping');
    assert.equal(requests.at(-1)?.connection.identity, identity);
    socket.socket.destroy();
  }

  it('passes the certificate CN to the handler as the identity', async () => {
    const server = await serve();
    await expectAccepted(server, 'admin', 'alice');
    const opened = await server.log.waitFor((l) => l.event === 'connection-opened');
    assert.equal(opened.identity, 'alice');
    assert.equal(typeof opened.connectionId, 'string');
  });

  for (const [client, detail] of [
    ['noCn', 'no-common-name'],
    ['twoCns', 'multiple-common-names'],
  ] as const) {
    it(`refuses a certificate with ${detail} after the handshake and logs KW_TLS_IDENTITY`, async () => {
      const server = await serve();
      await expectRefused(server, client);
      const line = await server.log.waitFor((l) => l.event === 'client-certificate-refused');
      assert.equal(line.level, LEVEL.warn);
      assert.equal(line.reason, 'KW_TLS_IDENTITY');
      assert.equal(line.detail, detail);
      assert.equal(line.remoteAddress, '127.0.0.1');
      assert.match(String(line.fingerprint256), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.equal(server.listener.stats.connectionsRefused, 1);
    });
  }

  it('refuses a certificate without an EKU extension when enableTlsClientAuth (default)', async () => {
    const server = await serve();
    await expectRefused(server, 'noEku');
    const line = await server.log.waitFor((l) => l.event === 'client-certificate-refused');
    assert.equal(line.reason, 'KW_TLS_EKU');
    assert.equal(line.detail, 'missing');
    assert.equal(line.remoteAddress, '127.0.0.1');
  });

  it('accepts a certificate without an EKU extension when enableTlsClientAuth is false', async () => {
    const server = await serve(false);
    await expectAccepted(server, 'noEku', 'bob');
  });

  for (const enableTlsClientAuth of [true, false]) {
    it(`refuses an EKU without clientAuth in the TLS layer (enableTlsClientAuth ${enableTlsClientAuth})`, async () => {
      const server = await serve(enableTlsClientAuth);
      await expectRefused(server, 'serverEkuOnly');
      const line = await server.log.waitFor((l) => l.event === 'tls-handshake-failed');
      assert.equal(line.level, LEVEL.warn);
      assert.equal(line.reason, 'INVALID_PURPOSE');
      assert.equal(line.remoteAddress, '127.0.0.1');
    });
  }

  for (const [client, reason] of [
    ['expired', 'CERT_HAS_EXPIRED'],
    ['otherCa', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    [undefined, 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE'],
  ] as const) {
    it(`refuses ${client ?? 'a client without a certificate'} in the TLS layer and logs ${reason}`, async () => {
      const server = await serve();
      await expectRefused(server, client);
      const line = await server.log.waitFor((l) => l.event === 'tls-handshake-failed');
      assert.equal(line.level, LEVEL.warn);
      assert.equal(line.reason, reason);
      assert.equal(line.remoteAddress, '127.0.0.1');
      assert.equal(typeof line.remotePort, 'number');
      assert.equal(server.listener.stats.handshakeFailures, 1);
    });
  }

  it('aborts a handshake that never starts after handshakeTimeoutMs and logs it', async () => {
    const server = await serve(true, 100);
    const socket = connectTcp({ host: '127.0.0.1', port: server.port });
    socket.on('error', () => {});
    await once(socket, 'close');
    const line = await server.log.waitFor((l) => l.event === 'tls-handshake-failed');
    assert.equal(line.reason, 'ERR_TLS_HANDSHAKE_TIMEOUT');
    assert.equal(line.remoteAddress, '127.0.0.1');
  });

  it('gives a reconnecting client the same identity and certificate (remembered by fingerprint)', async () => {
    const server = await serve();
    await expectAccepted(server, 'admin', 'alice');
    const first = requests.at(-1)?.connection;
    await expectAccepted(server, 'admin', 'alice');
    const second = requests.at(-1)?.connection;
    assert.notEqual(first?.id, second?.id);
    assert.ok(second?.peerCertificate instanceof Uint8Array);
    assert.deepEqual(second?.peerCertificate, first?.peerCertificate);
    assert.deepEqual(second?.peerCertificate, derOf(listeners.pki.clients.admin.cert));
    // A different certificate is examined on its own, before and after.
    await expectRefused(server, 'noCn');
    await expectAccepted(server, 'admin', 'alice');
    assert.equal(server.listener.stats.connectionsAccepted, 3);
    assert.equal(server.listener.stats.connectionsRefused, 1);
  });

  it('refuses TLS renegotiation on an authenticated TLS 1.2 connection', async () => {
    const server = await serve();
    // TLS 1.3 has no renegotiation: a TLS 1.2 client asks for one.
    const tls12 = connectTls({
      host: '127.0.0.1',
      port: server.port,
      servername: 'localhost',
      ca: listeners.pki.ca,
      cert: listeners.pki.clients.admin.cert,
      key: listeners.pki.clients.admin.key,
      maxVersion: 'TLSv1.2',
    });
    tls12.on('error', () => {});
    await once(tls12, 'secureConnect');
    const renegotiated = new Promise<Error | null>((resolve) => {
      tls12.renegotiate({ rejectUnauthorized: true }, (error) => resolve(error));
      tls12.once('close', () => resolve(new Error('closed')));
    });
    assert.ok((await renegotiated) instanceof Error);
    const line = await server.log.waitFor((l) => l.event === 'socket-error');
    assert.equal(line.reason, 'ERR_TLS_RENEGOTIATION_DISABLED');
    tls12.destroy();
  });
});

/** The DER of the first certificate of a PEM text. */
function derOf(pem: string | Uint8Array): Uint8Array {
  const text = typeof pem === 'string' ? pem : new TextDecoder().decode(pem);
  const body = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(text)?.[1] ?? '';
  return new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
}

/** A TLS socket as verifyPeer sees it, counting the full examinations. */
function fakeSocket(options: {
  authorized: boolean;
  fingerprint256: string;
  cn: string | string[];
  ekus?: string[];
}) {
  const raw = Buffer.from(options.fingerprint256);
  const socket = {
    examined: 0,
    authorized: options.authorized,
    authorizationError: options.authorized ? null : 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    getPeerX509Certificate: () => ({ fingerprint256: options.fingerprint256, raw }),
    getPeerCertificate() {
      socket.examined += 1;
      return {
        subject: { CN: options.cn },
        ext_key_usage: options.ekus ?? ['1.3.6.1.5.5.7.3.2'],
        raw,
        fingerprint256: options.fingerprint256,
      };
    },
  };
  return socket;
}

describe('verifyPeer with AcceptedCertificates', () => {
  it('examines a certificate once, then answers from its fingerprint', () => {
    const accepted = new AcceptedCertificates();
    const a = fakeSocket({ authorized: true, fingerprint256: 'AA', cn: 'alice' });
    const b = fakeSocket({ authorized: true, fingerprint256: 'AA', cn: 'alice' });
    const first = verifyPeer(a as unknown as TLSSocket, true, accepted);
    const second = verifyPeer(b as unknown as TLSSocket, true, accepted);
    assert.deepEqual(first, second);
    assert.equal(second.accepted && second.identity, 'alice');
    assert.equal(a.examined, 1);
    assert.equal(b.examined, 0, 'the second socket was not examined again');
    assert.equal(accepted.hits, 1);
  });

  it('never looks up an unverified certificate', () => {
    const accepted = new AcceptedCertificates();
    verifyPeer(
      fakeSocket({ authorized: true, fingerprint256: 'AA', cn: 'alice' }) as never,
      true,
      accepted,
    );
    const unverified = fakeSocket({ authorized: false, fingerprint256: 'AA', cn: 'alice' });
    const verdict = verifyPeer(unverified as unknown as TLSSocket, true, accepted);
    assert.equal(verdict.accepted, false);
    assert.equal(!verdict.accepted && verdict.reason, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(accepted.hits, 0);
  });

  it('does not remember refused certificates', () => {
    const accepted = new AcceptedCertificates();
    for (let i = 0; i < 2; i++) {
      const socket = fakeSocket({ authorized: true, fingerprint256: 'BB', cn: ['a', 'b'] });
      const verdict = verifyPeer(socket as unknown as TLSSocket, true, accepted);
      assert.equal(!verdict.accepted && verdict.reason, 'KW_TLS_IDENTITY');
      assert.equal(socket.examined, 1);
    }
    const noEku = fakeSocket({ authorized: true, fingerprint256: 'CC', cn: 'bob', ekus: [] });
    assert.equal(verifyPeer(noEku as unknown as TLSSocket, true, accepted).accepted, false);
    assert.equal(accepted.size, 0);
  });

  it('holds at most maxEntries certificates, forgetting the oldest first', () => {
    const accepted = new AcceptedCertificates(2);
    accepted.set('1', 'one');
    accepted.set('2', 'two');
    accepted.set('3', 'three');
    assert.equal(accepted.size, 2);
    assert.equal(accepted.get('1'), undefined);
    assert.equal(accepted.get('2'), 'two');
    assert.equal(accepted.get('3'), 'three');
    accepted.set('3', 'three');
    assert.equal(accepted.size, 2, 'setting a known fingerprint evicts nothing');
    assert.equal(accepted.get('2'), 'two');
  });
});
