import { KeywardenError } from '../../errors.ts';

/**
 * PKCS#12 (PFX, RFC 7292) bytes that are not a well-formed PFX this code can read: bad DER,
 * a wrong structure, a length or count past the limits. `part` names where it broke (a
 * fixed word such as `pfx`, `mac-data`, `safe-bag`), never the content.
 */
export class CryptoPkcs12FormatError extends KeywardenError {
  readonly code = 'KW_CRYPTO_PKCS12_FORMAT';
  /** The structure that did not parse (`pfx`, `auth-safe`, `safe-bag`, `pbes2-params` ...). */
  readonly part: string;

  constructor(part: string, detail: string) {
    super(`malformed PKCS#12 data (${part}): ${detail}`);
    this.part = part;
  }
}

/**
 * The PFX's integrity MAC did not verify, or an encrypted bag did not decrypt: a wrong
 * password or damaged data. One fixed message for every cause (no oracle; STYLE.md "Errors").
 */
export class CryptoPkcs12IntegrityError extends KeywardenError {
  readonly code = 'KW_CRYPTO_PKCS12_INTEGRITY';

  constructor() {
    super('PKCS#12 integrity check failed (wrong password or damaged data)');
  }
}

/**
 * A well-formed PFX that uses something this code does not implement: public-key integrity
 * mode, an unknown MAC, encryption scheme or PRF, a bag type it cannot hold.
 */
export class CryptoPkcs12UnsupportedError extends KeywardenError {
  readonly code = 'KW_CRYPTO_PKCS12_UNSUPPORTED';
  /** The object identifier (dotted) or feature refused. */
  readonly feature: string;

  constructor(feature: string, detail: string) {
    super(`unsupported PKCS#12 feature ${feature}: ${detail}`);
    this.feature = feature;
  }
}
