/**
 * Encryption and decryption with a checked key, shared by Encrypt and Decrypt: symmetric
 * ciphers (src/crypto's cipher table), the two AES key wrap modes (RFC 3394 / RFC 5649) and
 * RSA (OAEP, PKCS#1 v1.5). Everything goes through `runCrypto`, so refusals become KMIP results.
 */
import { ResultReason } from '../../kmip/generated/registry.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import type { NamedParameters } from './crypto-params.ts';
import { noteAlgorithmUse, runCrypto } from './crypto-run.ts';
import { asymmetricKeyDer, symmetricKeyBytes, type DerKey } from './key-material.ts';
import type { UsableKey } from './key-use.ts';
import type { SymmetricStream } from '../../crypto/index.ts';

/** The request data of one encryption or decryption. */
export interface CipherInput {
  readonly data: Uint8Array;
  readonly iv?: Uint8Array;
  readonly aad?: Uint8Array;
  /** Decrypt only. */
  readonly tag?: Uint8Array;
}

/** What Encrypt returns. */
export interface CipherOutput {
  readonly data: Uint8Array;
  /** The IV the server generated (returned only then, KMIP 1.4 §4.29). */
  readonly generatedIv?: Uint8Array;
  readonly tag?: Uint8Array;
}

const KEY_WRAP_MODES = new Set(['NISTKeyWrap', 'AESKeyWrapPadding']);

/**
 * The Padding Method when the request and the key name none: no padding. KMIP defines no
 * default; the OASIS profile cases CS-BC-M-1/2/4/5 (KMIP 1.3–2.1) encrypt and decrypt one
 * 16-byte AES-ECB block into one block, which only holds without padding. (PyKMIP refuses
 * ECB/CBC without a Padding Method instead.)
 */
export function paddingOf(params: NamedParameters): string {
  return params.padding ?? 'None';
}

/** The algorithm to run: the parameters' must agree with the key's. */
function algorithmFor(key: UsableKey, params: NamedParameters): string {
  const algorithm = params.algorithm ?? key.algorithm;
  if (algorithm === undefined) {
    throw invalidField('the key has no Cryptographic Algorithm and the request names none');
  }
  if (key.algorithm !== undefined && algorithm !== key.algorithm) {
    throw new KmipResultError(
      ResultReason.BadCryptographicParameters,
      `Cryptographic Algorithm ${algorithm} does not match the key's (${key.algorithm})`,
    );
  }
  return algorithm;
}

function rsaKey(
  key: UsableKey,
  ctx: OperationContext,
): DerKey & { format: 'PKCS_1' | 'PKCS_8' | 'X_509' } {
  const der = asymmetricKeyDer(key, ctx);
  if (der.format === 'ECPrivateKey') {
    throw new KmipResultError(
      ResultReason.InvalidField,
      'an EC key cannot encrypt; use an RSA key',
    );
  }
  return der as DerKey & { format: 'PKCS_1' | 'PKCS_8' | 'X_509' };
}

function rsaParams(params: NamedParameters) {
  return {
    ...(params.padding === undefined ? {} : { padding: params.padding }),
    ...(params.hash === undefined ? {} : { hash: params.hash }),
    ...(params.maskGeneratorHash === undefined ? {} : { mgf1Hash: params.maskGeneratorHash }),
    ...(params.pSource === undefined ? {} : { label: params.pSource }),
  };
}

/**
 * The src/crypto inputs of a symmetric encryption (an IV generated as IV Length asks) or,
 * with `encrypting` false, decryption.
 */
function symmetricInputs(
  key: UsableKey,
  params: NamedParameters,
  algorithm: string,
  givenIv: Uint8Array | undefined,
  aad: Uint8Array | undefined,
  ctx: OperationContext,
  encrypting = true,
) {
  if (encrypting && params.randomIV === true && givenIv !== undefined) {
    throw invalidField(
      'Random IV is set: the server generates the IV, the request must not carry one',
    );
  }
  // KMIP 1.4 §3.6: IV Length (in bits) sizes the IV the server generates.
  let iv = givenIv;
  if (encrypting && iv === undefined && params.ivLength !== undefined) {
    if (params.ivLength <= 0 || params.ivLength % 8 !== 0) {
      throw invalidField('IV Length must be a positive multiple of 8 bits');
    }
    iv = ctx.crypto.randomBytes(params.ivLength / 8);
  }
  return {
    algorithm,
    key: symmetricKeyBytes(key),
    policy: ctx.cryptoPolicy,
    ...(params.mode === undefined ? {} : { mode: params.mode }),
    padding: paddingOf(params),
    ...(iv === undefined ? {} : { iv }),
    ...(aad === undefined ? {} : { aad }),
    ...(params.tagLength === undefined ? {} : { tagLength: params.tagLength }),
    ...(params.initialCounterValue === undefined
      ? {}
      : { initialCounter: params.initialCounterValue }),
  };
}

/** A live encryption or decryption stream and the IV the server generated for it. */
export interface CipherStream {
  readonly stream: SymmetricStream;
  readonly generatedIv?: Uint8Array;
}

