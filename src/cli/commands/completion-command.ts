/**
 * `keywarden completion bash|zsh`: a shell completion script generated from the command tree,
 * so every command and flag registered (by anyone) completes. zsh uses the same script
 * through bashcompinit.
 */
import type { Command } from 'commander';
import { CliInputError } from '../errors.ts';
import type { CliIo } from '../io.ts';

interface Node {
  readonly path: string;
  readonly subcommands: string[];
  readonly options: string[];
}

function walk(command: Command, path: string, out: Node[]): void {
  const subcommands = command.commands.map((c) => c.name());
  const options = command.options.flatMap((o) =>
    [o.short, o.long].filter((f): f is string => f !== undefined),
  );
  out.push({ path, subcommands, options: [...options, '--help'] });
  for (const sub of command.commands)
    walk(sub, path === '' ? sub.name() : `${path} ${sub.name()}`, out);
}

function caseArms(nodes: readonly Node[], pick: (n: Node) => string[]): string {
  return nodes.map((n) => `    "${n.path}") echo "${pick(n).join(' ')}" ;;`).join('\n');
}

/** The bash completion script for `program`. */
export function bashCompletion(program: Command): string {
  const nodes: Node[] = [];
  walk(program, '', nodes);
  return `# keywarden bash completion: eval "$(keywarden completion bash)"
_keywarden_subs() {
  case "$1" in
${caseArms(nodes, (n) => n.subcommands)}
  esac
}
_keywarden_opts() {
  case "$1" in
${caseArms(nodes, (n) => n.options)}
  esac
}
_keywarden() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    if [[ " $(_keywarden_subs "$path") " == *" $w "* ]]; then path="\${path:+$path }$w"; fi
  done
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_keywarden_opts "$path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_keywarden_subs "$path")" -- "$cur"))
    [[ \${#COMPREPLY[@]} -eq 0 ]] && COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _keywarden keywarden
`;
}

/** The zsh completion script: the bash one through bashcompinit. */
export function zshCompletion(program: Command): string {
  return `# keywarden zsh completion: eval "$(keywarden completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(program)}`;
}

/** Adds `keywarden completion`. */
export function addCompletionCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash or zsh')
    .addHelpText(
      'after',
      '\nExamples:\n  $ eval "$(keywarden completion bash)"\n  $ keywarden completion zsh > ~/.zfunc/_keywarden\n',
    )
    .action((shell: string) => {
      if (shell === 'bash') io.stdout.write(bashCompletion(program));
      else if (shell === 'zsh') io.stdout.write(zshCompletion(program));
      else
        throw new CliInputError(
          'completion',
          `unknown shell ${JSON.stringify(shell)}: use bash or zsh`,
        );
      setExit(0);
    });
}
