/** The TLS protocol versions Keywarden speaks: 1.2 and 1.3, nothing older. */
import { TlsVersionError } from './errors.ts';

/** Protocol versions Keywarden accepts as a minimum, in Node's spelling. */
export const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;

/** A protocol version Keywarden accepts as a minimum. */
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** The default minimum: TLS 1.2 (RFC 8996 deprecates TLS 1.0 and 1.1). */
export const DEFAULT_MIN_TLS_VERSION: TlsVersion = 'TLSv1.2';

/**
 * Checks a minimum version, defaulting to TLS 1.2.
 * @throws KW_TLS_VERSION for anything older than TLS 1.2 or not a version name.
 */
export function checkMinTlsVersion(version: unknown = DEFAULT_MIN_TLS_VERSION): TlsVersion {
  if (typeof version === 'string' && (TLS_VERSIONS as readonly string[]).includes(version)) {
    return version as TlsVersion;
  }
  throw new TlsVersionError(String(version));
}
