/**
 * Loads certificates, keys and CA certificates from PEM text or files, and CA directories
 * (a folder of PEM files, OpenSSL `c_rehash` links included) into what Node's TLS takes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TlsCaError, TlsFileError, TlsOptionsError } from './errors.ts';

/** PEM text, as a string or bytes. */
export type PemInput = string | Uint8Array;

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?\r?\n-----END CERTIFICATE-----/g;
// Files a CA directory is read from: PEM files and c_rehash's `<hash>.<n>` links.
const CA_DIR_FILE = /(\.(pem|crt|cer)$)|(^[0-9a-f]{8}\.\d+$)/i;

/** Reads a file, wrapping failures as KW_TLS_FILE. */
export function readTlsFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new TlsFileError(path, { cause });
  }
}

/**
 * Takes a value either given directly or as a file, never both.
 * @throws KW_TLS_OPTIONS when both are given, KW_TLS_FILE when the file cannot be read.
 */
export function pemFromValueOrFile(
  option: string,
  value: PemInput | undefined,
  file: string | undefined,
): string | Buffer | undefined {
  if (value !== undefined && file !== undefined) {
    throw new TlsOptionsError(option, `give either ${option} or ${option}File, not both`);
  }
  if (file !== undefined) return readTlsFile(file);
  return value === undefined || typeof value === 'string' ? value : Buffer.from(value);
}

/** Splits PEM text into its CERTIFICATE blocks. */
export function certificateBlocks(pem: PemInput): string[] {
  const text = typeof pem === 'string' ? pem : Buffer.from(pem).toString('utf8');
  return text.match(CERT_BLOCK) ?? [];
}

/**
 * Reads the CA certificates of a bundle file (concatenated PEM certificates, zhmcclient's
 * "certificate file": order does not matter).
 * @throws KW_TLS_FILE when unreadable, KW_TLS_CA when it holds no certificate.
 */
export function loadCaFile(path: string): string[] {
  const blocks = certificateBlocks(readTlsFile(path));
  if (blocks.length === 0) throw new TlsCaError(path, 'holds no PEM certificate');
  return blocks;
}

/**
 * Reads the CA certificates of a directory: every `*.pem`, `*.crt`, `*.cer` and c_rehash
 * `<hash>.<n>` file in it (not recursive), each certificate once however many links point at it.
 * @throws KW_TLS_FILE when unreadable, KW_TLS_CA when it holds no certificate.
 */
export function loadCaDir(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (cause) {
    throw new TlsFileError(dir, { cause });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (!CA_DIR_FILE.test(name)) continue;
    const path = join(dir, name);
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    for (const block of certificateBlocks(readTlsFile(path)))
      seen.add(block.replace(/\r\n/g, '\n'));
  }
  if (seen.size === 0) throw new TlsCaError(dir, 'holds no PEM certificate file');
  return [...seen];
}

/** Reads a CA path that may be a bundle file or a directory (zhmcclient's `verify_cert` string). */
export function loadCaPath(path: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (cause) {
    throw new TlsFileError(path, { cause });
  }
  return isDirectory ? loadCaDir(path) : loadCaFile(path);
}

/** Normalizes CA input given as PEM text (one or several) into certificate blocks. */
export function caFromPem(ca: PemInput | readonly PemInput[]): string[] {
  const items = Array.isArray(ca) ? (ca as readonly PemInput[]) : [ca as PemInput];
  const blocks = items.flatMap((item) => certificateBlocks(item));
  if (blocks.length === 0) throw new TlsCaError('ca', 'holds no PEM certificate');
  return blocks;
}
