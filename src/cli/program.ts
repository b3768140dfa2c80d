/** The `keywarden` command tree (Commander): serve, init, kmip convert, help, --version. */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { addMoreCommands } from './command-table.ts';
import { runInit } from './commands/init.ts';
import { KMIP_ENCODINGS, type KmipEncoding } from './commands/kmip-encodings.ts';
import { runServe, type StartKmipServer } from './commands/serve.ts';
import { EXIT_CODES } from './exit-codes.ts';
import { relaunchWithLegacyProvider } from './legacy-relaunch.ts';
import { releaseStartupMemory } from './release-startup-memory.ts';
import type { CliIo } from './io.ts';
import { addServerFlags, type ServerCliOptions } from './server-flags.ts';

/** What the commands need beyond the process; tests replace the server. */
export interface CliDeps {
  /** Default: src/server/kmip-server.ts, loaded only when `serve` runs. */
  readonly startKmipServer?: StartKmipServer;
}

function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

const loadStartKmipServer: StartKmipServer = async (options) => {
  const { startKmipServer } = await import('../server/kmip-server.ts');
  return startKmipServer(options);
};

/** Adds the commands of command-table.ts; absent when only serve or init runs. */
export type AddMoreCommands = typeof addMoreCommands;

/**
 * Builds the program; each action reports its exit code through `setExitCode`. Without
 * `addMore` it has serve, init and kmip convert only.
 */
export function buildProgram(
  io: CliIo,
  deps: CliDeps,
  setExitCode: (code: number) => void,
  addMore?: AddMoreCommands,
): Command {
  const program = new Command('keywarden')
    .description('Keywarden: a KMIP server and key manager')
    .version(readVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print the stack trace of an error (also KEYWARDEN_DEBUG=1)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`keywarden: ${text}`),
    })
    .showHelpAfterError('(keywarden help <command> shows its usage)');

  addServerFlags(
    program
      .command('serve')
      .description(
        'run the KMIP server; sets up the data folder on first start (default 127.0.0.1:5696)',
      ),
  ).action(async (options: ServerCliOptions) => {
    // A test's fake server never needs the legacy provider (legacy-relaunch.ts) nor the release of
    // start-up memory (release-startup-memory.ts); the real one may.
    const isReal = deps.startKmipServer === undefined;
    const relaunch = isReal ? relaunchWithLegacyProvider : undefined;
    const release = isReal ? releaseStartupMemory : undefined;
    setExitCode(
      await runServe(options, io, deps.startKmipServer ?? loadStartKmipServer, relaunch, release),
    );
  });

  addServerFlags(
    program
      .command('init')
      .description('set up the data folder (PKI, master key, config.toml, database) and exit'),
  ).action(async (options: ServerCliOptions) => {
    setExitCode(await runInit(options, io));
  });

  const kmip = program.command('kmip').description('KMIP tools');
  kmip
    .command('convert')
    .description('convert a KMIP message between TTLV (hex or binary), XML and JSON encodings')
    .argument('[file]', 'input file (default: standard input; - also reads it)')
    .addOption(
      new Option('--from <encoding>', 'input encoding')
        .choices(KMIP_ENCODINGS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--to <encoding>', 'output encoding')
        .choices(KMIP_ENCODINGS)
        .makeOptionMandatory(),
    )
    .option('--binary', 'TTLV as raw bytes instead of hex text')
    .option('--compact', 'XML and JSON without line breaks and indentation')
    .action(
      async (
        file: string | undefined,
        options: { from: KmipEncoding; to: KmipEncoding; binary?: boolean; compact?: boolean },
        command: Command,
      ) => {
        if (options.binary === true && options.from !== 'ttlv' && options.to !== 'ttlv') {
          command.error('error: --binary needs --from ttlv or --to ttlv', {
            exitCode: EXIT_CODES.usage,
          });
        }
        const convert = {
          from: options.from,
          to: options.to,
          binary: options.binary === true,
          indent: options.compact !== true,
        };
        // Loaded here: the XML and JSON codecs stay out of `serve` (issue #9).
        const { runKmipConvert } = await import('./commands/kmip-convert.ts');
        setExitCode(await runKmipConvert(file, convert, io));
      },
    );
  addMore?.(program, kmip, io, setExitCode);
  return program;
}
