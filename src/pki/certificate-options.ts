/**
 * Checks and converts the options shared by CA and leaf issuance: subject names, SANs,
 * extended key usages, validity and serial numbers.
 */
import { isIP } from 'node:net';
import { PkiInputError } from './errors.ts';
import { randomBytes } from '../crypto/index.ts';
import type { x509 } from './x509-lib.ts';

/** A subject alternative name (RFC 5280 §4.2.1.6). */
export interface SubjectAltName {
  readonly type: 'dns' | 'ip' | 'email' | 'uri';
  readonly value: string;
}

/** Extended key usages by name (RFC 5280 §4.2.1.12); any other purpose is given as its OID. */
export const EKU_OIDS = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/** An extended key usage: a name from {@link EKU_OIDS} or a dotted OID. */
export type ExtendedKeyUsage = keyof typeof EKU_OIDS | (string & {});

/** When a certificate is valid: explicit dates, or `days` from now (the default length depends on the caller). */
export interface Validity {
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly days?: number;
}

const DAY_MS = 86_400_000;
// Back-date new certificates a little so that a peer whose clock runs slightly behind
// does not reject a certificate issued a moment ago.
const BACKDATE_MS = 5 * 60_000;
const OID_PATTERN = /^[0-2](\.(0|[1-9]\d*))+$/;
const DNS_PATTERN =
  /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Resolves a validity to dates, defaulting to `defaultDays` from `now`. */
export function resolveValidity(
  validity: Validity | undefined,
  defaultDays: number,
  now: Date,
): { notBefore: Date; notAfter: Date } {
  const days = validity?.days ?? defaultDays;
  if (!Number.isFinite(days) || days <= 0) {
    throw new PkiInputError('validity.days', 'must be a positive number');
  }
  const notBefore = validity?.notBefore ?? new Date(now.getTime() - BACKDATE_MS);
  const notAfter = validity?.notAfter ?? new Date(now.getTime() + days * DAY_MS);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    throw new PkiInputError('validity', 'dates must be valid');
  }
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw new PkiInputError('validity', 'notAfter must be later than notBefore');
  }
  return { notBefore, notAfter };
}

/**
 * Builds a subject name from common names (none, one or several: tests need all three)
 * and an optional organization.
 */
export function buildSubject(
  commonName: string | readonly string[] | undefined,
  organization: string | undefined,
): x509.JsonName {
  const names =
    commonName === undefined ? [] : typeof commonName === 'string' ? [commonName] : commonName;
  const subject: x509.JsonName = [];
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name.length === 0 || name.length > 64) {
      // RFC 5280 Appendix A: ub-common-name is 64 characters.
      throw new PkiInputError(`commonName[${i}]`, 'must be 1 to 64 characters');
    }
    subject.push({ CN: [name] });
  });
  if (organization !== undefined) {
    if (organization.length === 0 || organization.length > 64) {
      throw new PkiInputError('organization', 'must be 1 to 64 characters');
    }
    subject.push({ O: [organization] });
  }
  return subject;
}

/** Checks SANs and converts them to the library's form. */
export function buildSans(sans: readonly SubjectAltName[]): x509.JsonGeneralNames {
  return sans.map((san, i) => {
    const field = `sans[${i}]`;
    const ok =
      san.type === 'dns'
        ? DNS_PATTERN.test(san.value) && san.value.length <= 253
        : san.type === 'ip'
          ? isIP(san.value) !== 0
          : san.type === 'email'
            ? /^[^@\s]+@[^@\s]+$/.test(san.value)
            : san.type === 'uri'
              ? URL.canParse(san.value)
              : false;
    if (!ok) throw new PkiInputError(field, `not a valid ${String(san.type)} name`);
    return { type: san.type === 'uri' ? 'url' : san.type, value: san.value };
  });
}

/** Converts EKU names and OIDs to OIDs. */
export function resolveEkus(ekus: readonly ExtendedKeyUsage[]): string[] {
  return ekus.map((eku, i) => {
    const oid = (EKU_OIDS as Record<string, string>)[eku] ?? eku;
    if (!OID_PATTERN.test(oid)) {
      throw new PkiInputError(`eku[${i}]`, 'must be a known usage name or a dotted OID');
    }
    return oid;
  });
}

/**
 * A random positive serial number as hex: 16 bytes, the top bit clear so the DER INTEGER
 * stays positive and 20 octets long at most (RFC 5280 §4.1.2.2), never starting with a zero byte.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
