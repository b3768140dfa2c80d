/**
 * `keywarden kmip encrypt|decrypt|sign|verify|mac|query|versions`: operations the server
 * performs with a managed key, and what the server supports. Data comes from a file or
 * standard input and goes to a file or standard output.
 */
import type { Command } from 'commander';
import type { CryptographicParameters } from '../../kmip/index.ts';
import { enumValue, type KmipClient } from '../../client/index.ts';
import {
  addClientFlags,
  hexFlag,
  readInput,
  withClient,
  writeOutput,
  type KmipCommandFlags,
} from '../client-flags.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { enumText, printJson, printTable } from '../output.ts';

type SetExit = (code: number) => void;

interface CryptoFlags extends KmipCommandFlags {
  in?: string;
  out?: string;
  mode?: string;
  padding?: string;
  hash?: string;
  algorithm?: string;
  signatureAlgorithm?: string;
  iv?: string;
  tag?: string;
  aad?: string;
  signature?: string;
}

function withCryptoFlags(command: Command): Command {
  return addClientFlags(command)
    .argument('<id>', 'Unique Identifier of the key')
    .option('-i, --in <file>', 'input data (default: standard input)')
    .option('-o, --out <file>', 'output (default: standard output)')
    .option('--algorithm <name>', 'CryptographicAlgorithm, e.g. AES, HMAC_SHA256')
    .option('--mode <name>', 'BlockCipherMode, e.g. GCM, CBC')
    .option('--padding <name>', 'PaddingMethod, e.g. PKCS5, OAEP')
    .option('--hash <name>', 'HashingAlgorithm, e.g. SHA_256')
    .option(
      '--signature-algorithm <name>',
      'DigitalSignatureAlgorithm, e.g. SHA256WithRSAEncryption',
    );
}

function parametersOf(flags: CryptoFlags): CryptographicParameters | undefined {
  const p: CryptographicParameters = {
    ...(flags.algorithm !== undefined && {
      cryptographicAlgorithm: enumValue('CryptographicAlgorithm', flags.algorithm),
    }),
    ...(flags.mode !== undefined && { blockCipherMode: enumValue('BlockCipherMode', flags.mode) }),
    ...(flags.padding !== undefined && {
      paddingMethod: enumValue('PaddingMethod', flags.padding),
    }),
    ...(flags.hash !== undefined && {
      hashingAlgorithm: enumValue('HashingAlgorithm', flags.hash),
    }),
    ...(flags.signatureAlgorithm !== undefined && {
      digitalSignatureAlgorithm: enumValue('DigitalSignatureAlgorithm', flags.signatureAlgorithm),
    }),
  };
  return Object.keys(p).length === 0 ? undefined : p;
}

