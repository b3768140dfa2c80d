/**
 * Key material in a byte Key Format Type → a Node `KeyObject` (for the client's
 * `getKeyObject`). Only the formats Node parses as they are; Transparent forms are the
 * caller's to ask the server to convert (KMIP Get with a Key Format Type).
 */
import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { CryptoUnsupportedFormatError, CryptoKeyFormatError } from './errors.ts';

export type { KeyObject } from 'node:crypto';

/** Which kind of key the material is. */
export type KeyObjectKind = 'secret' | 'public' | 'private';

/** KMIP Key Format Type name → Node's DER `type`, per kind (Raw keys are secret only). */
const DER_TYPES: Readonly<Record<KeyObjectKind, Readonly<Record<string, string>>>> = {
  secret: { Raw: 'raw', Opaque: 'raw' },
  // KMIP 1.4 §9.1.3.2.3: PKCS_1 is RSA only; ECPrivateKey is RFC 5915 (OpenSSL's "sec1").
  private: { PKCS_8: 'pkcs8', PKCS_1: 'pkcs1', ECPrivateKey: 'sec1' },
  public: { X_509: 'spki', PKCS_1: 'pkcs1' },
};

/** Whether {@link importKeyObject} takes `format` for `kind`. */
export function isKeyObjectFormat(kind: KeyObjectKind, format: string): boolean {
  return DER_TYPES[kind][format] !== undefined;
}

/**
 * Builds a `KeyObject` from key material bytes in the KMIP Key Format Type `format`
 * (`Raw`, `PKCS_8`, `X_509`, `PKCS_1`, `ECPrivateKey`).
 * @throws CryptoUnsupportedFormatError (KW_CRYPTO_UNSUPPORTED_FORMAT) for another format;
 *   CryptoKeyFormatError (KW_CRYPTO_KEY_FORMAT) when the bytes do not parse.
 */
export function importKeyObject(input: {
  readonly kind: KeyObjectKind;
  readonly format: string;
  readonly material: Uint8Array;
}): KeyObject {
  const type = DER_TYPES[input.kind][input.format];
  if (type === undefined) throw new CryptoUnsupportedFormatError(input.kind, input.format);
  const key = Buffer.from(input.material);
  try {
    if (type === 'raw') return createSecretKey(key);
    const der = { key, format: 'der', type } as const;
    return input.kind === 'private'
      ? createPrivateKey(der as Parameters<typeof createPrivateKey>[0])
      : createPublicKey(der as Parameters<typeof createPublicKey>[0]);
  } catch {
    // Node's parse error may quote the input: the fixed message says enough.
    throw new CryptoKeyFormatError(input.format);
  }
}
