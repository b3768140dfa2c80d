import { CryptoDecryptError } from '../crypto/index.ts';
import { StoreMasterKeyMismatchError, StoreMaterialError } from './errors.ts';
import type { MasterKey } from './master-key.ts';

const encoder = new TextEncoder();

// Domain-separating labels: a sealed value made for one purpose never opens as another.
const MATERIAL_LABEL = 'keywarden/store/material/v1\0';
const KEY_CHECK_LABEL = 'keywarden/store/key-check/v1';
const KEY_CHECK_PLAINTEXT = encoder.encode('keywarden master key check');

/** The AAD that binds sealed material to its object: a row copied onto another fails. */
function materialAad(objectId: string): Uint8Array {
  return encoder.encode(MATERIAL_LABEL + objectId);
}

/** Seals key material for storage in the row of `objectId`. */
export function sealMaterial(
  key: MasterKey,
  objectId: string,
  material: Uint8Array | null,
): Uint8Array | null {
  return material === null ? null : key.seal(material, materialAad(objectId));
}

/**
 * Opens material sealed by `sealMaterial` for the same object.
 * @throws StoreMaterialError (KW_STORE_MATERIAL) with the KW_CRYPTO_DECRYPT error as cause.
 */
export function openMaterial(
  key: MasterKey,
  objectId: string,
  sealed: Uint8Array | null,
): Uint8Array | null {
  if (sealed === null) return null;
  try {
    return key.open(sealed, materialAad(objectId));
  } catch (cause) {
    if (cause instanceof CryptoDecryptError) throw new StoreMaterialError(objectId, { cause });
    throw cause;
  }
}

/** A value stored once per database that only the right master key can open. */
export function makeKeyCheck(key: MasterKey): Uint8Array {
  return key.seal(KEY_CHECK_PLAINTEXT, encoder.encode(KEY_CHECK_LABEL));
}

/**
 * Confirms `key` is the key the database was created with.
 * @throws StoreMasterKeyMismatchError (KW_STORE_MASTER_KEY_MISMATCH) otherwise.
 */
export function verifyKeyCheck(key: MasterKey, check: Uint8Array): void {
  try {
    key.open(check, encoder.encode(KEY_CHECK_LABEL)).fill(0);
  } catch (cause) {
    if (cause instanceof CryptoDecryptError) throw new StoreMasterKeyMismatchError();
    throw cause;
  }
}
