import { KeywardenError } from '../../errors.ts';

/**
 * Bytes that are not the strict DER (X.690 §10) the shared reader accepts: a truncated element,
 * an indefinite or over-long length, a length past the data, a high tag number, a wrong tag.
 * Callers adapt it to their own typed error (PKCS#12, key formats); `detail` is a fixed phrase
 * that never quotes the content.
 */
export class CryptoDerFormatError extends KeywardenError {
  readonly code = 'KW_CRYPTO_DER_FORMAT';
  /** What was wrong, as a fixed phrase (`truncated element`, `trailing data` ...). */
  readonly detail: string;

  constructor(detail: string) {
    super(`malformed DER: ${detail}`);
    this.detail = detail;
  }
}
