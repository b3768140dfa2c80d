/**
 * Builds the TLS options of Keywarden's listeners (KMIP 5696, HTTPS, MyProxy): one place
 * decides versions, cipher suites and client certificate policy.
 */
import { createSecureContext, type SecureContextOptions, type TlsOptions } from 'node:tls';
import { buildCipherString } from './cipher-suites.ts';
import { TlsOptionsError } from './errors.ts';
import { caFromPem, loadCaFile, pemFromValueOrFile, type PemInput } from './pem-sources.ts';
import { checkMinTlsVersion, type TlsVersion } from './tls-version.ts';

/** Input of {@link buildServerTlsOptions}: each credential as PEM text or as a file, not both. */
export interface ServerTlsInput {
  /** The server certificate chain, PEM (leaf first). */
  readonly cert?: PemInput;
  readonly certFile?: string;
  /** The server private key, PEM. */
  readonly key?: PemInput;
  readonly keyFile?: string;
  /** The CA certificates client certificates must chain to, PEM. */
  readonly ca?: PemInput | readonly PemInput[];
  readonly caFile?: string;
  /** Ask for a client certificate and refuse the handshake without a valid one; default true. */
  readonly requireClientCert?: boolean;
  /**
   * Cipher suites, IANA (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`) or OpenSSL
   * (`ECDHE-RSA-AES128-GCM-SHA256`) names; default: TLS 1.3 suites and ECDHE AEAD for TLS 1.2.
   */
  readonly cipherSuites?: readonly string[];
  /** Lowest protocol version; default `'TLSv1.2'`, nothing lower is accepted. */
  readonly minVersion?: TlsVersion;
}

/** Options for `tls.createServer` (and `https.createServer`). */
export type ServerTlsOptions = SecureContextOptions & TlsOptions;

/**
 * Builds server TLS options, loading files and checking them with OpenSSL now rather than at
 * the first handshake.
 * @throws KW_TLS_VERSION for a minimum below TLS 1.2, KW_TLS_CIPHER for an unusable suite,
 * KW_TLS_FILE for an unreadable file, KW_TLS_CA for a CA source without certificates,
 * KW_TLS_OPTIONS for missing or conflicting options or credentials OpenSSL refuses.
 * @example
 * const server = tls.createServer(buildServerTlsOptions({
 *   certFile: 'pki/server.crt', keyFile: 'pki/server.key', caFile: 'pki/ca.crt',
 * }));
 */
export function buildServerTlsOptions(input: ServerTlsInput): ServerTlsOptions {
  const minVersion = checkMinTlsVersion(input.minVersion);
  const ciphers = buildCipherString(input.cipherSuites);
  const cert = pemFromValueOrFile('cert', input.cert, input.certFile);
  const key = pemFromValueOrFile('key', input.key, input.keyFile);
  if (cert === undefined) throw new TlsOptionsError('cert', 'a server certificate is required');
  if (key === undefined) throw new TlsOptionsError('key', 'a server private key is required');
  if (input.ca !== undefined && input.caFile !== undefined) {
    throw new TlsOptionsError('ca', 'give either ca or caFile, not both');
  }
  const ca =
    input.caFile !== undefined
      ? loadCaFile(input.caFile)
      : input.ca !== undefined
        ? caFromPem(input.ca)
        : undefined;
  const requireClientCert = input.requireClientCert ?? true;
  // Without an explicit CA, Node would check client certificates against its public root
  // store: any certificate from any public CA would then authenticate.
  if (requireClientCert && ca === undefined) {
    throw new TlsOptionsError(
      'ca',
      'requireClientCert needs the CA that issues client certificates',
    );
  }

  const options: ServerTlsOptions = {
    cert,
    key,
    minVersion,
    ciphers,
    honorCipherOrder: true,
    requestCert: requireClientCert,
    rejectUnauthorized: requireClientCert,
    ...(ca !== undefined && { ca }),
  };
  try {
    createSecureContext(options);
  } catch (cause) {
    throw new TlsOptionsError('cert', 'OpenSSL refused the certificate, key or CA', { cause });
  }
  return options;
}
