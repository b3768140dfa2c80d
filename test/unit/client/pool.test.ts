// ConnectionPool against a scripted TLS server on port 0: reuse, limits, timeouts, abort,
// and the retry rule of issue #8 (never resend a non-idempotent request once it was sent).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { ConnectionPool } from '../../../src/client/index.ts';
import { encodeTtlv, Tag, TtlvMessageReader } from '../../../src/kmip/index.ts';
import { buildServerTlsOptions } from '../../../src/tls/index.ts';
import { createTestPki, type TestPki } from '../tls/tls-fixtures.ts';

type Behaviour = 'echo' | 'close' | 'silent';

interface ScriptedServer {
  port: number;
  behaviour: Behaviour;
  connections: number;
  requests: number;
  close(): Promise<void>;
}

async function startScripted(pki: TestPki): Promise<ScriptedServer> {
  const sockets = new Set<TLSSocket>();
  const state: ScriptedServer = {
    port: 0,
    behaviour: 'echo',
    connections: 0,
    requests: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
  const server: Server = createServer(
    buildServerTlsOptions({ cert: pki.server.cert, key: pki.server.key, requireClientCert: false }),
    (socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      const reader = new TtlvMessageReader();
      socket.on('data', (chunk: Buffer) => {
        for (const message of reader.push(chunk)) {
          state.requests += 1;
          if (state.behaviour === 'echo') socket.write(message);
          else if (state.behaviour === 'close') socket.destroy();
        }
      });
    },
  );
  // TCP connections, counted before the handshake (a refused handshake counts too).
  server.on('connection', () => (state.connections += 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.port = (server.address() as AddressInfo).port;
  return state;
}

const message = encodeTtlv({ tag: Tag.RequestMessage, type: 'Structure', value: [] });

describe('ConnectionPool', () => {
  let pki: TestPki;
  let server: ScriptedServer;
  const pools: ConnectionPool[] = [];
  const pool = (extra: Partial<ConstructorParameters<typeof ConnectionPool>[0]> = {}) => {
    const created = new ConnectionPool({
      host: '127.0.0.1',
      port: server.port,
      tls: { ca: pki.ca.cert, env: {} },
      backoffMs: 1,
      ...extra,
    });
    pools.push(created);
    return created;
  };

  before(async () => {
    pki = await createTestPki();
    server = await startScripted(pki);
  });
  after(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await server.close();
  });
  const reset = (behaviour: Behaviour) => {
    server.behaviour = behaviour;
    server.connections = 0;
    server.requests = 0;
  };

  it('reuses one persistent connection for sequential exchanges', async () => {
    reset('echo');
    const p = pool();
    for (let i = 0; i < 3; i += 1) {
      assert.deepEqual(await p.exchange(message, { isIdempotent: false }), message);
    }
    assert.equal(server.connections, 1);
    assert.equal(p.size, 1);
  });

  it('opens no more than maxConnections at once', async () => {
    reset('echo');
    const p = pool({ maxConnections: 1 });
    await Promise.all([1, 2, 3].map(() => p.exchange(message, { isIdempotent: true })));
    assert.equal(server.connections, 1);
    assert.equal(server.requests, 3);
  });

  it('never resends a non-idempotent request the server received before the connection broke', async () => {
    reset('close');
    await assert.rejects(pool({ retries: 2 }).exchange(message, { isIdempotent: false }), {
      code: 'KW_CLIENT_CONNECTION',
      wasSent: true,
    });
    assert.equal(server.requests, 1);
  });

  it('resends an idempotent request up to the retry limit', async () => {
    reset('close');
    await assert.rejects(pool({ retries: 2 }).exchange(message, { isIdempotent: true }), {
      code: 'KW_CLIENT_CONNECTION',
    });
    assert.equal(server.requests, 3);
  });

  it('retries a refused connect, then reports it unsent', async () => {
    const closed = await startScripted(pki);
    const port = closed.port;
    await closed.close();
    const p = pool({ port, retries: 1 });
    await assert.rejects(p.exchange(message, { isIdempotent: false }), {
      code: 'KW_CLIENT_CONNECTION',
      wasSent: false,
    });
  });

  it('times out a response with KW_CLIENT_TIMEOUT and does not retry it', async () => {
    reset('silent');
    await assert.rejects(pool().exchange(message, { isIdempotent: true, timeoutMs: 50 }), {
      code: 'KW_CLIENT_TIMEOUT',
      phase: 'response',
    });
    assert.equal(server.requests, 1);
  });

  it('stops an exchange when its signal is aborted', async () => {
    reset('silent');
    const controller = new AbortController();
    const pending = pool().exchange(message, { isIdempotent: true, signal: controller.signal });
    controller.abort(new Error('user gave up'));
    await assert.rejects(pending, { message: 'user gave up' });
  });

  it('fails with KW_CLIENT_AUTH (chain) on an untrusted server and does not retry', async () => {
    reset('echo');
    const p = pool({ tls: { ca: pki.otherCa.cert, env: {} }, retries: 3 });
    await assert.rejects(p.exchange(message, { isIdempotent: true }), {
      code: 'KW_CLIENT_AUTH',
      check: 'chain',
    });
    assert.equal(server.connections, 1);
  });

  it('refuses exchanges after close with KW_CLIENT_USAGE', async () => {
    const p = pool();
    await p.close();
    await assert.rejects(p.exchange(message, { isIdempotent: true }), { code: 'KW_CLIENT_USAGE' });
  });
});

describe('ConnectionPool idle connections', () => {
  it('do not keep the process alive when the client is never closed', async () => {
    const pki = await createTestPki();
    const server = await startScripted(pki);
    try {
      const script = `
        import { ConnectionPool } from ${JSON.stringify(new URL('../../../src/client/index.ts', import.meta.url).href)};
        import { encodeTtlv, Tag } from ${JSON.stringify(new URL('../../../src/kmip/index.ts', import.meta.url).href)};
        const pool = new ConnectionPool({ host: '127.0.0.1', port: ${server.port}, tls: { ca: ${JSON.stringify(pki.ca.cert)}, env: {} } });
        await pool.exchange(encodeTtlv({ tag: Tag.RequestMessage, type: 'Structure', value: [] }), { isIdempotent: true });
        console.log('exchanged');
      `;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
      clearTimeout(killer);
      assert.equal(signal, null, 'the child had to be killed: an idle socket kept it alive');
      assert.equal(code, 0);
      assert.match(out, /exchanged/);
      assert.equal(server.connections, 1);
    } finally {
      await server.close();
    }
  });
});
