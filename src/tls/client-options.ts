/**
 * Builds the TLS options of Keywarden's clients (KMIP, HTTPS, MyProxy, WBEM). Server
 * certificate verification follows zhmcclient/pywbem: on by default, against CA certificates
 * from an explicit source, else the first of the KEYWARDEN_CA_BUNDLE, REQUESTS_CA_BUNDLE and
 * CURL_CA_BUNDLE environment variables (a file or a directory), else Node's bundled Mozilla
 * root store; hostname and expiry are checked too.
 */
import { isIP } from 'node:net';
import {
  checkServerIdentity as nodeCheckServerIdentity,
  type ConnectionOptions,
  type PeerCertificate,
} from 'node:tls';
import { buildCipherString } from './cipher-suites.ts';
import { TlsOptionsError } from './errors.ts';
import {
  caFromPem,
  loadCaDir,
  loadCaFile,
  loadCaPath,
  pemFromValueOrFile,
  type PemInput,
} from './pem-sources.ts';
import { checkMinTlsVersion, type TlsVersion } from './tls-version.ts';

/** Environment variables naming a CA bundle file or directory, first match wins. */
export const CA_BUNDLE_ENV_VARS = [
  'KEYWARDEN_CA_BUNDLE',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
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
  /** Client private key, PEM (or `keyFile`). */
  readonly key?: PemInput;
  readonly keyFile?: string;
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
  /** Cipher suites, IANA or OpenSSL names; default as the server's. */
  readonly cipherSuites?: readonly string[];
  /**
   * An extra check after the CA and hostname checks passed (pywbem's `verify_callback`):
   * return an Error to refuse the server.
   */
  readonly verifyCallback?: (host: string, cert: PeerCertificate) => Error | undefined;
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
  | { readonly kind: 'system' };

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
  return { kind: 'system' };
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
      return loadCaPath(source.path);
    default:
      // 'system' keeps Node's default (its bundled Mozilla list); 'none' verifies nothing.
      return undefined;
  }
}

/**
 * Builds client TLS options for `tls.connect` (pass `host` and `port` beside them).
 * @throws KW_TLS_VERSION, KW_TLS_CIPHER, KW_TLS_FILE, KW_TLS_CA, KW_TLS_OPTIONS (conflicting
 * options, a certificate without its key).
 * @example
 * const socket = tls.connect({ host: 'kms.example', port: 5696,
 *   ...buildClientTlsOptions({ caFile: 'ca.crt', certFile: 'me.crt', keyFile: 'me.key' }) });
 */
export function buildClientTlsOptions(input: ClientTlsInput): ConnectionOptions {
  const minVersion = checkMinTlsVersion(input.minVersion);
  const ciphers = buildCipherString(input.cipherSuites);
  const source = resolveCaSource(input);
  const ca = loadCa(input, source);
  const cert = pemFromValueOrFile('cert', input.cert, input.certFile);
  const key = pemFromValueOrFile('key', input.key, input.keyFile);
  if ((cert === undefined) !== (key === undefined)) {
    throw new TlsOptionsError(
      cert === undefined ? 'cert' : 'key',
      'a client certificate needs its key and the other way round',
    );
  }
  const options: ConnectionOptions = {
    minVersion,
    ciphers,
    rejectUnauthorized: source.kind !== 'none',
    ...(ca !== undefined && { ca }),
    ...(cert !== undefined && key !== undefined && { cert, key }),
  };
  const servername = input.servername;
  // RFC 6066 §3: SNI carries DNS names only. An IP servername is not sent, but the
  // certificate is still checked against it (its IP SANs) instead of against `host`.
  const isIpName = servername !== undefined && isIP(servername) !== 0;
  if (servername !== undefined && !isIpName) options.servername = servername;
  const verifyCallback = input.verifyCallback;
  if (isIpName || verifyCallback !== undefined) {
    options.checkServerIdentity = (host: string, peer: PeerCertificate): Error | undefined =>
      nodeCheckServerIdentity(isIpName ? servername : host, peer) ?? verifyCallback?.(host, peer);
  }
  return options;
}
