/** CA sources for the security matrix: a bundle file and a c_rehash-style hashed directory. */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a CA certificate was written, in each form the client reads. */
export interface CaSources {
  /** A PEM bundle: the CA among unrelated certificates, in any order. */
  readonly file: string;
  /** A directory holding `<subject hash>.0` → PEM, as `c_rehash` leaves it. */
  readonly hashedDir: string;
}

/** Writes `caPem` (with `others` around it in the bundle) under `dir`. */
export async function writeCaSources(
  dir: string,
  caPem: string,
  others: readonly string[] = [],
): Promise<CaSources> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'bundle.pem');
  await writeFile(file, [...others, caPem, ...others].join(''));
  const hashedDir = join(dir, 'hashed');
  await mkdir(hashedDir, { recursive: true });
  await writeFile(join(hashedDir, 'ca.pem'), caPem);
  const hash = execFileSync(
    'openssl',
    ['x509', '-hash', '-noout', '-in', join(hashedDir, 'ca.pem')],
    {
      encoding: 'utf8',
    },
  ).trim();
  await symlink('ca.pem', join(hashedDir, `${hash}.0`));
  return { file, hashedDir };
}
