/** Runs the `keywarden` command line and turns every outcome into a documented exit code. */
import { CommanderError } from 'commander';
import { EXIT_CODES, exitCodeFor, formatError, isDebug } from './exit-codes.ts';
import { processIo, type CliIo } from './io.ts';
import { buildProgram, type CliDeps } from './program.ts';

// The top-level options (--debug, --version, --help) take no value: the first other word is the command.
function isServerCommand(argv: readonly string[]): boolean {
  const command = argv.find((word) => !word.startsWith('-'));
  return command === 'serve' || command === 'init';
}

/**
 * Runs `keywarden <argv>` and resolves with the exit code (docs/cli.md): 0 success, 1 run-time
 * failure, 2 invalid command line, configuration or input. Errors are printed as one line on
 * stderr (the stack only with --debug or KEYWARDEN_DEBUG=1); nothing is thrown.
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  deps: CliDeps = {},
): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  // serve and init need none of the client and administration commands: a server started
  // without their modules keeps ~2.5 MB less resident (issue #9).
  const addMore = isServerCommand(argv)
    ? undefined
    : (await import('./command-table.ts')).addMoreCommands;
  const program = buildProgram(io, deps, (code) => (exitCode = code), addMore);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has printed its own message (or the help/version it was asked for).
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    io.stderr.write(formatError(error, { debug: isDebug(program.opts()['debug'], io.env) }));
    return exitCodeFor(error);
  }
}
