/**
 * Cipher suite names: IANA names (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`, as KMIP profiles
 * and PyKMIP's `tls_cipher_suites` write them) and OpenSSL names (`ECDHE-RSA-AES128-GCM-SHA256`,
 * as Node's `ciphers` option takes them), and the default list.
 */
import { getCiphers } from 'node:tls';
import { TlsCipherError } from './errors.ts';

// TLS 1.3 suites carry the same name in IANA and OpenSSL spelling (RFC 8446 §B.4).
const TLS13_SUITES = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
] as const;

// IANA → OpenSSL, from `openssl ciphers -stdname` and PyKMIP's kmip/services/auth.py table
// (which also lists static DH/ECDH suites that OpenSSL 1.1+ dropped: they resolve, and are
// then refused as unsupported).
const TLS12_SUITES: Readonly<Record<string, string>> = {
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_CCM: 'ECDHE-ECDSA-AES256-CCM',
  TLS_ECDHE_ECDSA_WITH_AES_128_CCM: 'ECDHE-ECDSA-AES128-CCM',
  TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8: 'ECDHE-ECDSA-AES256-CCM8',
  TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8: 'ECDHE-ECDSA-AES128-CCM8',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384: 'ECDHE-ECDSA-AES256-SHA384',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384: 'ECDHE-RSA-AES256-SHA384',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_DHE_RSA_WITH_AES_256_GCM_SHA384: 'DHE-RSA-AES256-GCM-SHA384',
  TLS_DHE_RSA_WITH_AES_128_GCM_SHA256: 'DHE-RSA-AES128-GCM-SHA256',
  TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'DHE-RSA-CHACHA20-POLY1305',
  TLS_DHE_RSA_WITH_AES_256_CCM: 'DHE-RSA-AES256-CCM',
  TLS_DHE_RSA_WITH_AES_128_CCM: 'DHE-RSA-AES128-CCM',
  TLS_DHE_RSA_WITH_AES_256_CCM_8: 'DHE-RSA-AES256-CCM8',
  TLS_DHE_RSA_WITH_AES_128_CCM_8: 'DHE-RSA-AES128-CCM8',
  TLS_DHE_RSA_WITH_AES_256_CBC_SHA256: 'DHE-RSA-AES256-SHA256',
  TLS_DHE_RSA_WITH_AES_128_CBC_SHA256: 'DHE-RSA-AES128-SHA256',
  TLS_DHE_RSA_WITH_AES_256_CBC_SHA: 'DHE-RSA-AES256-SHA',
  TLS_DHE_RSA_WITH_AES_128_CBC_SHA: 'DHE-RSA-AES128-SHA',
  TLS_DHE_DSS_WITH_AES_256_GCM_SHA384: 'DHE-DSS-AES256-GCM-SHA384',
  TLS_DHE_DSS_WITH_AES_128_GCM_SHA256: 'DHE-DSS-AES128-GCM-SHA256',
  TLS_DHE_DSS_WITH_AES_256_CBC_SHA256: 'DHE-DSS-AES256-SHA256',
  TLS_DHE_DSS_WITH_AES_128_CBC_SHA256: 'DHE-DSS-AES128-SHA256',
  TLS_DHE_DSS_WITH_AES_256_CBC_SHA: 'DHE-DSS-AES256-SHA',
  TLS_DHE_DSS_WITH_AES_128_CBC_SHA: 'DHE-DSS-AES128-SHA',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_CCM: 'AES256-CCM',
  TLS_RSA_WITH_AES_128_CCM: 'AES128-CCM',
  TLS_RSA_WITH_AES_256_CCM_8: 'AES256-CCM8',
  TLS_RSA_WITH_AES_128_CCM_8: 'AES128-CCM8',
  TLS_RSA_WITH_AES_256_CBC_SHA256: 'AES256-SHA256',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'AES128-SHA256',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_DH_DSS_WITH_AES_128_CBC_SHA256: 'DH-DSS-AES128-SHA256',
  TLS_DH_RSA_WITH_AES_128_CBC_SHA256: 'DH-RSA-AES128-SHA256',
  TLS_DH_DSS_WITH_AES_256_CBC_SHA256: 'DH-DSS-AES256-SHA256',
  TLS_DH_RSA_WITH_AES_256_CBC_SHA256: 'DH-RSA-AES256-SHA256',
  TLS_DH_DSS_WITH_AES_128_CBC_SHA: 'DH-DSS-AES128-SHA',
  TLS_DH_RSA_WITH_AES_128_CBC_SHA: 'DH-RSA-AES128-SHA',
  TLS_DH_DSS_WITH_AES_256_CBC_SHA: 'DH-DSS-AES256-SHA',
  TLS_DH_RSA_WITH_AES_256_CBC_SHA: 'DH-RSA-AES256-SHA',
  TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDH-ECDSA-AES128-SHA256',
  TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384: 'ECDH-ECDSA-AES256-SHA384',
  TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256: 'ECDH-RSA-AES128-SHA256',
  TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384: 'ECDH-RSA-AES256-SHA384',
  TLS_PSK_WITH_AES_128_CBC_SHA: 'PSK-AES128-CBC-SHA',
  TLS_PSK_WITH_AES_256_CBC_SHA: 'PSK-AES256-CBC-SHA',
};

