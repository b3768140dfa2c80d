/** The flags of the KMIP client commands, and running one command with a client. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { KmipClient } from '../client/index.ts';
import { resolveClientOptionsWithCredential, type ClientFlags } from './client-config.ts';
import { CliInputError } from './errors.ts';
import { EXIT_CODES } from './exit-codes.ts';
import type { CliIo } from './io.ts';

/** Flags of every KMIP client command, plus `--json`. */
export interface KmipCommandFlags extends ClientFlags {
  readonly json?: boolean;
}

/** Adds the connection flags to a command. */
export function addClientFlags(command: Command): Command {
  return command
    .option(
      '-s, --server <host:port>',
      'KMIP server (env KEYWARDEN_SERVER; default 127.0.0.1:5696)',
    )
    .option('--cert <file>', 'client certificate, PEM (env KEYWARDEN_CLIENT_CERT)')
    .option(
      '--key <file>',
      'client private key, PEM; encrypted: env KEYWARDEN_CLIENT_KEY_PASSPHRASE',
    )
    .option('--pfx <file>', 'client certificate and key as PKCS#12')
    .option('--ca <file>', 'CA bundle to verify the server (env KEYWARDEN_CLIENT_CA)')
    .option(
      '--verify [path]',
      'verify the server (default); with a path: against that CA file or directory',
    )
    .option('--no-verify', 'do not verify the server certificate (insecure)')
    .option(
      '--username <name>',
      'send a Username and Password credential; password from env KEYWARDEN_CLIENT_PASSWORD or a prompt',
    )
    .option('--profile <name>', 'profile of the client config file (env KEYWARDEN_PROFILE)')
    .option('--tls-min-version <v>', 'TLSv1.2 (default) or TLSv1.3')
    .option('--ciphers <list>', 'cipher suites, IANA or OpenSSL names, comma separated')
    .option('--kmip-version <v>', 'KMIP version to speak, e.g. 1.4 (default: negotiate)')
    .option('--timeout <seconds>', 'connect and response timeout')
    .option('--json', 'print JSON instead of a table');
}

/** Opens a client from the flags, runs `body`, closes the client; resolves with the exit code. */
export async function withClient(
  flags: KmipCommandFlags,
  io: CliIo,
  body: (client: KmipClient) => Promise<number | void>,
): Promise<number> {
  const client = new KmipClient({
    ...(await resolveClientOptionsWithCredential(flags, io)),
    retries: 1,
  });
  try {
    return (await body(client)) ?? EXIT_CODES.ok;
  } finally {
    await client.close();
  }
}

/** Reads input bytes: a file, or standard input for `-` or nothing. */
export async function readInput(io: CliIo, file: string | undefined): Promise<Uint8Array> {
  if (file === undefined || file === '-') return io.readStdin();
  try {
    return new Uint8Array(await readFile(resolve(io.cwd, file)));
  } catch (cause) {
    throw new CliInputError(file, 'cannot be read', { cause });
  }
}

/** Writes output bytes: a file, or standard output for `-` or nothing. */
export async function writeOutput(
  io: CliIo,
  file: string | undefined,
  bytes: Uint8Array,
): Promise<void> {
  if (file === undefined || file === '-') {
    io.stdout.write(bytes);
    return;
  }
  await writeFile(resolve(io.cwd, file), bytes, { mode: 0o600 });
}

/** Bytes from a hex flag value. */
export function hexFlag(name: string, value: string | undefined): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (!/^([0-9a-f]{2})*$/i.test(value)) throw new CliInputError(name, 'must be hex');
  return Uint8Array.from(Buffer.from(value, 'hex'));
}
