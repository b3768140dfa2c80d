/**
 * The commands besides `serve`, `init` and `kmip convert`: the KMIP client, ciphers, shell
 * completion, policy, WBEM, audit and user commands. run-cli.ts loads this table only when
 * the command line asks for something other than serve or init, so a running server does not
 * hold the client and administration commands' modules (issue #9, docs/performance.md
 * "Idle memory").
 */
import type { Command } from 'commander';
import { registerAuditCommands } from './commands/audit-commands.ts';
import { addCiphersCommand } from './commands/ciphers-command.ts';
import { addCompletionCommand } from './commands/completion-command.ts';
import { addKmipClientCommands } from './commands/kmip-client-commands.ts';
import { registerPolicyCommands } from './commands/policy-commands.ts';
import { registerUserCommands } from './commands/user-commands.ts';
import { addWbemCommands } from './commands/wbem-commands.ts';
import type { CliIo } from './io.ts';

/** Adds the client and administration commands to `program` (and `kmip`, its `kmip` command). */
export function addMoreCommands(
  program: Command,
  kmip: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  addKmipClientCommands(kmip, io, setExitCode);
  addCiphersCommand(program, io, setExitCode);
  addCompletionCommand(program, io, setExitCode);
  registerPolicyCommands(program, io, setExitCode);
  addWbemCommands(program, io, setExitCode);
  registerAuditCommands(program, io, setExitCode);
  registerUserCommands(program, io, setExitCode);
}
