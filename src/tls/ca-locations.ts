/**
 * Where a client finds CA certificates when none are configured: the system's default CA
 * locations (the equivalent of pywbem's DEFAULT_CA_CERT_PATHS), probed in order, and as a
 * last resort the Mozilla root store bundled with Node.js (`tls.rootCertificates`).
 */
import { statSync } from 'node:fs';

/**
 * System CA bundle files and directories, first existing one wins. Files come first: a
 * bundle is read in one go, a directory needs every file opened.
 */
export const DEFAULT_CA_CERT_PATHS: readonly string[] = [
  // Debian, Ubuntu, Alpine, Arch, Gentoo (update-ca-certificates)
  '/etc/ssl/certs/ca-certificates.crt',
  // Fedora, RHEL, CentOS (update-ca-trust)
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/pki/tls/certs/ca-bundle.crt',
  // openSUSE, SLES
  '/etc/ssl/ca-bundle.pem',
  // macOS (LibreSSL) and FreeBSD, OpenBSD
  '/etc/ssl/cert.pem',
  '/usr/local/etc/ssl/cert.pem',
  // Homebrew OpenSSL on macOS
  '/usr/local/etc/openssl/cert.pem',
  '/opt/homebrew/etc/openssl@3/cert.pem',
  // A c_rehash directory (Debian, SUSE)
  '/etc/ssl/certs',
];

/**
 * The first of `paths` that exists as a file or directory, or undefined (then the caller
 * falls back to Node's bundled roots).
 */
export function findSystemCaPath(
  paths: readonly string[] = DEFAULT_CA_CERT_PATHS,
): string | undefined {
  return paths.find((path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat !== undefined && (stat.isFile() || stat.isDirectory());
  });
}
