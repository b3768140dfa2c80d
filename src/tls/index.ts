/** Public entry of src/tls: the one place TLS options are built, and client identity checks. */
export {
  DEFAULT_CIPHER_SUITES,
  IANA_TO_OPENSSL,
  buildCipherString,
  resolveCipherSuites,
} from './cipher-suites.ts';
export { DEFAULT_CA_CERT_PATHS, findSystemCaPath } from './ca-locations.ts';
export { listCipherSuites, type CipherSuiteInfo } from './cipher-info.ts';
export {
  CA_BUNDLE_ENV_VARS,
  buildClientTlsOptions,
  planClientTls,
  resolveCaSource,
  type CaSource,
  type ClientTlsInput,
  type ClientTlsPlan,
} from './client-options.ts';
export { connectTls, type ConnectTlsOptions } from './connect-tls.ts';
export { checkHostname, type HostnameCertificateFields } from './hostname.ts';
export {
  describeCertificate,
  peerCertificateChain,
  verifyServerCertificate,
  type VerifyCallback,
  type VerifyServerOptions,
} from './verify-server.ts';
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
  TlsConnectError,
  TlsEkuError,
  TlsFileError,
  TlsIdentityError,
  TlsOptionsError,
  TlsVerifyError,
  TlsVersionError,
  type TlsVerifyCheck,
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