async function aadOf(io: CliIo, flags: CryptoFlags): Promise<Uint8Array | undefined> {
  return flags.aad === undefined ? undefined : readInput(io, flags.aad);
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** Registers the crypto and information commands under `kmip`. */
export function addKmipCryptoCommands(kmip: Command, io: CliIo, setExit: SetExit): void {
  const run = (flags: KmipCommandFlags, body: (client: KmipClient) => Promise<number | void>) =>
    withClient(flags, io, body).then(setExit);

  withCryptoFlags(kmip.command('encrypt').description('encrypt data with a key on the server'))
    .option('--iv <hex>', 'IV / nonce (default: the server makes one; printed on stderr)')
    .option('--aad <file>', 'additional authenticated data (AEAD modes)')
    .addHelpText(
      'after',
      examples(
        'keywarden kmip encrypt 3f2a… --mode GCM -i plain.txt -o cipher.bin',
        'keywarden kmip encrypt 3f2a… --mode GCM -i plain.txt --json',
      ),
    )
    .action(async (id: string, flags: CryptoFlags) => {
      const data = await readInput(io, flags.in);
      const parameters = parametersOf(flags);
      const iv = hexFlag('--iv', flags.iv);
      const aad = await aadOf(io, flags);
      await run(flags, async (client) => {
        const result = await client.encrypt(id, data, {
          ...(parameters !== undefined && { parameters }),
          ...(iv !== undefined && { iv }),
          ...(aad !== undefined && { aad }),
        });
        if (flags.json === true) return printJson(io, result);
        await writeOutput(io, flags.out, result.data);
        const extra = [
          ...(result.iv !== undefined ? [`iv=${Buffer.from(result.iv).toString('hex')}`] : []),
          ...(result.tag !== undefined ? [`tag=${Buffer.from(result.tag).toString('hex')}`] : []),
        ];
        if (extra.length > 0) io.stderr.write(`keywarden: ${extra.join(' ')}\n`);
      });
    });

  withCryptoFlags(kmip.command('decrypt').description('decrypt data with a key on the server'))
    .option('--iv <hex>', 'IV / nonce used to encrypt')
    .option('--tag <hex>', 'authentication tag (AEAD modes)')
    .option('--aad <file>', 'additional authenticated data (AEAD modes)')
    .addHelpText(
      'after',
      examples(
        'keywarden kmip decrypt 3f2a… --mode GCM --iv 00112233445566778899aabb --tag … -i cipher.bin',
      ),
    )
    .action(async (id: string, flags: CryptoFlags) => {
      const data = await readInput(io, flags.in);
      const parameters = parametersOf(flags);
      const iv = hexFlag('--iv', flags.iv);
      const tag = hexFlag('--tag', flags.tag);
      const aad = await aadOf(io, flags);
      await run(flags, async (client) => {
        const plain = await client.decrypt(id, data, {
          ...(parameters !== undefined && { parameters }),
          ...(iv !== undefined && { iv }),
          ...(tag !== undefined && { tag }),
          ...(aad !== undefined && { aad }),
        });
        if (flags.json === true) return printJson(io, { data: plain });
        await writeOutput(io, flags.out, plain);
      });
    });

  withCryptoFlags(kmip.command('sign').description('sign data with a private key on the server'))
    .addHelpText(
      'after',
      examples(
        'keywarden kmip sign 9c1e… --signature-algorithm SHA256WithRSAEncryption -i doc.pdf -o doc.sig',
      ),
    )
    .action(async (id: string, flags: CryptoFlags) => {
      const data = await readInput(io, flags.in);
      const parameters = parametersOf(flags);
      await run(flags, async (client) => {
        const signature = await client.sign(
          id,
          data,
          parameters !== undefined ? { parameters } : {},
        );
        if (flags.json === true) return printJson(io, { signature });
        await writeOutput(io, flags.out, signature);
      });
    });

  withCryptoFlags(
    kmip
      .command('verify')
      .description('verify a signature with a public key on the server; exit 1 when invalid'),
  )
    .requiredOption('--signature <file>', 'the signature')
    .addHelpText(
      'after',
      examples(
        'keywarden kmip verify 7b0d… --signature-algorithm SHA256WithRSAEncryption -i doc.pdf --signature doc.sig',
      ),
    )
    .action(async (id: string, flags: CryptoFlags) => {
      const data = await readInput(io, flags.in);
      const signature = await readInput(io, flags.signature);
      const parameters = parametersOf(flags);
      await run(flags, async (client) => {
        const valid = await client.signatureVerify(
          id,
          data,
          signature,
          parameters !== undefined ? { parameters } : {},
        );
        if (flags.json === true) printJson(io, { valid });
        else io.stdout.write(valid ? 'valid\n' : 'invalid\n');
        return valid ? EXIT_CODES.ok : EXIT_CODES.failure;
      });
    });

  withCryptoFlags(kmip.command('mac').description('compute a MAC with a key on the server'))
    .addHelpText(
      'after',
      examples('keywarden kmip mac 51aa… --algorithm HMAC_SHA256 -i message.txt | xxd -p'),
    )
    .action(async (id: string, flags: CryptoFlags) => {
      const data = await readInput(io, flags.in);
      const parameters = parametersOf(flags);
      await run(flags, async (client) => {
        const mac = await client.mac(id, data, parameters !== undefined ? { parameters } : {});
        if (flags.json === true) return printJson(io, { mac });
        await writeOutput(io, flags.out, mac);
      });
    });

  addClientFlags(
    kmip.command('query').description('what the server supports: operations, object types, vendor'),
  )
    .addHelpText('after', examples('keywarden kmip query --server kms:5696'))
    .action(async (flags: KmipCommandFlags) => {
      await run(flags, async (client) => {
        const answer = await client.query([
          'QueryOperations',
          'QueryObjects',
          'QueryServerInformation',
        ]);
        const operations = (answer.operations ?? []).map((o) => enumText('Operation', o));
        const objectTypes = (answer.objectTypes ?? []).map((o) => enumText('ObjectType', o));
        if (flags.json === true) {
          return printJson(io, {
            operations,
            objectTypes,
            vendorIdentification: answer.vendorIdentification,
          });
        }
        printTable(io, [
          ['Vendor', answer.vendorIdentification ?? '-'],
          ['Operations', operations.join(', ')],
          ['ObjectTypes', objectTypes.join(', ')],
        ]);
      });
    });

  addClientFlags(
    kmip
      .command('versions')
      .description('KMIP protocol versions the server supports (DiscoverVersions)'),
  )
    .addHelpText('after', examples('keywarden kmip versions --json'))
    .action(async (flags: KmipCommandFlags) => {
      await run(flags, async (client) => {
        const versions = (await client.discoverVersions()).map((v) => `${v.major}.${v.minor}`);
        if (flags.json === true) printJson(io, versions);
        else for (const v of versions) io.stdout.write(`${v}\n`);
      });
    });
}
