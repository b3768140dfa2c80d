/**
 * PFX fixtures for the PKCS#12 tests: a key and certificate chain made with node:crypto and
 * @peculiar/x509 (via src/pki), and PFX files made by the `openssl` command line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether the `openssl` command is installed. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A fresh key and self-signed certificate made by openssl: PKCS#8 and certificate DER. */
export function opensslKeyAndCertificate(): { pkcs8: Uint8Array; certificate: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'kw-p12-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.der');
    execFileSync(
      'openssl',
      ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key],
      { stdio: 'ignore' },
    );
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        '-x509',
        '-key',
        key,
        '-subj',
        '/CN=p12 test',
        '-days',
        '2',
        '-outform',
        'DER',
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const pkcs8 = execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-nocrypt',
      '-in',
      key,
      '-outform',
      'DER',
    ]);
    return { pkcs8: new Uint8Array(pkcs8), certificate: new Uint8Array(readFileSync(cert)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PFX made by `openssl pkcs12 -export` from a PKCS#8 key and certificate, with extra flags. */
export function opensslExport(options: {
  readonly pkcs8: Uint8Array;
  readonly certificate: Uint8Array;
  readonly password: string;
  readonly name?: string;
  readonly flags?: readonly string[];
}): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'kw-p12-'));
  try {
    const key = join(dir, 'key.der');
    const certDer = join(dir, 'cert.der');
    const certPem = join(dir, 'cert.pem');
    const keyPem = join(dir, 'key.pem');
    const out = join(dir, 'out.p12');
    writeFileSync(key, options.pkcs8);
    writeFileSync(certDer, options.certificate);
    execFileSync('openssl', ['x509', '-inform', 'DER', '-in', certDer, '-out', certPem]);
    execFileSync('openssl', ['pkey', '-inform', 'DER', '-in', key, '-out', keyPem]);
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        keyPem,
        '-in',
        certPem,
        '-out',
        out,
        '-passout',
        `pass:${options.password}`,
        ...(options.name === undefined ? [] : ['-name', options.name]),
        ...(options.flags ?? []),
      ],
      { stdio: 'ignore' },
    );
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `openssl pkcs12 -in <pfx> -nodes` prints (PEM of key and certificates). */
export function opensslOpen(pfx: Uint8Array, password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-p12-'));
  try {
    const file = join(dir, 'in.p12');
    writeFileSync(file, pfx);
    return execFileSync(
      'openssl',
      ['pkcs12', '-in', file, '-nodes', '-passin', `pass:${password}`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
