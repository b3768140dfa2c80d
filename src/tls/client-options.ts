/**
 * Builds the TLS options of Keywarden's clients (KMIP, HTTPS, MyProxy, WBEM). Server
 * certificate verification follows zhmcclient/pywbem: `verify: true` (default) takes CA
 * certificates from an explicit source, else the first of the REQUESTS_CA_BUNDLE,
 * CURL_CA_BUNDLE and KEYWARDEN_CA_BUNDLE environment variables (a file or a directory), else
 * the first system default location that exists (DEFAULT_CA_CERT_PATHS), else Node's
 * bundled Mozilla root store; `verify: '<path>'` takes them from that file or directory;
 * `verify: false` checks nothing.
 */
import { isIP } from 'node:net';
import { type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { findSystemCaPath } from './ca-locations.ts';
import { buildCipherString } from './cipher-suites.ts';
import { TlsOptionsError } from './errors.ts';
import { checkHostname } from './hostname.ts';
import {
  caFromPem,
  loadCaDir,
  loadCaFile,
  loadCaPath,
  pemFromValueOrFile,
  type PemInput,
} from './pem-sources.ts';
import { checkMinTlsVersion, type TlsVersion } from './tls-version.ts';
import type { VerifyCallback } from './verify-server.ts';

/** Environment variables naming a CA bundle file or directory, first match wins. */
export const CA_BUNDLE_ENV_VARS = [
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'KEYWARDEN_CA_BUNDLE',
] as const;

/** Input of {@link buildClientTlsOptions}. */
export interface ClientTlsInput {
  /** CA certificates to verify the server against, PEM. */
  readonly ca?: PemInput | readonly PemInput[];
  /** A CA bundle file: concatenated PEM certificates. */
  readonly caFile?: string;
  /** A CA directory: PEM files (c_rehash links included). */
  readonly caDir?: string;
  /** Client certificate for mutual TLS, PEM (or `certFile`). */
  readonly cert?: PemInput;
  readonly certFile?: string;
  /** Client private key, PEM (or `keyFile`); may be encrypted (then give `passphrase`). */
  readonly key?: PemInput;
  readonly keyFile?: string;
  /** Client certificate and key as one PKCS#12 file (or `pfx` bytes), instead of cert + key. */
  readonly pfx?: Uint8Array;
  readonly pfxFile?: string;
  /** Passphrase of an encrypted private key or of the PKCS#12 file. Never logged. */
  readonly passphrase?: string;
  /**
   * `true` (default): verify the server certificate; `false`: do not verify it at all
   * (insecure: no CA, hostname or expiry check); a string: verify against the CA bundle file
   * or directory at that path (zhmcclient's `verify_cert`).
   */
  readonly verify?: boolean | string;
  /** The name to send as SNI and to check the certificate against (an IP is checked, not sent). */
  readonly servername?: string;
  /** Lowest protocol version; default `'TLSv1.2'`, nothing lower is accepted. */
  readonly minVersion?: TlsVersion;
  /** Cipher suites, IANA or OpenSSL names; default as the server's (TLS 1.3 and ECDHE AEAD). */
  readonly cipherSuites?: readonly string[];
  /**
   * An extra check after the CA, validity and hostname checks passed (pywbem's
   * `verify_callback`): return false to refuse the server. An async callback needs
   * `connectTls`, which verifies after the handshake; `tls.connect` can only run sync ones.
   */
  readonly verifyCallback?: VerifyCallback;
  /** Highest protocol version; default TLS 1.3. */
  readonly maxVersion?: TlsVersion;
  /** System CA locations to probe; default DEFAULT_CA_CERT_PATHS (tests pass their own). */
  readonly systemCaPaths?: readonly string[];
  /** The environment to read CA bundle variables from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Where the CA certificates for server verification come from. */
export type CaSource =
  | { readonly kind: 'none' }
  | { readonly kind: 'explicit' }
  | { readonly kind: 'verify-path'; readonly path: string }
  | {
      readonly kind: 'env';
      readonly name: (typeof CA_BUNDLE_ENV_VARS)[number];
      readonly path: string;
    }
  | { readonly kind: 'system'; readonly path: string }
  | { readonly kind: 'bundled' };

/** Says which CA source {@link buildClientTlsOptions} will use, for logs and diagnostics. */
export function resolveCaSource(input: ClientTlsInput): CaSource {
  const verify = input.verify ?? true;
  const explicit =
    input.ca !== undefined || input.caFile !== undefined || input.caDir !== undefined;
  if (verify === false) return { kind: 'none' };
  if (typeof verify === 'string') {
    if (explicit)
      throw new TlsOptionsError('verify', 'a CA path in verify excludes ca, caFile and caDir');
    return { kind: 'verify-path', path: verify };
  }
  if (explicit) return { kind: 'explicit' };
  const env = input.env ?? process.env;
  for (const name of CA_BUNDLE_ENV_VARS) {
    const path = env[name];
    if (path !== undefined && path !== '') return { kind: 'env', name, path };
  }
  const systemPath = findSystemCaPath(input.systemCaPaths);
  return systemPath === undefined ? { kind: 'bundled' } : { kind: 'system', path: systemPath };
}

function loadCa(input: ClientTlsInput, source: CaSource): string[] | undefined {
  switch (source.kind) {
    case 'explicit':
      return [
        ...(input.ca !== undefined ? caFromPem(input.ca) : []),
        ...(input.caFile !== undefined ? loadCaFile(input.caFile) : []),
        ...(input.caDir !== undefined ? loadCaDir(input.caDir) : []),
      ];
    case 'verify-path':
    case 'env':
    case 'system':
      return loadCaPath(source.path);
    default:
      // 'bundled' keeps Node's default (its bundled Mozilla list); 'none' verifies nothing.
      return undefined;
  }
}

/** Client TLS options split into what `tls.connect` takes and what is checked after it. */
export interface ClientTlsPlan {
  /** Options for `tls.connect`, without host and port, and with no built-in verification. */
  readonly options: ConnectionOptions;
  readonly caSource: CaSource;
  /** Whether the server certificate is verified after the handshake. */
  readonly verify: boolean;
  /** The name the certificate must carry when it differs from the host dialled. */
  readonly servername?: string;
  readonly verifyCallback?: VerifyCallback;
}

/**
 * Builds the connection options and the verification plan (what `connectTls` runs).
 * @throws as {@link buildClientTlsOptions}.
 */
export function planClientTls(input: ClientTlsInput): ClientTlsPlan {
  const minVersion = checkMinTlsVersion(input.minVersion);
  const maxVersion =
    input.maxVersion === undefined ? 'TLSv1.3' : checkMinTlsVersion(input.maxVersion);
  if (maxVersion === 'TLSv1.2' && minVersion === 'TLSv1.3') {
    throw new TlsOptionsError('maxVersion', 'maxVersion is lower than minVersion');
  }
  const ciphers = buildCipherString(input.cipherSuites);
  const caSource = resolveCaSource(input);
  const ca = loadCa(input, caSource);
  const cert = pemFromValueOrFile('cert', input.cert, input.certFile);
  const key = pemFromValueOrFile('key', input.key, input.keyFile);
  const pfx = pemFromValueOrFile('pfx', input.pfx, input.pfxFile);
  if ((cert === undefined) !== (key === undefined)) {
    throw new TlsOptionsError(
      cert === undefined ? 'cert' : 'key',
      'a client certificate needs its key and the other way round',
    );
  }
  if (pfx !== undefined && cert !== undefined) {
    throw new TlsOptionsError('pfx', 'give either pfx or cert and key, not both');
  }
  const options: ConnectionOptions = {
    minVersion,
    maxVersion,
    ciphers,
    // Verification runs after the handshake (verifyServerCertificate) so that every failure
    // names its check and an async callback can take part; no data is sent before it.
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
    ...(ca !== undefined && { ca }),
    ...(cert !== undefined && key !== undefined && { cert, key }),
    ...(pfx !== undefined && { pfx }),
    ...(input.passphrase !== undefined && { passphrase: input.passphrase }),
  };
  const servername = input.servername;
  // RFC 6066 §3: SNI carries DNS names only. An IP servername is not sent, but the
  // certificate is still checked against it (its IP SANs) instead of against `host`.
  if (servername !== undefined && isIP(servername) === 0) options.servername = servername;
  return {
    options,
    caSource,
    verify: caSource.kind !== 'none',
    ...(servername !== undefined && { servername }),
    ...(input.verifyCallback !== undefined && { verifyCallback: input.verifyCallback }),
  };
}

/**
 * Builds client TLS options for `tls.connect` (pass `host` and `port` beside them), with
 * verification done by `tls.connect` itself: OpenSSL's chain and validity checks, then
 * the host name against the SANs (CN only without SANs), then a synchronous verifyCallback.
 * Prefer `connectTls`, whose errors name the failed check and which takes async callbacks.
 * @throws KW_TLS_VERSION, KW_TLS_CIPHER, KW_TLS_FILE, KW_TLS_CA, KW_TLS_OPTIONS (conflicting
 * options, a certificate without its key).
 * @example
 * const socket = tls.connect({ host: 'kms.example', port: 5696,
 *   ...buildClientTlsOptions({ caFile: 'ca.crt', certFile: 'me.crt', keyFile: 'me.key' }) });
 */
export function buildClientTlsOptions(input: ClientTlsInput): ConnectionOptions {
  const plan = planClientTls(input);
  if (!plan.verify) return { ...plan.options, rejectUnauthorized: false };
  const { checkServerIdentity: _unused, ...options } = plan.options;
  const callback = plan.verifyCallback;
  const checkServerIdentity = (host: string, peer: PeerCertificate): Error | undefined => {
    const mismatch = checkHostname(plan.servername ?? host, peer);
    if (mismatch !== undefined)
      return Object.assign(new Error(mismatch), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    if (callback === undefined) return undefined;
    const verdict = callback(peer, [peer]);
    if (verdict === true) return undefined;
    return new Error(
      verdict === false
        ? 'verifyCallback refused the server certificate'
        : 'an async verifyCallback needs connectTls',
    );
  };
  return { ...options, rejectUnauthorized: true, checkServerIdentity };
}
