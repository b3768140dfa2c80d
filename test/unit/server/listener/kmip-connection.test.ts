// Per-connection behaviour of the KMIP listener: framing, ordering, pipelining, framing and
// handler failures, idle timeout, slow clients and backpressure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KmipRequest } from '../../../../src/server/listener/index.ts';
import { frame, LEVEL, type TestClient, unframe, useTestListeners } from './listener-fixtures.ts';

/** A promise with its resolve function, to hold a handler until the test lets it go. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets the event loop turn `n` times (simulated work without timers). */
async function turns(n: number) {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

async function roundTrip(client: TestClient, text: string) {
  await client.send(frame(text));
  assert.equal(unframe(await client.next()), text);
}

describe('KMIP listener connections', { timeout: 30_000 }, () => {
  const { serve } = useTestListeners();

  it('reassembles a message sent one byte per write', async () => {
    const server = await serve();
    const client = server.connect('admin');
    const message = frame('one byte at a time');
    for (const byte of message) {
      await client.send(Uint8Array.of(byte));
      await turns(1);
    }
    assert.equal(unframe(await client.next()), 'one byte at a time');
  });

  it('answers two messages that arrive in one write, in order', async () => {
    const server = await serve();
    const client = server.connect('admin');
    await client.send(Buffer.concat([frame('first'), frame('second')]));
    assert.equal(unframe(await client.next()), 'first');
    assert.equal(unframe(await client.next()), 'second');
  });

  it('handles pipelined requests one at a time and answers them in order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await serve({
      handle: async ({ bytes }) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // The first request is the slowest: a server answering out of order would show it.
        const text = unframe(bytes);
        await turns(text === 'r0' ? 50 : text.length % 3);
        inFlight -= 1;
        return bytes;
      },
    });
    const client = server.connect('admin');
    const texts = Array.from({ length: 20 }, (_, i) => `r${i}`);
    await client.send(Buffer.concat(texts.map(frame)));
    for (const text of texts) assert.equal(unframe(await client.next()), text);
    assert.equal(maxInFlight, 1);
  });

  it('closes on a length header above maxMessageSize and logs KW_TTLV_TOO_LARGE', async () => {
    const server = await serve({ maxMessageSize: 1024 });
    const client = server.connect('admin');
    const header = Uint8Array.of(0x42, 0x00, 0x78, 0x01, 0x00, 0x00, 0x10, 0x00);
    await client.send(header);
    await client.closed;
    assert.equal(client.received.length, 0);
    const line = await server.log.waitFor((l) => l.event === 'framing-error');
    assert.equal(line.level, LEVEL.warn);
    assert.equal(line.reason, 'KW_TTLV_TOO_LARGE');
    assert.equal(typeof line.connectionId, 'string');
    assert.equal(server.listener.stats.framingErrors, 1);
  });

  it('closes a connection that sends garbage while other clients keep being served', async () => {
    const server = await serve();
    const good = server.connect('admin');
    await roundTrip(good, 'before');
    const bad = server.connect('admin');
    await bad.connected;
    const during = roundTrip(good, 'during');
    await bad.send(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await bad.closed;
    await during;
    await roundTrip(good, 'after');
    const line = await server.log.waitFor((l) => l.event === 'framing-error');
    assert.equal(line.reason, 'KW_TTLV_BAD_TAG');
    assert.equal(bad.received.length, 0);
  });

  it('answers requests read before a framing error, then sends onFramingError bytes and closes', async () => {
    const seen: { code: string; identity: string }[] = [];
    const started = deferred();
    const release = deferred();
    const server = await serve({
      handle: async ({ bytes }) => {
        started.resolve();
        await release.promise;
        return bytes;
      },
      onFramingError: (error, connection) => {
        seen.push({ code: error.code, identity: connection.identity });
        return frame('framing error');
      },
    });
    const client = server.connect('admin');
    await client.send(frame('queued'));
    // Messages completed in the same read as a broken header are lost with the framing:
    // let the first one be read on its own.
    await started.promise;
    await client.send(Uint8Array.of(0x42, 0x00, 0x78, 0x02, 0, 0, 0, 4, 1, 2, 3, 4, 0, 0, 0, 0));
    await server.log.waitFor((l) => l.event === 'framing-error');
    release.resolve();
    assert.equal(unframe(await client.next()), 'queued');
    assert.equal(unframe(await client.next()), 'framing error');
    await client.closed;
    assert.deepEqual(seen, [{ code: 'KW_TTLV_BAD_TYPE', identity: 'alice' }]);
  });

  it('closes the connection and logs the error when the handler throws', async () => {
    const server = await serve({
      handle: async ({ bytes }) => {
        if (unframe(bytes) === 'boom') throw new Error('pipeline bug');
        return bytes;
      },
    });
    const other = server.connect('admin');
    const client = server.connect('admin');
    await roundTrip(client, 'fine');
    await client.send(frame('boom'));
    await client.closed;
    const line = await server.log.waitFor((l) => l.event === 'handler-failed');
    assert.equal(line.level, LEVEL.error);
    assert.equal((line.err as { message: string }).message, 'pipeline bug');
    assert.equal(server.listener.stats.handlerErrors, 1);
    await roundTrip(other, 'unaffected');
  });

  it('closes a connection idle for idleTimeoutMs', async () => {
    const server = await serve({ idleTimeoutMs: 100 });
    const client = server.connect('admin');
    await roundTrip(client, 'then nothing');
    await client.closed;
    const line = await server.log.waitFor((l) => l.event === 'idle-timeout');
    assert.equal(line.idleTimeoutMs, 100);
    assert.equal(server.listener.stats.idleTimeouts, 1);
    const ending = await server.log.waitFor((l) => l.event === 'connection-ending');
    assert.equal(ending.level, LEVEL.info, 'a close of ours is worth a line at info');
    const closed = await server.log.waitFor((l) => l.event === 'connection-closed');
    assert.equal(closed.reason, 'idle-timeout');
    assert.equal(closed.requests, 1);
  });

  it('does not count a request in progress as idle', async () => {
    const server = await serve({
      idleTimeoutMs: 50,
      handle: async ({ bytes }) => {
        await new Promise((r) => setTimeout(r, 200)); // slower than the idle timeout
        return bytes;
      },
    });
    const client = server.connect('admin');
    await roundTrip(client, 'slow but busy');
    assert.equal(server.listener.stats.idleTimeouts, 0);
    // The timer that fired during the request is armed again once it is answered.
    await client.closed;
    assert.equal(server.listener.stats.idleTimeouts, 1);
  });

  it('restarts the idle timer with every request (issue #9: refreshed, not replaced)', async () => {
    const server = await serve({ idleTimeoutMs: 400 });
    const client = server.connect('admin');
    for (let i = 0; i < 5; i++) await roundTrip(client, `request ${i}`);
    assert.equal(server.listener.stats.idleTimeouts, 0);
    await client.closed;
    assert.equal(server.listener.stats.idleTimeouts, 1);
  });

  it('closes a client trickling a message one byte at a time once idleTimeoutMs passes', async () => {
    const server = await serve({ idleTimeoutMs: 200 });
    const client = server.connect('admin');
    await client.connected;
    const message = frame('x'.repeat(1000));
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent < message.length) client.socket.write(message.subarray(sent, ++sent));
    }, 10);
    await client.closed;
    clearInterval(trickle);
    const line = await server.log.waitFor((l) => l.event === 'idle-timeout');
    assert.ok((line.bufferedBytes as number) > 0, 'closed mid-message');
    assert.ok(sent < message.length);
  });

  it('keeps serving others while a client holds a partial header', async () => {
    const server = await serve();
    const slow = server.connect('admin');
    await slow.send(Uint8Array.of(0x42, 0x00, 0x78));
    const others = Array.from({ length: 5 }, () => server.connect('admin'));
    await Promise.all(others.map((c, i) => roundTrip(c, `other ${i}`)));
    assert.equal(slow.socket.destroyed, false);
    assert.equal(slow.received.length, 0);
  });

  it('answers requests a client sent before half-closing its side', async () => {
    const server = await serve();
    const client = server.connect('admin');
    await client.send(Buffer.concat([frame('a'), frame('b')]));
    client.socket.end();
    await client.closed;
    assert.deepEqual(client.received.map(unframe), ['a', 'b']);
    // Routine: one info line per connection ('connection-closed'); the ending only at debug.
    const ending = await server.log.waitFor((l) => l.event === 'connection-ending');
    assert.equal(ending.level, LEVEL.debug);
    assert.equal(ending.reason, 'peer-finished');
    const closed = await server.log.waitFor((l) => l.event === 'connection-closed');
    assert.equal(closed.level, LEVEL.info);
    assert.equal(closed.reason, 'peer-finished');
  });

  it('stops reading when maxPendingRequests wait, and resumes when they are answered', async () => {
    const release = deferred();
    const server = await serve({
      maxPendingRequests: 2,
      handle: async ({ bytes }) => {
        await release.promise;
        return bytes;
      },
    });
    const client = server.connect('admin');
    const texts = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    await client.send(Buffer.concat(texts.map(frame)));
    const paused = await server.log.waitFor((l) => l.event === 'reading-paused');
    assert.ok((paused.queued as number) >= 2);
    release.resolve();
    for (const text of texts) assert.equal(unframe(await client.next()), text);
    await server.log.waitFor((l) => l.event === 'reading-resumed');
  });

  it('handles no further request while a response waits to be flushed to a client that does not read', async () => {
    const big = 16 * 1024 * 1024; // beyond what loopback socket buffers absorb
    const handled: string[] = [];
    const server = await serve({
      handle: async ({ bytes }: KmipRequest) => {
        const text = unframe(bytes);
        if (!text.startsWith('b')) return bytes;
        handled.push(text);
        const response = new Uint8Array(big);
        response.set(frame(text).subarray(0, 8 + text.length));
        new DataView(response.buffer).setUint32(4, big - 8);
        return response;
      },
    });
    const client = server.connect('admin');
    await client.connected;
    client.socket.pause();
    await client.send(Buffer.concat([frame('b0'), frame('b1'), frame('b2')]));
    const paused = await server.log.waitFor((l) => l.event === 'reading-paused');
    assert.ok((paused.unflushedBytes as number) > 0);
    // Give the server a full round trip on another connection to (wrongly) go on.
    await roundTrip(server.connect('admin'), 'meanwhile');
    assert.deepEqual(handled, ['b0']);
    client.socket.resume();
    for (const text of ['b0', 'b1', 'b2']) assert.equal(unframe(await client.next()), text);
  });
});
