/** Registers the KMIP client commands (`keywarden kmip create …`) under the `kmip` command. */
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { addKmipCryptoCommands } from './kmip-crypto-commands.ts';
import { addKmipKeyCommands } from './kmip-key-commands.ts';

/** Adds create, create-key-pair, register, get, locate, attrs, activate, revoke, destroy, encrypt, decrypt, sign, verify, mac, query, versions. */
export function addKmipClientCommands(
  kmip: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  addKmipKeyCommands(kmip, io, setExit);
  addKmipCryptoCommands(kmip, io, setExit);
}
