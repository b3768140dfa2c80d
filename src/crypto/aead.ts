import { createCipheriv, createDecipheriv, createHmac, createSecretKey } from 'node:crypto';
import type { CipherGCM, DecipherGCM, KeyObject } from 'node:crypto';
import { CryptoDecryptError, CryptoKeyLengthError } from './errors.ts';
import { fillPublicRandom } from './random.ts';

/** Size of an AES-256-GCM key in bytes. */
export const AEAD_KEY_LENGTH = 32;

// Sealed format, version 1:
//   version (1) | key id (8) | nonce (12) | tag (16) | ciphertext (n)
// The version and key id are fed to GCM as associated data ahead of the caller's AAD, so
// neither can be altered without the tag failing. The key id lets a later master-key
// rotation tell which key sealed a value without trial decryption.
const FORMAT_VERSION_1 = 0x01;
const KEY_ID_LENGTH = 8;
const NONCE_LENGTH = 12; // NIST SP 800-38D §8.2.2: random 96-bit IVs; ≤ 2^32 seals per key.
const TAG_LENGTH = 16;
const HEADER_LENGTH = 1 + KEY_ID_LENGTH + NONCE_LENGTH + TAG_LENGTH;
const KEY_ID_LABEL = 'keywarden/aead/key-id/v1';

/** Size in bytes that `seal` adds to a plaintext. */
export const AEAD_OVERHEAD = HEADER_LENGTH;

/** An AES-256-GCM key that seals and opens values in Keywarden's versioned format. */
export interface AeadKey {
  /** Public fingerprint of the key (16 hex digits), written into every sealed value. */
  readonly keyId: string;
  /** Encrypts and authenticates `plaintext`, binding it to `aad`; a fresh random nonce each call. */
  seal(plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /**
   * Checks and decrypts a value made by `seal` with the same key and `aad`.
   * @throws CryptoDecryptError (KW_CRYPTO_DECRYPT) for any failure, with one fixed message.
   */
  open(sealed: Uint8Array, aad: Uint8Array): Uint8Array;
}

/**
 * Makes an AES-256-GCM key from 32 secret bytes. The bytes are copied into a Node
 * KeyObject; the caller may (and should) zero its own copy afterwards.
 * @throws CryptoKeyLengthError (KW_CRYPTO_KEY_LENGTH) when `secret` is not 32 bytes.
 */
export function createAeadKey(secret: Uint8Array): AeadKey {
  if (secret.length !== AEAD_KEY_LENGTH) {
    throw new CryptoKeyLengthError(AEAD_KEY_LENGTH, secret.length);
  }
  const key = createSecretKey(secret);
  const keyIdBytes = createHmac('sha256', key)
    .update(KEY_ID_LABEL)
    .digest()
    .subarray(0, KEY_ID_LENGTH);
  const header = new Uint8Array(1 + KEY_ID_LENGTH);
  header[0] = FORMAT_VERSION_1;
  header.set(keyIdBytes, 1);
  return {
    keyId: Buffer.from(keyIdBytes).toString('hex'),
    seal: (plaintext, aad) => seal(key, header, plaintext, aad),
    open: (sealed, aad) => open(key, header, sealed, aad),
  };
}

function seal(
  key: KeyObject,
  header: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const nonce = new Uint8Array(NONCE_LENGTH);
  fillPublicRandom(nonce);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
  setAad(cipher, header, aad);
  const body = cipher.update(plaintext);
  const tail = cipher.final();
  const out = new Uint8Array(HEADER_LENGTH + body.length + tail.length);
  out.set(header, 0);
  out.set(nonce, header.length);
  out.set(cipher.getAuthTag(), header.length + NONCE_LENGTH);
  out.set(body, HEADER_LENGTH);
  out.set(tail, HEADER_LENGTH + body.length);
  return out;
}

function open(key: KeyObject, header: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  if (sealed.length < HEADER_LENGTH) throw new CryptoDecryptError();
  // Version and key id must equal ours; GCM would reject them anyway, checking first
  // just avoids running the cipher on a value that cannot be ours.
  for (let i = 0; i < header.length; i++) {
    if (sealed[i] !== header[i]) throw new CryptoDecryptError();
  }
  const nonce = sealed.subarray(header.length, header.length + NONCE_LENGTH);
  const tag = sealed.subarray(header.length + NONCE_LENGTH, HEADER_LENGTH);
  let body: Buffer | undefined;
  let isAuthentic = false;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
    setAad(decipher, header, aad);
    decipher.setAuthTag(tag);
    body = decipher.update(sealed.subarray(HEADER_LENGTH));
    const tail = decipher.final();
    isAuthentic = true;
    // GCM's final() is empty and update() returns a Buffer with an ArrayBuffer of its own:
    // hand that out rather than a copy (a copy per read, then wiping the original; issue #9).
    if (tail.length === 0 && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength) {
      return new Uint8Array(body.buffer, 0, body.byteLength);
    }
    const plaintext = new Uint8Array(body.length + tail.length);
    plaintext.set(body, 0);
    plaintext.set(tail, body.length);
    tail.fill(0);
    body.fill(0);
    return plaintext;
  } catch {
    throw new CryptoDecryptError();
  } finally {
    // GCM hands out plaintext before the tag is checked; never leave it lying around.
    if (!isAuthentic) body?.fill(0);
  }
}

/**
 * AAD = version | key id | caller AAD, fed in two calls: GCM authenticates the AAD as one
 * stream (SP 800-38D §7.1), so this equals one call with the concatenation, without
 * building it on every seal and open.
 */
function setAad(cipher: CipherGCM | DecipherGCM, header: Uint8Array, aad: Uint8Array): void {
  cipher.setAAD(header);
  cipher.setAAD(aad);
}
