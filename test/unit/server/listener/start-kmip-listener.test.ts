// The KMIP listener as a whole: round trip over mutual TLS, concurrency across connections,
// maxConnections, graceful close, and option checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  startKmipListener,
  type ConnectionInfo,
  type KmipListenerOptions,
} from '../../../../src/server/listener/index.ts';
import {
  connectClient,
  echo,
  frame,
  LEVEL,
  type TestClient,
  unframe,
  useTestListeners,
} from './listener-fixtures.ts';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function roundTrip(client: TestClient, text: string) {
  await client.send(frame(text));
  assert.equal(unframe(await client.next()), text);
}

describe('startKmipListener', { timeout: 30_000 }, () => {
  const listeners = useTestListeners();
  const serve = listeners.serve;

  it('answers a request over mutual TLS and tells the handler who is connected', async () => {
    const seen: ConnectionInfo[] = [];
    const server = await serve({
      handle: async ({ bytes, connection }) => {
        seen.push(connection);
        return bytes;
      },
    });
    const client = server.connect('admin');
    await roundTrip(client, 'hello');
    const [connection] = seen;
    assert.ok(connection);
    assert.equal(connection.identity, 'alice');
    assert.equal(connection.remoteAddress, '127.0.0.1');
    assert.equal(connection.remotePort, client.socket.localPort);
    assert.equal(connection.tlsVersion, 'TLSv1.3');
    assert.equal(connection.cipher, client.socket.getCipher().standardName);
    const own = client.socket.getCertificate() as { raw: Buffer };
    assert.deepEqual(Buffer.from(connection.peerCertificate), own.raw);
    assert.ok(Object.isFrozen(connection));
    assert.equal(server.listener.stats.connectionsAccepted, 1);
    assert.equal(server.listener.stats.requests, 1);
    const opened = await server.log.waitFor((l) => l.event === 'connection-opened');
    assert.equal(opened.connectionId, connection.id);
    assert.equal(opened.level, LEVEL.info);
  });

  it('serves 50 clients concurrently, several requests each, without cross-talk', async () => {
    const clients = 50;
    // Each connection's first request waits until 10 are in progress at once: a listener that
    // handled connections one after another would never get there.
    const barrier = deferred();
    let waiting = 0;
    const server = await serve({
      maxConnections: clients + 5,
      handle: async ({ bytes, connection }) => {
        const text = unframe(bytes);
        if (text.endsWith('#0') && waiting < 10) {
          waiting += 1;
          if (waiting === 10) barrier.resolve();
          await barrier.promise;
        }
        return frame(`${connection.id}:${text}`);
      },
    });
    const results = await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const client = server.connect('admin');
        const texts = Array.from({ length: 5 }, (_, m) => `client ${c} #${m}`);
        await client.send(Buffer.concat(texts.map(frame)));
        const answers: string[] = [];
        for (let m = 0; m < texts.length; m++) answers.push(unframe(await client.next()));
        client.socket.destroy();
        return { texts, answers };
      }),
    );
    const connectionIds = new Set<string>();
    for (const { texts, answers } of results) {
      const ids = new Set(answers.map((a) => a.split(':')[0]));
      assert.equal(ids.size, 1, 'all answers of one client come from its own connection');
      connectionIds.add([...ids][0]!);
      assert.deepEqual(
        answers.map((a) => a.slice(a.indexOf(':') + 1)),
        texts,
      );
    }
    assert.equal(connectionIds.size, clients);
  });

  it('drops connections beyond maxConnections and logs it', async () => {
    const server = await serve({ maxConnections: 2 });
    const a = server.connect('admin');
    const b = server.connect('admin');
    await Promise.all([a.connected, b.connected]);
    const c = server.connect('admin');
    await assert.rejects(c.connected);
    const line = await server.log.waitFor((l) => l.event === 'connection-dropped');
    assert.equal(line.level, LEVEL.warn);
    assert.equal(line.reason, 'max-connections');
    assert.equal(line.remoteAddress, '127.0.0.1');
    assert.equal(server.listener.stats.connectionsDropped, 1);
    a.socket.destroy();
    await server.log.waitFor((l) => l.event === 'connection-closed');
    await roundTrip(server.connect('admin'), 'room again');
  });

  it('close() lets a request in progress finish, refuses new connections, then resolves', async () => {
    const started = deferred();
    const release = deferred();
    const server = await serve({
      handle: async ({ bytes }) => {
        started.resolve();
        await release.promise;
        return bytes;
      },
    });
    const client = server.connect('admin');
    await client.send(frame('in flight'));
    await started.promise;
    let isClosed = false;
    const closing = server.listener.close({ graceMs: 20_000 }).then(() => (isClosed = true));
    const late = connectClient(server.port, listeners.pki, listeners.pki.clients.admin);
    await assert.rejects(late.connected);
    assert.equal(isClosed, false);
    release.resolve();
    assert.equal(unframe(await client.next()), 'in flight');
    await closing;
    await client.closed;
    assert.equal(server.listener.connections, 0);
    assert.equal(server.listener.close(), server.listener.close(), 'close is idempotent');
  });

  it('close() destroys what is still running after graceMs and aborts its signal', async () => {
    const started = deferred<AbortSignal>();
    const server = await serve({
      handle: async ({ signal }) => {
        started.resolve(signal);
        return new Promise<Uint8Array>(() => {}); // never answers
      },
    });
    const client = server.connect('admin');
    await client.send(frame('stuck'));
    const signal = await started.promise;
    await server.listener.close({ graceMs: 50 });
    assert.equal(signal.aborted, true);
    // Our own reason, not the DOMException abort() builds by default (issue #9: ~10x dearer).
    assert.equal((signal.reason as { code?: unknown }).code, 'KW_LISTENER_CONNECTION_CLOSED');
    await client.closed;
    assert.equal(client.received.length, 0);
    const line = await server.log.waitFor((l) => l.event === 'close-deadline');
    assert.equal(line.level, LEVEL.warn);
    const closed = await server.log.waitFor((l) => l.event === 'connection-closed');
    assert.equal(closed.reason, 'shutdown-deadline');
  });

  it('close() ends idle connections and handshakes in progress without waiting for graceMs', async () => {
    const server = await serve();
    const idle = server.connect('admin');
    await roundTrip(idle, 'idle now');
    const { connect } = await import('node:net');
    const handshaking = connect({ host: '127.0.0.1', port: server.port });
    handshaking.on('error', () => {});
    await new Promise((r) => handshaking.once('connect', r));
    await server.log.waitFor(() => server.log.events('tcp-connected').length === 2);
    assert.equal(server.listener.connections, 2);
    // A one-minute grace would time the test out if close() waited for it.
    await server.listener.close({ graceMs: 60_000 });
    await idle.closed;
    assert.equal(server.log.events('close-deadline').length, 0);
  });

  it('rejects bad options with KW_LISTENER_OPTIONS', async () => {
    const base: KmipListenerOptions = {
      host: '127.0.0.1',
      port: 0,
      tls: listeners.pki.tls,
      handle: echo,
    };
    const bad: [string, Partial<KmipListenerOptions>][] = [
      ['port', { port: 70000 }],
      ['host', { host: '' }],
      ['maxMessageSize', { maxMessageSize: 4 }],
      ['idleTimeoutMs', { idleTimeoutMs: 0 }],
      ['handshakeTimeoutMs', { handshakeTimeoutMs: 2 ** 31 }],
      ['maxConnections', { maxConnections: 1.5 }],
      ['maxPendingRequests', { maxPendingRequests: 0 }],
      ['tls.requestCert', { tls: { ...listeners.pki.tls, requestCert: false } }],
      ['tls.requestCert', { tls: { ...listeners.pki.tls, rejectUnauthorized: false } }],
      ['tls.ca', { tls: { ...listeners.pki.tls, ca: undefined } }],
    ];
    for (const [option, override] of bad) {
      await assert.rejects(startKmipListener({ ...base, ...override }), {
        code: 'KW_LISTENER_OPTIONS',
        option,
      });
    }
  });

  it('rejects with KW_LISTENER_START when the port is taken', async () => {
    const server = await serve();
    await assert.rejects(
      startKmipListener({
        host: '127.0.0.1',
        port: server.port,
        tls: listeners.pki.tls,
        handle: echo,
        logger: server.log.logger,
      }),
      { code: 'KW_LISTENER_START', port: server.port },
    );
  });
});
