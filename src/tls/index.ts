/** Public entry of src/tls: the one place TLS options are built, and client identity checks. */
export {
  DEFAULT_CIPHER_SUITES,
  IANA_TO_OPENSSL,
  buildCipherString,
  resolveCipherSuites,
} from './cipher-suites.ts';
export {
  CA_BUNDLE_ENV_VARS,
  buildClientTlsOptions,
  resolveCaSource,
  type CaSource,
  type ClientTlsInput,
} from './client-options.ts';
export {
  CLIENT_AUTH_OID,
  checkClientAuthEku,
  extractClientIdentity,
  type ClientAuthEkuOptions,
  type PeerCertificateFields,
} from './client-identity.ts';
export {
  TlsCaError,
  TlsCipherError,
  TlsEkuError,
  TlsFileError,
  TlsIdentityError,
  TlsOptionsError,
  TlsVersionError,
} from './errors.ts';
export { loadCaDir, loadCaFile, type PemInput } from './pem-sources.ts';
export {
  buildServerTlsOptions,
  type ServerTlsInput,
  type ServerTlsOptions,
} from './server-options.ts';
export {
  DEFAULT_MIN_TLS_VERSION,
  TLS_VERSIONS,
  checkMinTlsVersion,
  type TlsVersion,
} from './tls-version.ts';
