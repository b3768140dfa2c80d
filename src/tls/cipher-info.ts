/**
 * Describes the cipher suites this client can use, like `openssl ciphers -s -v`: name, IANA
 * name, lowest protocol version, key exchange, authentication, encryption and MAC.
 */
import { getCiphers } from 'node:tls';
import { DEFAULT_CIPHER_SUITES, IANA_TO_OPENSSL } from './cipher-suites.ts';

/** One cipher suite, described. */
export interface CipherSuiteInfo {
  /** OpenSSL name (TLS 1.3: the RFC 8446 name). */
  readonly name: string;
  readonly ianaName: string;
  /** Lowest protocol version that can negotiate it. */
  readonly minVersion: 'TLSv1.3' | 'TLSv1.2' | 'TLSv1.0';
  readonly kx: string;
  readonly au: string;
  readonly enc: string;
  readonly mac: string;
  /** Offered by default (DEFAULT_CIPHER_SUITES). */
  readonly isDefault: boolean;
}

function encOf(name: string): string {
  const bits = /(128|256)/.exec(name)?.[1] ?? '256';
  if (name.includes('CHACHA20')) return 'CHACHA20/POLY1305(256)';
  if (name.includes('GCM')) return `AESGCM(${bits})`;
  if (name.includes('CCM8') || name.includes('CCM_8')) return `AESCCM8(${bits})`;
  if (name.includes('CCM')) return `AESCCM(${bits})`;
  return `AES(${bits})`;
}

function describe(name: string, ianaName: string): CipherSuiteInfo {
  const isDefault = DEFAULT_CIPHER_SUITES.includes(name);
  if (name.startsWith('TLS_')) {
    return {
      name,
      ianaName,
      minVersion: 'TLSv1.3',
      kx: 'any',
      au: 'any',
      enc: encOf(name),
      mac: 'AEAD',
      isDefault,
    };
  }
  const parts = name.split('-');
  const [kx, au] = name.startsWith('ECDHE-ECDSA')
    ? ['ECDH', 'ECDSA']
    : name.startsWith('ECDHE-RSA')
      ? ['ECDH', 'RSA']
      : name.startsWith('DHE-RSA')
        ? ['DH', 'RSA']
        : name.startsWith('DHE-DSS')
          ? ['DH', 'DSS']
          : ['RSA', 'RSA'];
  const last = parts[parts.length - 1] ?? '';
  const isAead = /GCM|CCM|POLY1305/.test(name);
  const mac = isAead ? 'AEAD' : last === 'SHA' ? 'SHA1' : last;
  // CBC suites with SHA-1 exist since SSLv3/TLS 1.0; AEAD and SHA-2 suites need TLS 1.2.
  const minVersion = !isAead && last === 'SHA' ? 'TLSv1.0' : 'TLSv1.2';
  return { name, ianaName, minVersion, kx, au, enc: encOf(name), mac, isDefault };
}

/** Every known, non-weak suite the OpenSSL in this Node.js supports, TLS 1.3 first. */
export function listCipherSuites(): CipherSuiteInfo[] {
  const supported = new Set(getCiphers());
  const out: CipherSuiteInfo[] = [];
  for (const [iana, openssl] of IANA_TO_OPENSSL) {
    if (!supported.has(openssl.toLowerCase())) continue;
    if (/NULL|EXPORT|anon|RC4|DES|MD5|PSK/.test(openssl)) continue;
    out.push(describe(openssl, iana));
  }
  const rank = { 'TLSv1.3': 0, 'TLSv1.2': 1, 'TLSv1.0': 2 } as const;
  return out.sort(
    (a, b) => rank[a.minVersion] - rank[b.minVersion] || Number(b.isDefault) - Number(a.isDefault),
  );
}
