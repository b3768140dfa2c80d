/**
 * A Get result as a Node `KeyObject` (issue #8: "keys as KeyObject where useful"). Node parses
 * byte formats only, so a key stored in another form (Transparent, PKCS#1 of an RSA key is
 * fine) is asked for again in the format below: the server converts (KMIP 1.4 §4.11).
 */
import {
  importKeyObject,
  isKeyObjectFormat,
  type KeyObject,
  type KeyObjectKind,
} from '../../crypto/index.ts';
import { enumValueEntry, KeyFormatType } from '../../kmip/index.ts';
import { ClientUsageError } from '../errors.ts';
import type { GetResult } from './objects.ts';

/** The KeyObject kind of a managed object kind; absent for objects that are not keys. */
const KIND_OF: Readonly<Record<string, KeyObjectKind>> = {
  SymmetricKey: 'secret',
  SecretData: 'secret',
  PrivateKey: 'private',
  PublicKey: 'public',
};

/** What to ask the server for when the stored format is not one Node parses. */
export const KEY_OBJECT_FORMATS: Readonly<Record<KeyObjectKind, number>> = {
  secret: KeyFormatType.Raw,
  private: KeyFormatType.PKCS_8,
  public: KeyFormatType.X_509,
};

/** How a Get result becomes a KeyObject: ready to import, or to be fetched again in `format`. */
export type KeyObjectPlan =
  | { readonly ready: true; readonly kind: KeyObjectKind }
  | { readonly ready: false; readonly kind: KeyObjectKind; readonly format: number };

function formatName(got: GetResult): string | undefined {
  if (!('keyBlock' in got.object)) return undefined;
  return enumValueEntry('KeyFormatType', got.object.keyBlock.keyFormatType)?.name;
}

/**
 * Whether `got` can be imported as it is.
 * @throws ClientUsageError (KW_CLIENT_USAGE) for an object that is not a key.
 */
export function planKeyObject(got: GetResult): KeyObjectPlan {
  const kind = KIND_OF[got.object.kind];
  if (kind === undefined) {
    throw new ClientUsageError(`${got.object.kind} ${got.uniqueIdentifier} is not a key`);
  }
  const format = formatName(got);
  if (format !== undefined && got.keyMaterial !== undefined && isKeyObjectFormat(kind, format)) {
    return { ready: true, kind };
  }
  return { ready: false, kind, format: KEY_OBJECT_FORMATS[kind] };
}

/**
 * Imports the key material of `got` as a KeyObject of `kind`.
 * @throws ClientUsageError (KW_CLIENT_USAGE) when the key material is wrapped or absent;
 *   KW_CRYPTO_KEY_FORMAT when it does not parse.
 */
export function toKeyObject(got: GetResult, kind: KeyObjectKind): KeyObject {
  const format = formatName(got);
  if (format === undefined || got.keyMaterial === undefined || !isKeyObjectFormat(kind, format)) {
    throw new ClientUsageError(
      `${got.uniqueIdentifier}: no key material Node can import (wrapped, or format ${format ?? 'none'})`,
    );
  }
  return importKeyObject({ kind, format, material: got.keyMaterial });
}
