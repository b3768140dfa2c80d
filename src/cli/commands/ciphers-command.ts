/**
 * `keywarden ciphers [--tls1_2|--tls1_3]`: the cipher suites this client supports, like
 * `openssl ciphers -s -v` (zhmcclient's cipher suites section). `keywarden ciphers HOST:PORT`:
 * what a server accepts (one handshake per suite), what it negotiates by default, its
 * certificate chain and whether it passes verification with the given flags.
 */
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { Command } from 'commander';
import {
  buildClientTlsOptions,
  connectTls,
  describeCertificate,
  listCipherSuites,
  peerCertificateChain,
  TlsVerifyError,
  type CipherSuiteInfo,
} from '../../tls/index.ts';
import { parseServer, resolveClientOptions } from '../client-config.ts';
import { addClientFlags, type KmipCommandFlags } from '../client-flags.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { printJson, printTable } from '../output.ts';

interface CiphersFlags extends KmipCommandFlags {
  tls1_2?: boolean;
  tls1_3?: boolean;
}

function handshake(
  host: string,
  port: number,
  options: ConnectionOptions,
): Promise<TLSSocket | Error> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, ...options });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', (error) => resolve(error));
  });
}

function suiteOptions(base: ConnectionOptions, suite: CipherSuiteInfo): ConnectionOptions {
  return suite.minVersion === 'TLSv1.3'
    ? { ...base, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphers: suite.name }
    : { ...base, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: suite.name };
}

function listLocal(io: CliIo, flags: CiphersFlags): number {
  const suites = listCipherSuites().filter((s) =>
    flags.tls1_3 === true
      ? s.minVersion === 'TLSv1.3'
      : flags.tls1_2 === true
        ? s.minVersion !== 'TLSv1.3'
        : true,
  );
  if (flags.json === true) {
    printJson(io, suites);
    return EXIT_CODES.ok;
  }
  printTable(
    io,
    suites.map((s) => [
      s.name,
      s.minVersion,
      `Kx=${s.kx}`,
      `Au=${s.au}`,
      `Enc=${s.enc}`,
      `Mac=${s.mac}`,
      s.isDefault ? 'default' : '',
    ]),
  );
  return EXIT_CODES.ok;
}

async function probeServer(io: CliIo, target: string, flags: CiphersFlags): Promise<number> {
  const options = resolveClientOptions({ ...flags, server: target }, io);
  const { host, port } = parseServer(target);
  // Probes do not verify: a server that fails verification still has suites to show.
  const probeTls = buildClientTlsOptions({ ...options.tls, verify: false });
  const first = await handshake(host, port, probeTls);
  if (first instanceof Error) {
    io.stderr.write(`keywarden: ${host}:${port}: no TLS handshake: ${first.message}\n`);
    return EXIT_CODES.connection;
  }
  const negotiated = { protocol: first.getProtocol(), cipher: first.getCipher().standardName };
  const chain = peerCertificateChain(first).map((cert) => ({
    ...describeCertificate(cert),
    issuer: describeCertificate({ ...cert, subject: cert.issuer }).subject,
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
  }));
  first.destroy();
  let verification = 'ok';
  try {
    (await connectTls({ ...options.tls, host, port })).destroy();
  } catch (error) {
    verification =
      error instanceof TlsVerifyError ? `failed: ${error.message}` : `failed: ${String(error)}`;
  }
  const accepted: CipherSuiteInfo[] = [];
  for (const suite of listCipherSuites()) {
    const outcome = await handshake(host, port, suiteOptions(probeTls, suite));
    if (!(outcome instanceof Error)) {
      accepted.push(suite);
      outcome.destroy();
    }
  }
  if (flags.json === true) {
    printJson(io, {
      server: `${host}:${port}`,
      negotiated,
      verification,
      chain,
      accepted: accepted.map((s) => ({
        name: s.name,
        ianaName: s.ianaName,
        minVersion: s.minVersion,
      })),
    });
    return EXIT_CODES.ok;
  }
  printTable(io, [
    ['Server', `${host}:${port}`],
    ['Negotiated', `${negotiated.protocol ?? '?'} ${negotiated.cipher}`],
    ['Verification', verification],
  ]);
  io.stdout.write('Certificate chain:\n');
  chain.forEach((cert, i) =>
    io.stdout.write(
      `  ${i} subject=${cert.subject}\n    issuer=${cert.issuer}\n    valid ${cert.validFrom} → ${cert.validTo}\n    sha256=${cert.fingerprint}\n`,
    ),
  );
  io.stdout.write('Accepted cipher suites:\n');
  printTable(
    io,
    accepted.map((s) => ['  ' + s.minVersion, s.name, s.ianaName]),
  );
  return EXIT_CODES.ok;
}

/** Adds `keywarden ciphers`. */
export function addCiphersCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  addClientFlags(
    program
      .command('ciphers')
      .description('list the cipher suites this client supports, or probe what a server accepts')
      .argument('[host:port]', 'a server to probe'),
  )
    .option('--tls1_2', 'only suites for TLS 1.2')
    .option('--tls1_3', 'only TLS 1.3 suites')
    .addHelpText(
      'after',
      '\nExamples:\n  $ keywarden ciphers --tls1_3\n  $ keywarden ciphers kms.example:5696 --ca ca.crt --cert me.crt --key me.key\n',
    )
    .action(async (target: string | undefined, flags: CiphersFlags) => {
      setExit(target === undefined ? listLocal(io, flags) : await probeServer(io, target, flags));
    });
}
