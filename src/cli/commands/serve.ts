/**
 * `keywarden serve`: prepare the data folder, start the KMIP server, print how to connect and
 * the ready line, then run until SIGINT/SIGTERM. The first signal closes the server gracefully
 * (exit 0); a second one ends the process at once.
 */
import { flushCompileCache } from 'node:module';
import type { ServerConfig } from '../../config/index.ts';
import { createLogger, type Logger } from '../../server/logger.ts';
import { renderConnectionInfo, formatReadyLine } from '../connection-info.ts';
import { FORCED_EXIT_CODES } from '../exit-codes.ts';
import type { CliIo, ShutdownSignal } from '../io.ts';
import type { LegacyRelaunch } from '../legacy-relaunch.ts';
import type { ServerCliOptions } from '../server-flags.ts';
import { setUpServer } from './setup.ts';

/** A running KMIP server, as `startKmipServer` (src/server/kmip-server.ts) returns it. */
export interface RunningServer {
  readonly kmipAddress: { readonly host: string; readonly port: number };
  close(): Promise<void>;
}

/** The shape of `startKmipServer`; tests pass a fake. */
export type StartKmipServer = (options: {
  readonly config: ServerConfig;
  readonly logger?: Logger;
}) => Promise<RunningServer>;

const SHUTDOWN_SIGNALS: readonly ShutdownSignal[] = ['SIGINT', 'SIGTERM'];

/** Resolves with the first shutdown signal; a second one force-exits through `io.exit`. */
function watchSignals(io: CliIo): { stopped: Promise<ShutdownSignal>; dispose(): void } {
  let received: ShutdownSignal | undefined;
  let resolveStop: (signal: ShutdownSignal) => void = () => {};
  const stopped = new Promise<ShutdownSignal>((resolve) => (resolveStop = resolve));
  const listeners = SHUTDOWN_SIGNALS.map((signal) => {
    const listener = () => {
      if (received !== undefined) {
        io.stderr.write(`keywarden: ${signal} again, exiting without waiting\n`);
        io.exit(FORCED_EXIT_CODES[signal]);
        return;
      }
      received = signal;
      resolveStop(signal);
    };
    io.signals.on(signal, listener);
    return { signal, listener };
  });
  return {
    stopped,
    dispose: () => listeners.forEach(({ signal, listener }) => io.signals.off(signal, listener)),
  };
}

/**
 * Runs `serve` until a shutdown signal; returns the exit code.
 * @throws what the set-up or the server start throws (KW_CONFIG_*, KW_BOOTSTRAP_*, KW_LISTENER_START …).
 */
export async function runServe(
  options: ServerCliOptions,
  io: CliIo,
  startKmipServer: StartKmipServer,
  relaunch?: LegacyRelaunch,
  releaseMemory?: () => void,
): Promise<number> {
  // Watch before starting: a signal during start-up stops the server as soon as it is up.
  const signals = watchSignals(io);
  try {
    const { loaded, init } = await setUpServer(options, io);
    const { config } = loaded;
    // crypto.allowLegacy needs OpenSSL's legacy provider: serve re-executes itself with it
    // (legacy-relaunch.ts) and does not come back here.
    if (config.crypto?.allowLegacy === true) relaunch?.(io);
    // stdout carries the operator's summary and the ready line; log lines go to stderr:
    // readable text on a terminal, JSON lines for log collectors (logFormat).
    const format = config.logFormat ?? 'auto';
    const logger = createLogger({
      level: config.logLevel,
      destination: io.stderr,
      name: 'keywarden',
      format:
        format === 'readable' || (format === 'auto' && io.stderr.isTTY === true)
          ? 'readable'
          : 'json',
    });
    const server = await startKmipServer({ config, logger });
    // Everything the server runs is loaded now: write it to the compile cache (bin/keywarden.js)
    // so the next start skips type stripping; a no-op when the cache is off. Then hand the
    // start-up's garbage back (release-startup-memory.ts), before the ready line says "idle".
    flushCompileCache();
    releaseMemory?.();
    io.stdout.write(
      renderConnectionInfo({
        config,
        init,
        configFile: loaded.file?.path,
        port: server.kmipAddress.port,
      }),
    );
    io.stdout.write(formatReadyLine(server.kmipAddress));

    const signal = await signals.stopped;
    logger.info({ signal }, 'shutting down');
    await server.close();
    logger.info('stopped');
    return 0;
  } finally {
    signals.dispose();
  }
}
