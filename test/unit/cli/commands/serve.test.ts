import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningServer, StartKmipServer } from '../../../../src/cli/commands/serve.ts';
import { runCli } from '../../../../src/cli/run-cli.ts';
import type { ServerConfig } from '../../../../src/config/index.ts';
import { fakeIo, type FakeIo } from '../fake-io.ts';

/** A fake startKmipServer that records its calls; `close` resolves when the test says so. */
function fakeServer(port = 40123) {
  const calls: { config: ServerConfig; hasLogger: boolean }[] = [];
  let closes = 0;
  let finishClose: () => void = () => {};
  let holdClose = false;
  const start: StartKmipServer = async ({ config, logger }) => {
    calls.push({ config, hasLogger: logger !== undefined });
    const server: RunningServer = {
      kmipAddress: { host: config.kmip.host, port },
      close: () => {
        closes++;
        return holdClose
          ? new Promise<void>((resolve) => (finishClose = resolve))
          : Promise.resolve();
      },
    };
    return server;
  };
  return {
    start,
    calls,
    closes: () => closes,
    holdClose: () => (holdClose = true),
    finishClose: () => finishClose(),
  };
}

/** Resolves once stdout holds the ready line. */
async function ready(io: FakeIo): Promise<void> {
  while (!io.stdoutText().includes('KMIP listening on')) await new Promise(setImmediate);
}

describe('keywarden serve', () => {
  let root: string;
  let count = 0;
  const home = () => join(root, `home-${++count}`);
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kw-serve-unit-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('sets up the data folder, starts the server, then prints how to connect and the ready line last', async () => {
    const server = fakeServer(40123);
    const io = fakeIo();
    const dir = home();
    const running = runCli(['serve', '--home', dir, '--port', '0'], io, {
      startKmipServer: server.start,
    });
    await ready(io);
    const out = io.stdoutText();
    assert.match(out, /keywarden: KMIP listening on 127\.0\.0\.1:40123\n$/);
    assert.match(out, /^port=40123$/m, 'the client section uses the real port');
    assert.match(out, new RegExp(`^certfile=${join(dir, 'pki', 'client-admin.crt')}$`, 'm'));
    assert.equal(server.calls.length, 1);
    assert.equal(server.calls[0]?.config.kmip.port, 0);
    assert.equal(server.calls[0]?.config.dataDir, dir);
    assert.equal(server.calls[0]?.hasLogger, true);
    io.emitSignal('SIGTERM');
    assert.equal(await running, 0);
    assert.equal(server.closes(), 1);
    assert.equal(io.listenerCount('SIGTERM'), 0, 'signal listeners removed');
    assert.equal(io.listenerCount('SIGINT'), 0);
    assert.match(io.stderrText(), /"msg":"shutting down"/);
  });

  it('logs readable text lines when stderr is a terminal, JSON when it is not or when logFormat says json', async () => {
    const run = async (io: FakeIo, args: string[] = []) => {
      const running = runCli(['serve', '--home', home(), '--port', '0', ...args], io, {
        startKmipServer: fakeServer().start,
      });
      await ready(io);
      io.emitSignal('SIGTERM');
      assert.equal(await running, 0);
      return io.stderrText();
    };
    const terminal = await run(fakeIo({ stderrIsTTY: true }));
    assert.match(terminal, /^\d{4}-\d\d-\d\dT\S+Z INFO {2}shutting down signal=SIGTERM$/m);
    assert.doesNotMatch(terminal, /"msg":/);
    assert.match(await run(fakeIo()), /"msg":"shutting down"/);
    assert.match(
      await run(fakeIo({ stderrIsTTY: true }), ['--log-format', 'json']),
      /"msg":"shutting down"/,
    );
    const forced = await run(fakeIo({ env: { KEYWARDEN_LOG_FORMAT: 'readable' } }));
    assert.match(forced, / INFO {2}stopped$/m);
  });

  it('closes gracefully on SIGINT too', async () => {
    const server = fakeServer();
    const io = fakeIo();
    const running = runCli(['serve', '--home', home()], io, { startKmipServer: server.start });
    await ready(io);
    io.emitSignal('SIGINT');
    assert.equal(await running, 0);
    assert.equal(server.closes(), 1);
  });

  it('exits at once with 128 + signal number on a second signal during shutdown', async () => {
    const server = fakeServer();
    server.holdClose();
    const io = fakeIo();
    const running = runCli(['serve', '--home', home()], io, { startKmipServer: server.start });
    await ready(io);
    io.emitSignal('SIGINT');
    await new Promise(setImmediate);
    io.emitSignal('SIGTERM');
    assert.deepEqual(io.exits, [143]);
    server.finishClose();
    assert.equal(await running, 0);
  });

  it('stops right after start-up when a signal came while starting', async () => {
    const server = fakeServer();
    const io = fakeIo();
    const running = runCli(['serve', '--home', home()], io, { startKmipServer: server.start });
    io.emitSignal('SIGTERM');
    assert.equal(await running, 0);
    assert.equal(server.closes(), 1);
  });

  it('exits 2 naming the setting when the configuration is invalid, without starting', async () => {
    const server = fakeServer();
    const io = fakeIo({ env: { KEYWARDEN_KMIP_MAX_CONNECTIONS: 'lots' } });
    assert.equal(
      await runCli(['serve', '--home', home()], io, { startKmipServer: server.start }),
      2,
    );
    assert.equal(
      io.stderrText(),
      'keywarden: KW_CONFIG_INVALID: invalid setting kmip.maxConnections (env KEYWARDEN_KMIP_MAX_CONNECTIONS): must be an integer from 1 to 100000, got "lots"\n',
    );
    assert.equal(server.calls.length, 0);
    assert.equal(io.listenerCount('SIGTERM'), 0);
  });

  it('exits 1 with one line when the server cannot start; the stack only with KEYWARDEN_DEBUG=1', async () => {
    const failing: StartKmipServer = async () => {
      throw new TypeError('listener exploded');
    };
    const quiet = fakeIo();
    assert.equal(await runCli(['serve', '--home', home()], quiet, { startKmipServer: failing }), 1);
    assert.match(
      quiet.stderrText(),
      /^keywarden: unexpected error: TypeError: listener exploded \(--debug[^\n]*\n$/,
    );
    const debug = fakeIo({ env: { KEYWARDEN_DEBUG: '1' } });
    assert.equal(await runCli(['serve', '--home', home()], debug, { startKmipServer: failing }), 1);
    assert.match(debug.stderrText(), /TypeError: listener exploded\n\s+at /);
  });
});