/** IANA cipher suite name → OpenSSL name (TLS 1.3 names map to themselves). */
export const IANA_TO_OPENSSL: ReadonlyMap<string, string> = new Map([
  ...TLS13_SUITES.map((name): [string, string] => [name, name]),
  ...Object.entries(TLS12_SUITES),
]);

const OPENSSL_NAMES: ReadonlySet<string> = new Set(IANA_TO_OPENSSL.values());

// Suites refused whatever the configuration says: no encryption or no authentication,
// export-grade, RC4 (RFC 7465), DES/3DES (Sweet32), MD5 MACs.
const WEAK = /NULL|EXPORT|EXP[0-9]*-|anon|ADH|AECDH|RC4|DES|MD5/i;

/**
 * The default list: the TLS 1.3 AEAD suites, and for TLS 1.2 only ECDHE key exchange with
 * AEAD ciphers (forward secrecy, no CBC), ECDSA before RSA.
 */
export const DEFAULT_CIPHER_SUITES: readonly string[] = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
];

/**
 * Resolves configured cipher suite names (IANA or OpenSSL spelling, in any mix) to OpenSSL
 * names, keeping the first occurrence's order and dropping repeats.
 * @throws KW_TLS_CIPHER naming the first unknown, unsupported or weak suite.
 */
export function resolveCipherSuites(names: readonly string[]): string[] {
  const supported = new Set(getCiphers());
  const resolved: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (WEAK.test(name)) throw new TlsCipherError(raw, 'weak');
    const openssl = IANA_TO_OPENSSL.get(name) ?? (OPENSSL_NAMES.has(name) ? name : undefined);
    if (openssl === undefined) throw new TlsCipherError(raw, 'unknown');
    if (!supported.has(openssl.toLowerCase())) throw new TlsCipherError(raw, 'unsupported');
    if (!resolved.includes(openssl)) resolved.push(openssl);
  }
  return resolved;
}

/**
 * The `ciphers` string for Node's TLS options: the default list when none is configured.
 * A configured list governs TLS 1.2; when it names no TLS 1.3 suite, the default TLS 1.3
 * suites stay on, as with PyKMIP (Python's `set_ciphers` leaves TLS 1.3 suites alone): every
 * TLS 1.3 suite is AEAD with forward secrecy, so a list written for TLS 1.2 loses nothing.
 * @throws KW_TLS_CIPHER as {@link resolveCipherSuites}.
 */
export function buildCipherString(names?: readonly string[]): string {
  if (names === undefined || names.length === 0) return DEFAULT_CIPHER_SUITES.join(':');
  const suites = resolveCipherSuites(names);
  const hasTls13 = suites.some((s) => s.startsWith('TLS_'));
  const tls13 = hasTls13 ? [] : DEFAULT_CIPHER_SUITES.filter((s) => s.startsWith('TLS_'));
  return [...tls13, ...suites].join(':');
}
