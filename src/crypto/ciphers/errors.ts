import { KeywardenError } from '../../errors.ts';

/** The algorithm/mode/padding combination is not one this layer implements. */
export class CryptoUnsupportedCipherError extends KeywardenError {
  readonly code = 'KW_CRYPTO_UNSUPPORTED_CIPHER';
  /** KMIP Cryptographic Algorithm name as given. */
  readonly algorithm: string;
  /** KMIP Block Cipher Mode name as given (if any). */
  readonly mode: string | undefined;
  /** KMIP Padding Method name as given (if any). */
  readonly padding: string | undefined;

  constructor(algorithm: string, mode?: string, padding?: string) {
    super(`unsupported cipher: ${algorithm}/${mode ?? '-'}/${padding ?? '-'}`);
    this.algorithm = algorithm;
    this.mode = mode;
    this.padding = padding;
  }
}

/**
 * A legacy cipher (Blowfish, CAST5, IDEA, RC4, SEED) needs OpenSSL's legacy provider, which
 * this Node process has not loaded (Node 24 / OpenSSL 3 default). Enable it with
 * `--openssl-legacy-provider` (and the policy switch `crypto.allowLegacy`).
 */
export class CryptoCipherUnavailableError extends KeywardenError {
  readonly code = 'KW_CRYPTO_CIPHER_UNAVAILABLE';
  /** The OpenSSL cipher name that could not be created. */
  readonly cipher: string;
  /** What turns it on. */
  readonly switchName = '--openssl-legacy-provider';

  constructor(cipher: string) {
    super(`cipher ${cipher} needs the OpenSSL legacy provider (node --openssl-legacy-provider)`);
    this.cipher = cipher;
  }
}

/** A parameter other than the key is malformed: IV/nonce length, tag length, data length. */
export class CryptoParameterError extends KeywardenError {
  readonly code = 'KW_CRYPTO_PARAMETER';
  /** Which parameter: `iv`, `tagLength`, `tag`, `data`, `saltLength`, `length` ... */
  readonly parameter: string;

  constructor(parameter: string, detail: string, options?: { cause?: unknown }) {
    super(`invalid ${parameter}: ${detail}`, options);
    this.parameter = parameter;
  }
}

/**
 * The policy allows legacy algorithms but this process has not loaded OpenSSL's legacy
 * provider (Node 24 / OpenSSL 3 serve Blowfish, CAST5, IDEA, RC4 and SEED only with it).
 */
export class CryptoLegacyProviderError extends KeywardenError {
  readonly code = 'KW_CRYPTO_LEGACY_PROVIDER';
  /** What turns it on. */
  readonly switchName = '--openssl-legacy-provider';

  constructor() {
    super(
      "crypto.allowLegacy is set but OpenSSL's legacy provider is not loaded: run node with --openssl-legacy-provider (or NODE_OPTIONS=--openssl-legacy-provider); `keywarden serve` does this itself",
    );
  }
}
