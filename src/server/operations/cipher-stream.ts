/**
 * Streamed symmetric Encrypt and Decrypt (KMIP 1.3+, 1.4 §4.29/§4.30, 2.1 §6.1.20/§6.1.12):
 * the stream keeps a live cipher, and every request is answered with the output of its part
 * as the cipher produces it (the OASIS cases TC-STREAM-ENC-1, TC-STREAM-ENCDEC-1 and
 * CS-BC-M-GCM-3 expect the ciphertext of each part in its response). The parts' outputs
 * together equal the one-shot result. The key is checked again with every part.
 *
 * Left to the buffered streams (keyed-stream.ts): RSA, the key wrap modes, XTS, AEAD
 * decryption (no plaintext before its tag is checked) and keys with Usage Limits (a request
 * the pipeline runs again after a lost commit must not feed the cipher twice; a buffered
 * stream counts once, at its end).
 */
import { compareVersions } from '../../kmip/registry.ts';
import type { CryptographicParameters } from '../../kmip/messages/common.ts';
import type { UniqueIdentifierValue } from '../../kmip/messages/codecs.ts';
import { attributeValue } from '../objects/index.ts';
import { openCipherStream, type CipherStream } from './cipher-run.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters } from './crypto-params.ts';
import { runCrypto } from './crypto-run.ts';
import type { KeyUse, UsableKey } from './key-use.ts';
import { keyForUse } from './keyed-stream.ts';

/** The fields of a streamed Encrypt or Decrypt request this module reads. */
export interface CipherStreamRequest {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
  readonly data?: Uint8Array;
  readonly ivCounterNonce?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly initIndicator?: boolean;
  readonly finalIndicator?: boolean;
  readonly authenticatedEncryptionAdditionalData?: Uint8Array;
}

/** The response to one part. */
export interface CipherStreamResponse {
  readonly uniqueIdentifier: string;
  readonly data?: Uint8Array;
  readonly correlationValue?: Uint8Array;
  readonly ivCounterNonce?: Uint8Array;
  readonly authenticatedEncryptionTag?: Uint8Array;
}

// What a live stream keeps in the stream registry.
class LiveCipher {
  readonly cipher: CipherStream;
  constructor(cipher: CipherStream) {
    this.cipher = cipher;
  }
}

function isStreamed(request: CipherStreamRequest): boolean {
  return (
    request.correlationValue !== undefined ||
    (request.initIndicator === true && request.finalIndicator !== true)
  );
}

function hasUsageLimits(key: UsableKey): boolean {
  return attributeValue(key.record, 'UsageLimits') !== undefined;
}

// A part that completes no block has no output, and its response no Data (the OASIS case
// TC-STREAM-ENC-1 shows it for an intermediate and for the final part).
function dataOf(output: Uint8Array): { readonly data?: Uint8Array } {
  return output.length === 0 ? {} : { data: output };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Runs `request` on a live cipher stream when it opens or continues one; undefined when the
 * request is not streamed or its stream is a buffered one (the caller then runs keyedStep).
 * @throws KmipResultError from the key checks and the cipher; the stream is dropped then.
 */
export async function liveCipherStep(
  request: CipherStreamRequest,
  use: KeyUse,
  ctx: OperationContext,
): Promise<CipherStreamResponse | undefined> {
  if (!isStreamed(request) || compareVersions(ctx.version, '1.3') < 0) return undefined;
  const encrypting = use.operation === 'Encrypt';
  const part = request.data ?? new Uint8Array();
  const correlation = request.correlationValue;
  if (correlation === undefined) {
    const id = ctx.resolveId(request.uniqueIdentifier);
    const key = await keyForUse(id, use, ctx);
    if (hasUsageLimits(key)) return undefined;
    const params = effectiveParameters(request.cryptographicParameters, key.record);
    const input = {
      ...(request.ivCounterNonce === undefined ? {} : { iv: request.ivCounterNonce }),
      ...(request.authenticatedEncryptionAdditionalData === undefined
        ? {}
        : { aad: request.authenticatedEncryptionAdditionalData }),
    };
    const cipher = openCipherStream(key, params, input, encrypting, ctx);
    if (cipher === undefined) return undefined;
    const data = runCrypto(ctx, () => cipher.stream.update(part));
    const correlationValue = ctx.streams.open({
      operation: use.operation,
      objectId: id,
      init: new LiveCipher(cipher),
      data: new Uint8Array(),
    });
    return {
      uniqueIdentifier: id,
      ...dataOf(data),
      correlationValue,
      // Known from the start, so returned with the first part.
      ...(cipher.generatedIv === undefined ? {} : { ivCounterNonce: cipher.generatedIv }),
    };
  }
  const entry = ctx.streams.peek(correlation, use.operation);
  if (!(entry?.init instanceof LiveCipher) || entry.objectId === undefined) return undefined;
  const { stream } = entry.init.cipher;
  const objectId = entry.objectId;
  try {
    await keyForUse(objectId, use, ctx);
    if (request.finalIndicator !== true) {
      const data = runCrypto(ctx, () => stream.update(part));
      return { uniqueIdentifier: objectId, ...dataOf(data), correlationValue: correlation };
    }
    ctx.streams.close(correlation);
    const head = runCrypto(ctx, () => stream.update(part));
    const last = runCrypto(ctx, () => stream.final());
    return {
      uniqueIdentifier: objectId,
      ...dataOf(concat(head, last.data)),
      ...(last.tag === undefined ? {} : { authenticatedEncryptionTag: last.tag }),
    };
  } catch (error) {
    ctx.streams.close(correlation);
    throw error;
  }
}
