/**
 * Symmetric encryption and decryption by parts (KMIP 1.3+ streaming): each part's output
 * comes out as OpenSSL produces it (whole blocks; with PKCS5 padding a decryption holds back
 * its last block until the end), and the parts together equal the one-shot result.
 *
 * Not streamed: XTS (a data unit is enciphered in one call) and AEAD decryption (a plaintext
 * must not leave before its tag is checked); callers buffer those and use symmetric.ts.
 */
import { CryptoDecryptError } from '../errors.ts';
import type { SymmetricDecryptParams, SymmetricEncryptParams } from './symmetric.ts';
import { newCipher, newDecipher, open, prepare, tagLengthOf } from './symmetric.ts';
import { plainBytes } from './cipher-output.ts';
import { CryptoParameterError, CryptoUnsupportedCipherError } from './errors.ts';

/** A cipher fed part by part. */
export interface SymmetricStream {
  /** The IV in use (given or generated); absent for modes without one. */
  readonly iv: Uint8Array | undefined;
  /** Enciphers or deciphers one part; returns the output ready so far. */
  update(part: Uint8Array): Uint8Array;
  /**
   * Ends the stream: the last output and (AEAD encryption) the tag.
   * @throws CryptoParameterError (`data`) when the parts do not fill whole blocks without
   *   padding; CryptoDecryptError for a failed decryption (bad padding), one fixed message.
   */
  final(): { readonly data: Uint8Array; readonly tag?: Uint8Array };
}

/** Whether a cipher can be streamed in this direction (see the file header). */
export function isStreamableCipher(
  algorithm: string,
  mode: string | undefined,
  encrypting: boolean,
): boolean {
  if (mode === 'XTS' || mode === 'NISTKeyWrap' || mode === 'AESKeyWrapPadding') return false;
  const isAead = mode === 'GCM' || algorithm === 'ChaCha20Poly1305';
  return encrypting || !isAead;
}

type StreamParams = Omit<SymmetricDecryptParams, 'data' | 'tag'>;

/**
 * Opens an encryption (`encrypting`) or a non-AEAD decryption stream; generates the IV of an
 * encryption when the mode needs one and none is given.
 * @throws what encryptSymmetric/decryptSymmetric throw for the parameters;
 *   CryptoUnsupportedCipherError for a cipher that is not streamed.
 */
export function openSymmetricStream(
  p: Omit<SymmetricEncryptParams, 'data'> & StreamParams,
  encrypting: boolean,
): SymmetricStream {
  if (!isStreamableCipher(p.algorithm, p.mode, encrypting)) {
    throw new CryptoUnsupportedCipherError(p.algorithm, p.mode, p.padding);
  }
  const { spec, pad, iv, cipherIv } = prepare(p, encrypting);
  const tagLength = spec.aead ? tagLengthOf(spec, p.tagLength) : undefined;
  const options = tagLength ? { authTagLength: tagLength } : undefined;
  const cipher = open(spec, () =>
    encrypting
      ? newCipher(spec.name, p.key, cipherIv ?? null, options)
      : newDecipher(spec.name, p.key, cipherIv ?? null, options),
  );
  cipher.setAutoPadding(pad);
  if (p.aad !== undefined) cipher.setAAD(p.aad);
  let total = 0;
  return {
    iv,
    update(part) {
      total += part.length;
      return plainBytes(cipher.update(part));
    },
    final() {
      if ((!encrypting || !pad) && spec.blockSize > 1 && total % spec.blockSize !== 0) {
        throw new CryptoParameterError(
          'data',
          `length must be a multiple of ${spec.blockSize}${encrypting ? ' without padding' : ''}`,
        );
      }
      if (!encrypting) {
        try {
          return { data: new Uint8Array(cipher.final()) };
        } catch {
          throw new CryptoDecryptError();
        }
      }
      const last = new Uint8Array(cipher.final());
      const tag =
        spec.aead && 'getAuthTag' in cipher ? new Uint8Array(cipher.getAuthTag()) : undefined;
      return { data: last, ...(tag ? { tag } : {}) };
    },
  };
}
