/**
 * Server identity check (RFC 6125 §6, RFC 2818 §3.1): the name the client dialled against the
 * certificate's subject alternative names; the subject Common Name only when the certificate
 * has no subjectAltName extension at all (RFC 6125 §6.4.4).
 */
import { isIP } from 'node:net';

/** The certificate fields the check reads (as `getPeerCertificate()` returns them). */
export interface HostnameCertificateFields {
  readonly subject?: Readonly<Record<string, string | readonly string[] | undefined>> | null;
  /** e.g. `DNS:localhost, IP Address:127.0.0.1`; absent without the extension. */
  readonly subjectaltname?: string;
}

/** Expands an IPv6 address to eight full groups, so that textual variants compare equal. */
function canonicalIp(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const lower = ip.toLowerCase();
  const [head = '', tail] = lower.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array(8 - headParts.length - tailParts.length).fill('0');
  return [...headParts, ...fill, ...tailParts].map((p) => p.padStart(4, '0')).join(':');
}

// RFC 6125 §6.4.3: a wildcard only as the whole left-most label, matching exactly one label.
function matchesDnsName(host: string, pattern: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const want = pattern.toLowerCase().replace(/\.$/, '');
  if (!want.startsWith('*.')) return name === want;
  const suffix = want.slice(1);
  // A wildcard must not cover a public suffix such as `*.com`: require two labels after it.
  if (suffix.split('.').length < 3) return false;
  const first = name.indexOf('.');
  return first > 0 && name.slice(first) === suffix;
}

function splitSans(text: string | undefined): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const entry of (text ?? '').split(/,\s*/)) {
    if (entry.startsWith('DNS:')) dns.push(entry.slice(4));
    else if (entry.startsWith('IP Address:')) ip.push(canonicalIp(entry.slice(11)));
  }
  return { dns, ip };
}

/**
 * Checks `host` (a DNS name or an IP address) against the certificate; returns why it does
 * not match, or undefined when it does.
 */
export function checkHostname(host: string, cert: HostnameCertificateFields): string | undefined {
  const hasSanExtension = cert.subjectaltname !== undefined && cert.subjectaltname !== '';
  const sans = splitSans(cert.subjectaltname);
  if (isIP(host) !== 0) {
    // RFC 6125 §6.2.1 / RFC 2818: an IP address is matched against IP SANs only, never the CN.
    if (sans.ip.includes(canonicalIp(host))) return undefined;
    return `IP address ${host} is not among the certificate's IP subject alternative names`;
  }
  if (hasSanExtension) {
    if (sans.dns.some((pattern) => matchesDnsName(host, pattern))) return undefined;
    return `host name ${host} is not among the certificate's DNS subject alternative names`;
  }
  const cn = cert.subject?.CN;
  const names = cn === undefined ? [] : typeof cn === 'string' ? [cn] : [...cn];
  if (names.some((name) => matchesDnsName(host, name))) return undefined;
  return `host name ${host} does not match the certificate's common name (it has no subjectAltName)`;
}
