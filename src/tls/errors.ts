/**
 * Error classes of src/tls. Callers branch on `code`, never on the message text.
 * Messages name files, options, cipher suites and versions only: never key material.
 */
import { KeywardenError } from '../errors.ts';

/** A configured cipher suite name cannot be used. */
export class TlsCipherError extends KeywardenError {
  readonly code = 'KW_TLS_CIPHER';
  /** The name as configured. */
  readonly cipher: string;
  /**
   * `unknown`: neither an IANA nor an OpenSSL name we know; `unsupported`: known, but the
   * OpenSSL in this Node cannot do it (static DH, DSS, PSK without OpenSSL support);
   * `weak`: NULL, export, anonymous, RC4, DES/3DES or MD5 suites, refused outright.
   */
  readonly reason: 'unknown' | 'unsupported' | 'weak';

  constructor(cipher: string, reason: TlsCipherError['reason']) {
    const why = {
      unknown: 'is not a known IANA or OpenSSL cipher suite name',
      unsupported: 'is not supported by the OpenSSL in this Node.js',
      weak: 'is a weak cipher suite and is refused',
    }[reason];
    super(`cipher suite ${JSON.stringify(cipher)} ${why}`);
    this.cipher = cipher;
    this.reason = reason;
  }
}

/** A TLS protocol version below TLS 1.2, or not a version name at all. */
export class TlsVersionError extends KeywardenError {
  readonly code = 'KW_TLS_VERSION';
  readonly version: string;

  constructor(version: string) {
    super(`TLS version ${JSON.stringify(version)} refused: use 'TLSv1.2' or 'TLSv1.3'`);
    this.version = version;
  }
}

/** The client identity cannot be taken from the peer certificate (PyKMIP: exactly one CN). */
export class TlsIdentityError extends KeywardenError {
  readonly code = 'KW_TLS_IDENTITY';
  readonly reason:
    'no-certificate' | 'no-common-name' | 'multiple-common-names' | 'empty-common-name';

  constructor(reason: TlsIdentityError['reason']) {
    const why = {
      'no-certificate': 'the peer presented no certificate',
      'no-common-name': 'the certificate subject has no common name',
      'multiple-common-names': 'the certificate subject has several common names',
      'empty-common-name': 'the certificate subject common name is empty',
    }[reason];
    super(`client identity unavailable: ${why}`);
    this.reason = reason;
  }
}

/** The client certificate is not marked for client authentication (RFC 5280 §4.2.1.12). */
export class TlsEkuError extends KeywardenError {
  readonly code = 'KW_TLS_EKU';
  /** `missing`: no extended key usage extension; `no-client-auth`: the extension lacks clientAuth. */
  readonly reason: 'missing' | 'no-client-auth';

  constructor(reason: TlsEkuError['reason']) {
    super(
      reason === 'missing'
        ? 'the client certificate has no extended key usage extension'
        : 'the client certificate extended key usage does not include clientAuth',
    );
    this.reason = reason;
  }
}

/** A certificate, key or CA file cannot be read. */
export class TlsFileError extends KeywardenError {
  readonly code = 'KW_TLS_FILE';
  readonly path: string;

  constructor(path: string, options?: { cause?: unknown }) {
    super(`cannot read ${path}`, options);
    this.path = path;
  }
}

/** A CA source (bundle file, directory or PEM text) holds no certificate. */
export class TlsCaError extends KeywardenError {
  readonly code = 'KW_TLS_CA';
  /** The file or directory, or `'ca'` for PEM text passed in directly. */
  readonly source: string;

  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.source = source;
  }
}

/** TLS options that do not fit together, or credentials OpenSSL refuses (e.g. a key that does not match its certificate). */
export class TlsOptionsError extends KeywardenError {
  readonly code = 'KW_TLS_OPTIONS';
  /** The option at fault, e.g. `cert`, `ca` or `verify`. */
  readonly option: string;

  constructor(option: string, problem: string, options?: { cause?: unknown }) {
    super(`${option}: ${problem}`, options);
    this.option = option;
  }
}

/** Which server certificate check failed (in the order they run). */
export type TlsVerifyCheck = 'chain' | 'validity' | 'hostname' | 'callback';

/**
 * The server certificate failed a check (pywbem's AuthError cases): it does not chain to a
 * trusted CA, is outside its validity period, does not name the host, or the caller's
 * verify callback refused it. Names the check and the certificate (subject and SHA-256
 * fingerprint), never anything secret.
 */
export class TlsVerifyError extends KeywardenError {
  readonly code = 'KW_TLS_VERIFY';
  readonly check: TlsVerifyCheck;
  /** Subject of the certificate at fault, e.g. `CN=localhost`. */
  readonly subject: string;
  /** SHA-256 fingerprint of that certificate (colon-separated hex), when known. */
  readonly fingerprint: string;
  /** OpenSSL's verify code for chain and validity failures (e.g. `CERT_HAS_EXPIRED`). */
  readonly opensslCode?: string;

  constructor(
    check: TlsVerifyCheck,
    certificate: { readonly subject: string; readonly fingerprint: string },
    problem: string,
    options?: { cause?: unknown; opensslCode?: string },
  ) {
    super(
      `server certificate ${check} check failed for ${certificate.subject}: ${problem}`,
      options,
    );
    this.check = check;
    this.subject = certificate.subject;
    this.fingerprint = certificate.fingerprint;
    if (options?.opensslCode !== undefined) this.opensslCode = options.opensslCode;
  }
}

/**
 * A TLS connection could not be set up: the TCP connect failed (`phase: 'connect'`) or the
 * handshake did (`'handshake'`: no common protocol version or cipher suite, the server
 * refused our certificate, the peer closed).
 */
export class TlsConnectError extends KeywardenError {
  readonly code = 'KW_TLS_CONNECT';
  readonly phase: 'connect' | 'handshake';
  readonly host: string;
  readonly port: number;

  constructor(
    phase: TlsConnectError['phase'],
    address: { readonly host: string; readonly port: number },
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${address.host}:${address.port}: TLS ${phase} failed: ${problem}`, options);
    this.phase = phase;
    this.host = address.host;
    this.port = address.port;
  }
}
