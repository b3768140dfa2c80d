import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CipherGCM, DecipherGCM, KeyObject } from 'node:crypto';
import { CryptoDecryptError } from '../errors.ts';
import { secretKeyOf } from '../secret-key.ts';
import { assertAlgorithmAllowed, DEFAULT_CRYPTO_POLICY } from '../policy/policy.ts';
import type { CryptoPolicy } from '../policy/policy.ts';
import { joinOutput } from './cipher-output.ts';
import { resolveCipher } from './cipher-table.ts';
import type { CipherSpec } from './cipher-table.ts';
import {
  CryptoCipherUnavailableError,
  CryptoParameterError,
  CryptoUnsupportedCipherError,
} from './errors.ts';

/** Inputs of a symmetric encryption; names are KMIP enumeration names (`AES`, `GCM`, `PKCS5`). */
export interface SymmetricEncryptParams {
  readonly algorithm: string;
  /** KMIP Block Cipher Mode; CBC when omitted. Ignored for stream/AEAD-only algorithms. */
  readonly mode?: string;
  /** `PKCS5` (PKCS#7 block padding) or `None`; PKCS5 by default for ECB/CBC. */
  readonly padding?: string;
  readonly key: Uint8Array;
  /** IV, nonce or XTS tweak; generated when omitted and the mode needs one. */
  readonly iv?: Uint8Array;
  readonly data: Uint8Array;
  /** Additional authenticated data (AEAD modes only). */
  readonly aad?: Uint8Array;
  /** Tag length in bytes: GCM 4, 8, 12–16; ChaCha20-Poly1305 12–16; default 16. */
  readonly tagLength?: number;
  /** ChaCha20's first block counter (KMIP Initial Counter Value); 0 by default. */
  readonly initialCounter?: number;
  readonly policy?: CryptoPolicy;
}

/** Inputs of a symmetric decryption: as encryption, plus the tag for AEAD modes. */
export interface SymmetricDecryptParams extends SymmetricEncryptParams {
  readonly tag?: Uint8Array;
}

/** Result of encryptSymmetric. */
export interface SymmetricEncryptResult {
  readonly data: Uint8Array;
  /** The IV used (given or generated); absent for modes without one. */
  readonly iv?: Uint8Array;
  /** Authentication tag (AEAD modes). */
  readonly tag?: Uint8Array;
}

// NIST SP 800-38D §5.2.1.2: tag lengths 128, 120, 112, 104, 96 bits, and 64/32 for special uses.
const GCM_TAG_LENGTHS: ReadonlySet<number> = new Set([4, 8, 12, 13, 14, 15, 16]);
// RFC 8439 defines the 16-byte Poly1305 tag only; truncation to 96 bits and more is accepted
// (the OASIS case CS-BC-M-CHACHA20POLY1305-1 decrypts with a 12-byte tag), shorter is not.
const POLY1305_TAG_LENGTHS: ReadonlySet<number> = new Set([12, 13, 14, 15, 16]);

/** A checked set of inputs (shared with symmetric-stream.ts). */
export interface Prepared {
  readonly spec: CipherSpec;
  readonly pad: boolean;
  /** The IV as the caller sees it (given or generated). */
  readonly iv: Uint8Array | undefined;
  /** The IV handed to OpenSSL (ChaCha20: counter and nonce). */
  readonly cipherIv: Uint8Array | undefined;
}

/**
 * OpenSSL's 16-byte ChaCha20 IV is state words 12–15: the block counter, then the nonce. A
 * 12-byte nonce (RFC 8439 §2.3) leaves a 32-bit counter, the original 8-byte one (Bernstein's
 * ChaCha) a 64-bit counter; both little-endian, from `counter` (0 by default: RFC 8439 §2.4
 * leaves it open, and the keystream test vectors of RFC 8439 A.1 start at 0).
 */
function chaCha20Iv(nonce: Uint8Array, counter: number | undefined): Uint8Array {
  if (nonce.length !== 12 && nonce.length !== 8) {
    throw new CryptoParameterError('iv', `a ChaCha20 nonce is 12 or 8 bytes, got ${nonce.length}`);
  }
  const start = counter ?? 0;
  const counterBytes = 16 - nonce.length;
  if (!Number.isSafeInteger(start) || start < 0 || start >= 2 ** (counterBytes * 8)) {
    throw new CryptoParameterError('initialCounter', `${start} does not fit the block counter`);
  }
  const out = new Uint8Array(16);
  new DataView(out.buffer).setBigUint64(0, BigInt(start), true);
  out.set(nonce, counterBytes);
  return out;
}

