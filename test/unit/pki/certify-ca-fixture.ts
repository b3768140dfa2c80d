// Operator-style CAs made with the openssl CLI (as an operator would): PKCS#1 and SEC1 keys,
// certificates with chosen extensions, for the Certify CA tests.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate and key on disk. */
export interface CaFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** Writes a key: `rsa` as PKCS#1 (`RSA PRIVATE KEY`), `ec` as SEC1 (`EC PRIVATE KEY`). */
export async function opensslKey(dir: string, name: string, kind: 'rsa' | 'ec'): Promise<string> {
  const keyFile = join(dir, `${name}.key`);
  if (kind === 'rsa') await run('openssl', ['genrsa', '-traditional', '-out', keyFile, '2048']);
  else
    await run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile]);
  return keyFile;
}

/** A self-signed certificate for `keyFile` with exactly the given v3 extension lines. */
export async function opensslCert(
  dir: string,
  name: string,
  keyFile: string,
  extensions: readonly string[],
): Promise<CaFiles> {
  const config = join(dir, `${name}.cnf`);
  await writeFile(
    config,
    [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = ext',
      'prompt = no',
      '[dn]',
      `CN = ${name}`,
      'O = Example Corp',
      '[ext]',
      'subjectKeyIdentifier = hash',
      ...extensions,
      '',
    ].join('\n'),
  );
  const certFile = join(dir, `${name}.crt`);
  await run('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    keyFile,
    '-config',
    config,
    '-days',
    '30',
    '-out',
    certFile,
  ]);
  return { certFile, keyFile };
}

/** The extensions of a CA certificate. */
export const CA_EXTENSIONS = [
  'basicConstraints = critical, CA:TRUE',
  'keyUsage = critical, keyCertSign, cRLSign',
] as const;

/** Writes `keyFile` encrypted as PKCS#8 under a passphrase. */
export async function encryptKey(dir: string, keyFile: string): Promise<string> {
  const out = join(dir, 'encrypted.key');
  await run('openssl', [
    'pkcs8',
    '-topk8',
    '-in',
    keyFile,
    '-passout',
    'pass:secret-pass',
    '-out',
    out,
  ]);
  return out;
}
