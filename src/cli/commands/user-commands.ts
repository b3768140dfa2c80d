/**
 * `keywarden user add|passwd|rm|list`: the local users of the password authentication plugin.
 * A password is read from the terminal (not echoed, asked twice) or, with --password-stdin or
 * when stdin is not a terminal, from the first line of standard input; never from a flag, so
 * it stays out of shell history and `ps`.
 */
import type { Command } from 'commander';
import { hashPassword } from '../../crypto/index.ts';
import type { SecurityStore } from '../../store/index.ts';
import { CliInputError } from '../errors.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { addStoreLocationFlags, openConfiguredSecurityStore } from '../security-store-access.ts';
import type { ServerCliOptions } from '../server-flags.ts';

// No spaces or control characters: names appear in logs and audit lines.
const NAME = /^[^\s\p{Cc}]{1,128}$/u;
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 1024;

function checkName(what: string, name: string): string {
  if (!NAME.test(name)) {
    throw new CliInputError(
      what,
      'must be 1 to 128 characters without spaces or control characters',
    );
  }
  return name;
}

/** Reads and checks a new password (terminal prompt twice, or the first line of stdin). */
async function readNewPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  let password: string;
  if (fromStdin || io.promptSecret === undefined) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(await io.readStdin());
    password = text.split(/\r?\n/)[0] ?? '';
  } else {
    password = await io.promptSecret('New password: ');
    const again = await io.promptSecret('Repeat it: ');
    if (again !== password) throw new CliInputError('-', 'the passwords differ');
  }
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    throw new CliInputError(
      fromStdin || io.promptSecret === undefined ? '-' : 'password',
      `a password must have ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`,
    );
  }
  return password;
}

async function withStore(
  options: ServerCliOptions,
  io: CliIo,
  run: (store: SecurityStore) => number | Promise<number>,
): Promise<number> {
  const store = await openConfiguredSecurityStore(options, io);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds `user add|passwd|rm|list` to the program. */
export function registerUserCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  const user = program
    .command('user')
    .description('local users of the password authentication plugin (auth.plugins = password)');

  addStoreLocationFlags(
    user
      .command('add')
      .description('add a user; the password is prompted for, or read from stdin')
      .argument('<name>', 'user name (the KMIP Username credential)')
      .option('-g, --group <group>', 'a group of the user (repeatable)', collect)
      .option('--password-stdin', 'read the password from the first line of standard input'),
  ).action(async (name: string, options: ServerCliOptions) => {
    checkName('user name', name);
    const groups = ((options['group'] as string[] | undefined) ?? []).map((g) =>
      checkName('group', g),
    );
    const password = await readNewPassword(io, options['passwordStdin'] === true);
    const passwordHash = await hashPassword(password);
    setExitCode(
      await withStore(options, io, (store) => {
        store.users.add({ name, passwordHash, groups: [...new Set(groups)] });
        io.stdout.write(`keywarden: user ${name} added\n`);
        return EXIT_CODES.ok;
      }),
    );
  });

  addStoreLocationFlags(
    user
      .command('passwd')
      .description("change a user's password")
      .argument('<name>', 'user name')
      .option('--password-stdin', 'read the password from the first line of standard input'),
  ).action(async (name: string, options: ServerCliOptions) => {
    const password = await readNewPassword(io, options['passwordStdin'] === true);
    const passwordHash = await hashPassword(password);
    setExitCode(
      await withStore(options, io, (store) => {
        store.users.setPassword(name, passwordHash);
        io.stdout.write(`keywarden: password of ${name} changed\n`);
        return EXIT_CODES.ok;
      }),
    );
  });

  addStoreLocationFlags(
    user.command('rm').description('remove a user').argument('<name>', 'user name'),
  ).action(async (name: string, options: ServerCliOptions) => {
    setExitCode(
      await withStore(options, io, (store) => {
        store.users.remove(name);
        io.stdout.write(`keywarden: user ${name} removed\n`);
        return EXIT_CODES.ok;
      }),
    );
  });

  addStoreLocationFlags(
    user.command('list').description('list users and their groups').option('--json', 'JSON lines'),
  ).action(async (options: ServerCliOptions) => {
    setExitCode(
      await withStore(options, io, (store) => {
        for (const u of store.users.list()) {
          const line =
            options['json'] === true
              ? JSON.stringify({
                  name: u.name,
                  groups: u.groups,
                  createdAt: u.createdAt.toISOString(),
                  updatedAt: u.updatedAt.toISOString(),
                })
              : `${u.name}${u.groups.length === 0 ? '' : `\tgroups=${u.groups.join(',')}`}`;
          io.stdout.write(`${line}\n`);
        }
        return EXIT_CODES.ok;
      }),
    );
  });
}
