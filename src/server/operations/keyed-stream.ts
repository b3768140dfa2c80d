/**
 * The shared first half of Encrypt, Decrypt, Sign, Signature Verify, MAC and MAC Verify: find
 * the key and check it for the use (key-use.ts; a key registered wrapped is unwrapped on the
 * fly), take the Cryptographic Parameters from the request or the key, and handle streaming
 * (stream-step.ts): a part of a stream is only buffered and answered with its Correlation
 * Value; the last part (or an unstreamed request) runs with the parameters of the request
 * that opened the stream.
 */
import type { CryptographicParameters } from '../../kmip/messages/common.ts';
import type { UniqueIdentifierValue } from '../../kmip/messages/codecs.ts';
import type { OperationContext } from './context.ts';
import { effectiveParameters, type NamedParameters } from './crypto-params.ts';
import { requireUnwrappedKeyForUse } from './key-unwrapping.ts';
import type { KeyUse, UsableKey } from './key-use.ts';
import { streamStep, type StreamFields } from './stream-step.ts';

/** A request of a keyed cryptographic operation. */
export interface KeyedRequest extends StreamFields {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly cryptographicParameters?: CryptographicParameters;
}

/** What to answer or run for one request. */
export type KeyedStep<T> =
  | {
      readonly kind: 'partial';
      /** The response to a buffered part: the object and the stream's Correlation Value. */
      readonly response: {
        readonly uniqueIdentifier: string;
        readonly correlationValue: Uint8Array;
      };
    }
  | {
      readonly kind: 'complete';
      readonly objectId: string;
      readonly key: UsableKey;
      readonly params: NamedParameters;
      readonly data: Uint8Array;
      /** The request that opened the stream (or this one), without its Data. */
      readonly init: T;
    };

/**
 * The key `id` checked for `use`.
 * @throws KmipResultError as getForOperation and requireUnwrappedKeyForUse do.
 */
export async function keyForUse(
  id: string,
  use: KeyUse,
  ctx: OperationContext,
): Promise<UsableKey> {
  const record = await ctx.objects.getForOperation(id, use.operation);
  return requireUnwrappedKeyForUse(record, use, ctx);
}

/**
 * Decides what `request` does: buffer a part of a stream, or run with a checked key.
 * @throws KmipResultError from the key checks, the parameters and the stream.
 */
export async function keyedStep<R extends KeyedRequest>(
  request: R,
  use: KeyUse,
  ctx: OperationContext,
): Promise<KeyedStep<Omit<R, 'data'>>> {
  let id: string | undefined;
  let checked: { readonly key: UsableKey; readonly params: NamedParameters } | undefined;
  if (request.correlationValue === undefined) {
    id = ctx.resolveId(request.uniqueIdentifier);
    // Check the key and its parameters before buffering anything of a stream.
    const key = await keyForUse(id, use, ctx);
    checked = { key, params: effectiveParameters(request.cryptographicParameters, key.record) };
  }
  const { data: _data, ...init } = request;
  const step = streamStep(request, ctx, { operation: use.operation, objectId: id, init });
  if (step.kind === 'partial') {
    return {
      kind: 'partial',
      response: { uniqueIdentifier: step.objectId ?? '', correlationValue: step.correlationValue },
    };
  }
  // An unstreamed request runs with the key and parameters just checked (issue #9: the key
  // was read, decrypted and checked twice); the last part of a stream reads its key again.
  if (checked !== undefined && id !== undefined && step.init === init && step.objectId === id) {
    return { kind: 'complete', objectId: id, ...checked, data: step.data, init };
  }
  const objectId = step.objectId ?? ctx.resolveId(request.uniqueIdentifier);
  const key = await keyForUse(objectId, use, ctx);
  const params = effectiveParameters(step.init.cryptographicParameters, key.record);
  return { kind: 'complete', objectId, key, params, data: step.data, init: step.init };
}
