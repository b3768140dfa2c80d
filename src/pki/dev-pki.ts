/**
 * The development PKI a fresh Keywarden data folder starts with: a CA, a server certificate
 * for localhost and an admin client certificate, written as PEM files beside each other
 * (ARCHITECTURE.md "Data folder": `pki/`).
 */
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubjectAltName } from './certificate-options.ts';
import { DEV_PKI_FILES, type DevPkiFile } from './dev-pki-files.ts';
import { DevPkiInconsistentError } from './errors.ts';
import type { KeyAlgorithm } from './key-algorithm-names.ts';
import { PRIVATE_FILE_MODE, PUBLIC_FILE_MODE, readPemFile, writeFileAtomic } from './pem-files.ts';
import { isSignedBy } from './signed-by.ts';

export { DEV_PKI_FILES, type DevPkiFile } from './dev-pki-files.ts';

/** Options of {@link createDevPki} and {@link ensureDevPki}. */
export interface DevPkiOptions {
  /** Key algorithm of all three key pairs; default `'ecdsa-p256'`. */
  readonly keyAlgorithm?: KeyAlgorithm;
  /** CN of the admin client certificate; default `'admin'`. */
  readonly adminCommonName?: string;
  /** SANs added to the server certificate besides localhost, 127.0.0.1 and ::1. */
  readonly extraServerNames?: readonly SubjectAltName[];
  /** The clock; default now. */
  readonly now?: Date;
}

/** A development PKI on disk. */
export interface DevPki {
  /** Absolute or caller-relative paths of the six files. */
  readonly paths: Readonly<Record<DevPkiFile, string>>;
  /** The files this call wrote (empty when everything was reused). */
  readonly created: readonly DevPkiFile[];
}

const SERVER_SANS: readonly SubjectAltName[] = [
  { type: 'dns', value: 'localhost' },
  { type: 'ip', value: '127.0.0.1' },
  { type: 'ip', value: '::1' },
];

function pathsIn(dir: string): Record<DevPkiFile, string> {
  const entries = Object.entries(DEV_PKI_FILES).map(([file, name]) => [file, join(dir, name)]);
  return Object.fromEntries(entries) as Record<DevPkiFile, string>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function writePair(
  paths: Record<DevPkiFile, string>,
  certFile: DevPkiFile,
  keyFile: DevPkiFile,
  pair: { cert: string; key: string },
): Promise<DevPkiFile[]> {
  // Key first: a certificate on disk always has its key beside it.
  await writeFileAtomic(paths[keyFile], pair.key, PRIVATE_FILE_MODE);
  await writeFileAtomic(paths[certFile], pair.cert, PUBLIC_FILE_MODE);
  return [keyFile, certFile];
}

// Issuing loads @peculiar/x509 (~15 MB that stays resident): only when a certificate is made,
// never for a start that finds the PKI complete (issue #9).
const issuing = () => import('./issue-certificate.ts');

async function issueServer(ca: { cert: string; key: string }, options: DevPkiOptions) {
  const { issueCertificate } = await issuing();
  return issueCertificate({
    caCert: ca.cert,
    caKey: ca.key,
    commonName: 'localhost',
    organization: 'Keywarden',
    sans: [...SERVER_SANS, ...(options.extraServerNames ?? [])],
    eku: ['serverAuth'],
    validity: { days: 730 },
    ...(options.keyAlgorithm && { keyAlgorithm: options.keyAlgorithm }),
    ...(options.now && { now: options.now }),
  });
}

async function issueAdmin(ca: { cert: string; key: string }, options: DevPkiOptions) {
  const { issueCertificate } = await issuing();
  return issueCertificate({
    caCert: ca.cert,
    caKey: ca.key,
    commonName: options.adminCommonName ?? 'admin',
    organization: 'Keywarden',
    eku: ['clientAuth'],
    validity: { days: 730 },
    ...(options.keyAlgorithm && { keyAlgorithm: options.keyAlgorithm }),
    ...(options.now && { now: options.now }),
  });
}

/**
 * Creates a new development PKI in `dir` (made with mode 0700 if missing), replacing any
 * files of the same names: a CA (10 years), a server certificate for localhost, 127.0.0.1
 * and ::1 with EKU serverAuth (2 years), and an admin client certificate with EKU clientAuth.
 * Private keys are written with mode 0600.
 * @throws KW_PKI_FILE when a file cannot be written, KW_PKI_INVALID for a bad option.
 */
export async function createDevPki(dir: string, options: DevPkiOptions = {}): Promise<DevPki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const paths = pathsIn(dir);
  const { createCaCertificate } = await issuing();
  const ca = await createCaCertificate({
    validity: { days: 3650 },
    ...(options.keyAlgorithm && { keyAlgorithm: options.keyAlgorithm }),
    ...(options.now && { now: options.now }),
  });
  const created = [
    ...(await writePair(paths, 'caCert', 'caKey', ca)),
    ...(await writePair(paths, 'serverCert', 'serverKey', await issueServer(ca, options))),
    ...(await writePair(paths, 'adminCert', 'adminKey', await issueAdmin(ca, options))),
  ];
  return { paths, created };
}

/**
 * Reuses the development PKI in `dir`, creating whatever is missing: everything when the
 * folder holds none of the files, the server or admin pair when only that pair is missing.
 * Existing leaf certificates must be signed by the CA found beside them.
 * @throws KW_PKI_DEV_INCONSISTENT when the files found do not fit together (half a pair,
 * leaves without a CA, a leaf from another CA), KW_PKI_FILE, KW_PKI_CERTIFICATE.
 */
export async function ensureDevPki(dir: string, options: DevPkiOptions = {}): Promise<DevPki> {
  const paths = pathsIn(dir);
  const present = new Set<DevPkiFile>();
  for (const file of Object.keys(DEV_PKI_FILES) as DevPkiFile[]) {
    if (await exists(paths[file])) present.add(file);
  }
  if (present.size === 0) return createDevPki(dir, options);

  const pairs: [DevPkiFile, DevPkiFile][] = [
    ['caCert', 'caKey'],
    ['serverCert', 'serverKey'],
    ['adminCert', 'adminKey'],
  ];
  for (const [certFile, keyFile] of pairs) {
    if (present.has(certFile) !== present.has(keyFile)) {
      const missing = present.has(certFile) ? keyFile : certFile;
      throw new DevPkiInconsistentError(
        paths[missing],
        'missing while the other half of its pair exists',
      );
    }
  }
  if (!present.has('caCert')) {
    throw new DevPkiInconsistentError(paths.caCert, 'missing while certificates it issued exist');
  }

  const ca = { cert: await readPemFile(paths.caCert), key: await readPemFile(paths.caKey) };
  const created: DevPkiFile[] = [];
  for (const [certFile, keyFile] of pairs.slice(1)) {
    if (present.has(certFile)) {
      if (!(await isSignedBy(await readPemFile(paths[certFile]), ca.cert))) {
        throw new DevPkiInconsistentError(paths[certFile], 'not signed by the CA beside it');
      }
      continue;
    }
    const pair =
      certFile === 'serverCert' ? await issueServer(ca, options) : await issueAdmin(ca, options);
    created.push(...(await writePair(paths, certFile, keyFile, pair)));
  }
  return { paths, created };
}
