import { KeywardenError } from '../../errors.ts';

/**
 * The algorithm named is not one this code supports for the asked job (generation,
 * registration, description, digest). The server maps it to KMIP Invalid Field or
 * Cryptographic Failure as the operation requires.
 */
export class CryptoUnsupportedAlgorithmError extends KeywardenError {
  readonly code = 'KW_CRYPTO_UNSUPPORTED_ALGORITHM';
  /** The algorithm (or curve) name as given or as found in the key. */
  readonly algorithm: string;

  constructor(algorithm: string) {
    super(`unsupported algorithm: ${algorithm}`);
    this.algorithm = algorithm;
  }
}

/** A key length, in bits, that the algorithm does not allow (or that we refuse as weak). */
export class CryptoInvalidLengthError extends KeywardenError {
  readonly code = 'KW_CRYPTO_INVALID_LENGTH';
  /** The algorithm the length was asked for. */
  readonly algorithm: string;
  /** The refused length in bits. */
  readonly length: number;

  constructor(algorithm: string, length: number, detail?: string) {
    super(`invalid key length ${length} bits for ${algorithm}${detail ? `: ${detail}` : ''}`);
    this.algorithm = algorithm;
    this.length = length;
  }
}

/**
 * Key material could not be parsed in the format it was said to be in, or its parts do
 * not belong together. One fixed message per format: never any of the material itself.
 */
export class CryptoKeyFormatError extends KeywardenError {
  readonly code = 'KW_CRYPTO_KEY_FORMAT';
  /** The KMIP Key Format Type name the material was parsed as (e.g. `PKCS_8`). */
  readonly format: string;

  constructor(format: string) {
    super(`key material is not a valid ${format} encoding`);
    this.format = format;
  }
}

/**
 * The key is valid but cannot be expressed in the asked format (e.g. an EC key as
 * `PKCS_1`); the server maps it to KMIP Key Format Type Not Supported.
 */
export class CryptoUnsupportedFormatError extends KeywardenError {
  readonly code = 'KW_CRYPTO_UNSUPPORTED_FORMAT';
  /** The key's algorithm. */
  readonly algorithm: string;
  /** The asked KMIP Key Format Type name. */
  readonly format: string;

  constructor(algorithm: string, format: string) {
    super(`cannot express a key of type ${algorithm} as ${format}`);
    this.algorithm = algorithm;
    this.format = format;
  }
}

/** Bytes given as an X.509 certificate are not a DER certificate. Fixed message. */
export class CryptoCertificateFormatError extends KeywardenError {
  readonly code = 'KW_CRYPTO_CERTIFICATE_FORMAT';

  constructor() {
    super('certificate is not a valid DER X.509 certificate');
  }
}
