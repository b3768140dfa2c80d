/** `keywarden init`: prepares the data folder (what a first `serve` does) and exits. */
import { renderConnectionInfo } from '../connection-info.ts';
import type { CliIo } from '../io.ts';
import type { ServerCliOptions } from '../server-flags.ts';
import { setUpServer } from './setup.ts';

/** Runs `init`; returns the exit code. */
export async function runInit(options: ServerCliOptions, io: CliIo): Promise<number> {
  const { loaded, init } = await setUpServer(options, io);
  io.stdout.write(
    renderConnectionInfo({
      config: loaded.config,
      init,
      configFile: loaded.file?.path,
      port: loaded.config.kmip.port,
    }),
  );
  io.stdout.write(
    init.created.length === 0
      ? 'keywarden: data folder already set up; nothing created\n'
      : `keywarden: data folder ready (${init.created.length} created)\n`,
  );
  return 0;
}
