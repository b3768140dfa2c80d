/**
 * `keywarden kmip create|create-key-pair|register|get|locate|attrs|activate|revoke|destroy`:
 * managed object commands over the KMIP client.
 */
import type { Command } from 'commander';
import {
  certificateObject,
  opaqueObject,
  secretDataObject,
  symmetricKeyObject,
} from '../../client/index.ts';
import {
  addClientFlags,
  readInput,
  withClient,
  writeOutput,
  type KmipCommandFlags,
} from '../client-flags.ts';
import { CliInputError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { attributeText, enumText, printJson, printTable } from '../output.ts';

type SetExit = (code: number) => void;

function usageList(value: string | undefined): string[] | undefined {
  return value?.split(/[\s,]+/).filter(Boolean);
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

function printId(io: CliIo, flags: KmipCommandFlags, id: string, label = 'UniqueIdentifier'): void {
  if (flags.json === true) printJson(io, { uniqueIdentifier: id });
  else printTable(io, [[label, id]]);
}

interface CreateFlags extends KmipCommandFlags {
  algorithm: string;
  length: string;
  name?: string;
  usage?: string;
  group?: string;
  curve?: string;
}

/** Registers the object commands under `kmip`. */
export function addKmipKeyCommands(kmip: Command, io: CliIo, setExit: SetExit): void {
  addClientFlags(kmip.command('create').description('create a symmetric key'))
    .requiredOption('-a, --algorithm <name>', 'CryptographicAlgorithm, e.g. AES')
    .requiredOption('-l, --length <bits>', 'key length in bits')
    .option('-n, --name <name>', 'Name attribute')
    .option(
      '-u, --usage <masks>',
      'usage mask bits, e.g. Encrypt,Decrypt (default Encrypt,Decrypt)',
    )
    .option('-g, --group <group>', 'Object Group')
    .addHelpText(
      'after',
      examples(
        'keywarden kmip create -a AES -l 256 -n backup-key --server kms:5696 --ca ca.crt --cert me.crt --key me.key',
      ),
    )
    .action(async (flags: CreateFlags) => {
      setExit(
        await withClient(flags, io, async (client) => {
          const id = await client.create({
            algorithm: flags.algorithm,
            length: Number(flags.length),
            usageMask: usageList(flags.usage) ?? ['Encrypt', 'Decrypt'],
            ...(flags.name !== undefined && { name: flags.name }),
            ...(flags.group !== undefined && { group: flags.group }),
          });
          printId(io, flags, id);
        }),
      );
    });

  addClientFlags(kmip.command('create-key-pair').description('create a public/private key pair'))
    .requiredOption('-a, --algorithm <name>', 'RSA, ECDSA, EC …')
    .requiredOption('-l, --length <bits>', 'modulus or curve size in bits')
    .option('--curve <name>', 'RecommendedCurve for EC keys, e.g. P_256')
    .option('-n, --name <name>', 'Name attribute of both keys')
    .addHelpText('after', examples('keywarden kmip create-key-pair -a RSA -l 3072 -n signing'))
    .action(async (flags: CreateFlags) => {
      setExit(
        await withClient(flags, io, async (client) => {
          const ids = await client.createKeyPair({
            algorithm: flags.algorithm,
            length: Number(flags.length),
            ...(flags.curve !== undefined && { curve: flags.curve }),
            ...(flags.name !== undefined && { name: flags.name }),
          });
          if (flags.json === true) printJson(io, ids);
          else
            printTable(io, [
              ['PrivateKey', ids.privateKeyId],
              ['PublicKey', ids.publicKeyId],
            ]);
        }),
      );
    });

  addClientFlags(
    kmip
      .command('register')
      .description('store a key, secret, certificate or opaque data from a file or stdin'),
  )
    .requiredOption('-t, --type <type>', 'symmetric-key, secret, certificate (DER) or opaque')
    .option('-a, --algorithm <name>', 'algorithm of a symmetric key', 'AES')
    .option('-i, --in <file>', 'input (default: standard input)')
    .option('-n, --name <name>', 'Name attribute')
    .option('-u, --usage <masks>', 'usage mask bits')
    .addHelpText(
      'after',
      examples(
        'head -c 32 /dev/urandom | keywarden kmip register -t symmetric-key -n imported',
        'keywarden kmip register -t secret -i password.txt -u Verify',
      ),
    )
    .action(async (flags: CreateFlags & { type: string; in?: string }) => {
      const data = await readInput(io, flags.in);
      const object =
        flags.type === 'symmetric-key'
          ? symmetricKeyObject(flags.algorithm, data)
          : flags.type === 'secret'
            ? secretDataObject(data)
            : flags.type === 'certificate'
              ? certificateObject(data)
              : flags.type === 'opaque'
                ? opaqueObject(data)
                : undefined;
      if (object === undefined)
        throw new CliInputError('--type', `unknown type ${JSON.stringify(flags.type)}`);
      const usage =
        usageList(flags.usage) ??
        (flags.type === 'symmetric-key' ? ['Encrypt', 'Decrypt'] : ['Verify']);
      setExit(
        await withClient(flags, io, async (client) => {
          const id = await client.register({
            object,
            usageMask: usage,
            ...(flags.name !== undefined && { name: flags.name }),
          });
          printId(io, flags, id);
        }),
      );
    });

  addClientFlags(
    kmip.command('get').description('get an object; --out writes its key material bytes'),
  )
    .argument('<id>', 'Unique Identifier')
    .option('-o, --out <file>', 'write the key material to a file (- for standard output)')
    .option('-f, --format <name>', 'KeyFormatType to ask for, e.g. Raw, PKCS_8')
    .addHelpText(
      'after',
      examples('keywarden kmip get 3f2a… --out key.bin', 'keywarden kmip get 3f2a… --json'),
    )
    .action(async (id: string, flags: KmipCommandFlags & { out?: string; format?: string }) => {
      setExit(
        await withClient(flags, io, async (client) => {
          const result = await client.get(
            id,
            flags.format !== undefined ? { keyFormat: flags.format } : {},
          );
          if (flags.out !== undefined) {
            if (result.keyMaterial === undefined)
              throw new CliInputError('--out', 'the object has no key material bytes');
            await writeOutput(io, flags.out, result.keyMaterial);
            return;
          }
          if (flags.json === true) {
            printJson(io, result);
            return;
          }
          printTable(io, [
            ['UniqueIdentifier', result.uniqueIdentifier],
            ['ObjectType', enumText('ObjectType', result.objectType)],
            [
              'KeyMaterial',
              result.keyMaterial === undefined
                ? '-'
                : `${result.keyMaterial.length} bytes (use --out)`,
            ],
          ]);
        }),
      );
    });

  addClientFlags(kmip.command('locate').description('find objects by attributes'))
    .option('-n, --name <name>', 'Name')
    .option('-t, --object-type <type>', 'ObjectType, e.g. SymmetricKey')
    .option('-a, --algorithm <name>', 'CryptographicAlgorithm')
    .option('-l, --length <bits>', 'CryptographicLength')
    .option('--state <state>', 'State, e.g. Active')
    .option('-g, --group <group>', 'Object Group')
    .option('--max <n>', 'Maximum Items')
    .addHelpText('after', examples('keywarden kmip locate --name backup-key --state Active'))
    .action(async (flags: KmipCommandFlags & Record<string, string | undefined>) => {
      setExit(
        await withClient(flags, io, async (client) => {
          const ids = await client.locate({
            ...(flags['name'] !== undefined && { name: flags['name'] }),
            ...(flags['objectType'] !== undefined && { objectType: flags['objectType'] }),
            ...(flags['algorithm'] !== undefined && { algorithm: flags['algorithm'] }),
            ...(flags['length'] !== undefined && { length: Number(flags['length']) }),
            ...(flags['state'] !== undefined && { state: flags['state'] }),
            ...(flags['group'] !== undefined && { group: flags['group'] }),
            ...(flags['max'] !== undefined && { maximumItems: Number(flags['max']) }),
          });
          if (flags.json === true) printJson(io, ids);
          else for (const id of ids) io.stdout.write(`${id}\n`);
        }),
      );
    });

  addClientFlags(
    kmip.command('attrs').description('show the attributes of an object (all, or the names given)'),
  )
    .argument('<id>', 'Unique Identifier')
    .argument('[names...]', 'attribute names, e.g. State Name')
    .addHelpText('after', examples('keywarden kmip attrs 3f2a… State CryptographicLength'))
    .action(async (id: string, names: string[], flags: KmipCommandFlags) => {
      setExit(
        await withClient(flags, io, async (client) => {
          const { attributes } = await client.getAttributes(id, names);
          if (flags.json === true) printJson(io, attributes);
          else
            printTable(
              io,
              attributes.map((a) => [a.name, attributeText(a)]),
            );
        }),
      );
    });

  const simple: [
    string,
    string,
    (client: Parameters<Parameters<typeof withClient>[2]>[0], id: string) => Promise<string>,
  ][] = [
    ['activate', 'activate an object (Pre-Active → Active)', (c, id) => c.activate(id)],
    ['destroy', 'destroy an object’s key material', (c, id) => c.destroy(id)],
  ];
  for (const [name, description, run] of simple) {
    addClientFlags(kmip.command(name).description(description))
      .argument('<id>', 'Unique Identifier')
      .addHelpText('after', examples(`keywarden kmip ${name} 3f2a…`))
      .action(async (id: string, flags: KmipCommandFlags) => {
        setExit(
          await withClient(flags, io, async (client) => printId(io, flags, await run(client, id))),
        );
      });
  }

  addClientFlags(kmip.command('revoke').description('revoke an object'))
    .argument('<id>', 'Unique Identifier')
    .option(
      '-r, --reason <code>',
      'RevocationReasonCode, e.g. KeyCompromise, CessationOfOperation',
      'Unspecified',
    )
    .option('-m, --message <text>', 'Revocation Message')
    .option('--compromise-date <iso>', 'when the compromise happened (for KeyCompromise)')
    .addHelpText('after', examples('keywarden kmip revoke 3f2a… --reason CessationOfOperation'))
    .action(
      async (
        id: string,
        flags: KmipCommandFlags & { reason: string; message?: string; compromiseDate?: string },
      ) => {
        const compromiseDate =
          flags.compromiseDate === undefined ? undefined : new Date(flags.compromiseDate);
        if (compromiseDate !== undefined && Number.isNaN(compromiseDate.getTime())) {
          throw new CliInputError('--compromise-date', 'is not a date');
        }
        setExit(
          await withClient(flags, io, async (client) => {
            const done = await client.revoke(id, {
              reason: flags.reason,
              ...(flags.message !== undefined && { message: flags.message }),
              ...(compromiseDate !== undefined && { compromiseDate }),
            });
            printId(io, flags, done);
          }),
        );
      },
    );
}