/**
 * A cipher to feed part by part, for a streamed Encrypt (`encrypting`) or Decrypt with a
 * symmetric key; undefined when the key or mode is not streamed that way (RSA, key wrap,
 * XTS, AEAD decryption: those buffer their parts and run once, see crypto-streams.ts).
 * @throws KmipResultError (see crypto-run.ts) for parameters src/crypto refuses.
 */
export function openCipherStream(
  key: UsableKey,
  params: NamedParameters,
  input: { readonly iv?: Uint8Array; readonly aad?: Uint8Array },
  encrypting: boolean,
  ctx: OperationContext,
): CipherStream | undefined {
  if (key.objectType !== 'SymmetricKey') return undefined;
  const algorithm = algorithmFor(key, params);
  if (!ctx.crypto.isStreamableCipher(algorithm, params.mode, encrypting)) return undefined;
  const inputs = symmetricInputs(key, params, algorithm, input.iv, input.aad, ctx, encrypting);
  const missing = new Set(input.iv === undefined && !encrypting ? ['iv'] : []);
  const stream = runCrypto(ctx, () => ctx.crypto.openSymmetricStream(inputs, encrypting), {
    missing,
  });
  noteAlgorithmUse(ctx, {
    algorithm,
    objectId: key.record.id,
    operation: encrypting ? 'Encrypt' : 'Decrypt',
  });
  const isGenerated = encrypting && input.iv === undefined && stream.iv !== undefined;
  return { stream, ...(isGenerated ? { generatedIv: stream.iv } : {}) };
}

/** Encrypts `input.data` with `key`. @throws KmipResultError (see crypto-run.ts). */
export function encryptWithKey(
  key: UsableKey,
  params: NamedParameters,
  input: CipherInput,
  ctx: OperationContext,
): CipherOutput {
  const algorithm = algorithmFor(key, params);
  const policy = ctx.cryptoPolicy;
  let output: CipherOutput;
  if (key.objectType === 'PublicKey') {
    const der = rsaKey(key, ctx);
    const data = runCrypto(ctx, () =>
      ctx.crypto.encryptRsa({ key: der, data: input.data, policy, ...rsaParams(params) }),
    );
    output = { data };
  } else if (params.mode !== undefined && KEY_WRAP_MODES.has(params.mode)) {
    const mode = params.mode as 'NISTKeyWrap' | 'AESKeyWrapPadding';
    if (algorithm !== 'AES') throw invalidField(`${mode} needs an AES key`);
    const bytes = symmetricKeyBytes(key);
    output = { data: runCrypto(ctx, () => ctx.crypto.aesKeyWrap(mode, bytes, input.data, policy)) };
  } else {
    const inputs = symmetricInputs(key, params, algorithm, input.iv, input.aad, ctx);
    const result = runCrypto(ctx, () =>
      ctx.crypto.encryptSymmetric({ ...inputs, data: input.data }),
    );
    output = {
      data: result.data,
      ...(input.iv === undefined && result.iv !== undefined ? { generatedIv: result.iv } : {}),
      ...(result.tag === undefined ? {} : { tag: result.tag }),
    };
  }
  noteAlgorithmUse(ctx, { algorithm, objectId: key.record.id, operation: 'Encrypt' });
  return output;
}

/** Decrypts `input.data` with `key`. @throws KmipResultError (see crypto-run.ts). */
export function decryptWithKey(
  key: UsableKey,
  params: NamedParameters,
  input: CipherInput,
  ctx: OperationContext,
): Uint8Array {
  const algorithm = algorithmFor(key, params);
  const policy = ctx.cryptoPolicy;
  let data: Uint8Array;
  if (key.objectType === 'PrivateKey') {
    const der = rsaKey(key, ctx);
    data = runCrypto(ctx, () =>
      ctx.crypto.decryptRsa({ key: der, data: input.data, policy, ...rsaParams(params) }),
    );
  } else if (params.mode !== undefined && KEY_WRAP_MODES.has(params.mode)) {
    const mode = params.mode as 'NISTKeyWrap' | 'AESKeyWrapPadding';
    if (algorithm !== 'AES') throw invalidField(`${mode} needs an AES key`);
    const bytes = symmetricKeyBytes(key);
    data = runCrypto(ctx, () => ctx.crypto.aesKeyUnwrap(mode, bytes, input.data, policy));
  } else {
    const bytes = symmetricKeyBytes(key);
    const missing = new Set([
      ...(input.iv === undefined ? ['iv'] : []),
      ...(input.tag === undefined ? ['tag'] : []),
    ]);
    data = runCrypto(
      ctx,
      () =>
        ctx.crypto.decryptSymmetric({
          algorithm,
          key: bytes,
          data: input.data,
          policy,
          ...(params.mode === undefined ? {} : { mode: params.mode }),
          padding: paddingOf(params),
          ...(input.iv === undefined ? {} : { iv: input.iv }),
          ...(input.aad === undefined ? {} : { aad: input.aad }),
          ...(input.tag === undefined ? {} : { tag: input.tag }),
          ...(params.initialCounterValue === undefined
            ? {}
            : { initialCounter: params.initialCounterValue }),
        }),
      { missing },
    );
  }
  noteAlgorithmUse(ctx, { algorithm, objectId: key.record.id, operation: 'Decrypt' });
  return data;
}