/** Resolves and checks the inputs; `data` is checked only when given (not for streams). */
export function prepare(
  p: Omit<SymmetricEncryptParams, 'data'> & { readonly data?: Uint8Array },
  encrypting: boolean,
): Prepared {
  const spec = resolveCipher(p.algorithm, p.mode, p.key);
  // XTS keys are two AES keys: strength is that of one (SP 800-38E).
  const keyBits = spec.name.endsWith('-xts') ? p.key.length * 4 : p.key.length * 8;
  const use = encrypting ? 'encrypt' : 'decrypt';
  assertAlgorithmAllowed(p.algorithm, keyBits, use, p.policy ?? DEFAULT_CRYPTO_POLICY);
  const padding = p.padding ?? (spec.paddable ? 'PKCS5' : 'None');
  if (padding !== 'None' && !(padding === 'PKCS5' && spec.paddable)) {
    throw new CryptoUnsupportedCipherError(p.algorithm, p.mode, padding);
  }
  let iv = p.iv;
  if (spec.ivLength === 0) {
    if (iv !== undefined && iv.length > 0)
      throw new CryptoParameterError('iv', 'this mode takes no IV');
    iv = undefined;
  } else if (iv === undefined) {
    if (!encrypting) throw new CryptoParameterError('iv', 'required by this mode');
    iv = new Uint8Array(randomBytes(spec.ivLength));
  } else if (
    spec.isChaCha20 !== true && // 8 or 12 bytes, checked with the counter (chaCha20Iv)
    (spec.name.endsWith('-gcm') ? iv.length < 1 : iv.length !== spec.ivLength)
  ) {
    // GCM accepts any non-empty IV (SP 800-38D §5.2.1.1), 12 bytes recommended.
    throw new CryptoParameterError('iv', `must be ${spec.ivLength} bytes, got ${iv.length}`);
  }
  if (p.aad !== undefined && !spec.aead)
    throw new CryptoParameterError('aad', 'only AEAD modes take AAD');
  if (spec.name.endsWith('-xts') && p.data !== undefined && p.data.length < 16) {
    throw new CryptoParameterError('data', 'XTS needs at least one 16-byte block');
  }
  const cipherIv = spec.isChaCha20 === true && iv ? chaCha20Iv(iv, p.initialCounter) : iv;
  return { spec, pad: padding === 'PKCS5', iv, cipherIv };
}

/** The tag length for an AEAD spec, checked. */
export function tagLengthOf(spec: CipherSpec, tagLength: number | undefined): number {
  const length = tagLength ?? 16;
  const allowed = spec.name === 'chacha20-poly1305' ? POLY1305_TAG_LENGTHS : GCM_TAG_LENGTHS;
  const ok = allowed.has(length);
  if (!ok) throw new CryptoParameterError('tagLength', `${length} bytes is not allowed`);
  return length;
}

// One signature over Node's per-mode overloads: the name comes from our table at run time.
type Options = { authTagLength?: number } | undefined;
const createCipher = createCipheriv as (
  n: string,
  k: KeyObject,
  iv: Uint8Array | null,
  o: Options,
) => CipherGCM;
const createDecipher = createDecipheriv as (
  n: string,
  k: KeyObject,
  iv: Uint8Array | null,
  o: Options,
) => DecipherGCM;
/** createCipheriv with one signature (the key handed over as a KeyObject, see secret-key.ts). */
export function newCipher(n: string, k: Uint8Array, iv: Uint8Array | null, o: Options): CipherGCM {
  return createCipher(n, secretKeyOf(k), iv, o);
}
/** createDecipheriv with one signature (the key handed over as a KeyObject). */
export function newDecipher(
  n: string,
  k: Uint8Array,
  iv: Uint8Array | null,
  o: Options,
): DecipherGCM {
  return createDecipher(n, secretKeyOf(k), iv, o);
}

/** Runs `create`; a legacy cipher OpenSSL cannot make becomes CryptoCipherUnavailableError. */
export function open<T extends CipherGCM | DecipherGCM>(spec: CipherSpec, create: () => T): T {
  try {
    return create();
  } catch (error) {
    if (spec.legacy) throw new CryptoCipherUnavailableError(spec.name);
    throw error;
  }
}

/** Encrypt `data`; generates the IV when the mode needs one and none is given. */
export function encryptSymmetric(p: SymmetricEncryptParams): SymmetricEncryptResult {
  const { spec, pad, iv, cipherIv } = prepare(p, true);
  if (!pad && spec.blockSize > 1 && p.data.length % spec.blockSize !== 0) {
    throw new CryptoParameterError(
      'data',
      `length must be a multiple of ${spec.blockSize} without padding`,
    );
  }
  const tagLength = spec.aead ? tagLengthOf(spec, p.tagLength) : undefined;
  const cipher = open(spec, () =>
    newCipher(
      spec.name,
      p.key,
      cipherIv ?? null,
      tagLength ? { authTagLength: tagLength } : undefined,
    ),
  );
  cipher.setAutoPadding(pad);
  if (p.aad !== undefined) cipher.setAAD(p.aad);
  const data = joinOutput(cipher.update(p.data), cipher.final());
  const tag = spec.aead ? new Uint8Array(cipher.getAuthTag()) : undefined;
  return { data, ...(iv ? { iv } : {}), ...(tag ? { tag } : {}) };
}

/**
 * Decrypt `data`. Any failure after the parameters check out (tag mismatch, bad padding)
 * throws CryptoDecryptError with one fixed message: no padding or tag oracle.
 */
export function decryptSymmetric(p: SymmetricDecryptParams): Uint8Array {
  const { spec, pad, cipherIv } = prepare(p, false);
  if (spec.blockSize > 1 && p.data.length % spec.blockSize !== 0) {
    throw new CryptoParameterError('data', `length must be a multiple of ${spec.blockSize}`);
  }
  let tagLength: number | undefined;
  if (spec.aead) {
    if (p.tag === undefined) throw new CryptoParameterError('tag', 'required by this mode');
    tagLength = tagLengthOf(spec, p.tag.length);
  }
  const decipher = open(spec, () =>
    newDecipher(
      spec.name,
      p.key,
      cipherIv ?? null,
      tagLength ? { authTagLength: tagLength } : undefined,
    ),
  );
  decipher.setAutoPadding(pad);
  try {
    if (p.tag !== undefined && spec.aead) decipher.setAuthTag(p.tag);
    if (p.aad !== undefined) decipher.setAAD(p.aad);
    return joinOutput(decipher.update(p.data), decipher.final());
  } catch {
    throw new CryptoDecryptError();
  }
}
