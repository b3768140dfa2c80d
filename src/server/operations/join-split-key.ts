/**
 * Join Split Key (KMIP 1.2+; 1.4 §4.40, 2.1 §6.1.29): rebuilds a Symmetric Key or Secret Data
 * from Split Key objects the caller owns — at least the threshold, all of one split (same
 * method, parts, threshold, Prime Field Size, algorithm and length). The new object gets the
 * parts' Cryptographic Algorithm and Length (else the request's: parts may be registered
 * without them) and the request's attributes; Secret Data gets the request's Secret Data Type
 * (Seed by default). Sets the ID Placeholder.
 * Reasons: Item Not Found, Permission Denied, Invalid Object Type (a part that is not a Split
 * Key, or a result type other than Symmetric Key / Secret Data), Cryptographic Failure (fewer
 * distinct parts than the threshold), Invalid Field (parts of different splits, duplicates),
 * Feature Not Supported (an unknown Split Key Method).
 */
import {
  KeyFormatType,
  ObjectType,
  ResultReason,
  SecretDataType,
} from '../../kmip/generated/registry.ts';
import type { ManagedObject, SplitKey } from '../../kmip/messages/objects.ts';
import type {
  JoinSplitKeyRequest,
  JoinSplitKeyResponse,
} from '../../kmip/messages/payloads/split-key.ts';
import { objectDestroyed } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { clientAttributesOf, numberAttribute } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { splitKeyGuarded, splitKeyMethodName } from './split-key-method.ts';

async function partOf(ctx: OperationContext, id: string): Promise<SplitKey> {
  const record = await ctx.objects.getForOperation(id, 'JoinSplitKey');
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  if (record.object.kind !== 'SplitKey') {
    throw new KmipResultError(ResultReason.InvalidObjectType, `object ${id} is not a Split Key`);
  }
  return record.object;
}

const signature = (part: SplitKey) =>
  [
    part.splitKeyMethod,
    part.splitKeyParts,
    part.splitKeyThreshold,
    String(part.primeFieldSize),
    part.keyBlock.cryptographicAlgorithm,
    part.keyBlock.cryptographicLength,
  ].join('/');

function shareOf(part: SplitKey) {
  const value = part.keyBlock.keyValue;
  if (
    value === undefined ||
    value instanceof Uint8Array ||
    !(value.keyMaterial instanceof Uint8Array)
  ) {
    throw invalidField('a Split Key stored wrapped cannot be joined');
  }
  return { x: part.keyPartIdentifier, value: value.keyMaterial };
}

/** Join Split Key. */
export async function joinSplitKey(
  request: JoinSplitKeyRequest,
  ctx: OperationContext,
): Promise<JoinSplitKeyResponse> {
  if (
    request.objectType !== ObjectType.SymmetricKey &&
    request.objectType !== ObjectType.SecretData
  ) {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      'Join Split Key rebuilds Symmetric Keys and Secret Data',
    );
  }
  const parts: SplitKey[] = [];
  for (const id of request.uniqueIdentifiers) parts.push(await partOf(ctx, ctx.resolveId(id)));
  const [first] = parts;
  if (first === undefined) throw invalidField('Join Split Key needs the parts');
  if (parts.some((p) => signature(p) !== signature(first)))
    throw invalidField('the parts belong to different splits');
  const method = splitKeyMethodName(first.splitKeyMethod);
  // Too few parts is Cryptographic Failure, as the OASIS TC-SJ-1/3 cases expect: the parts are
  // valid, the secret just cannot be computed from them.
  if (new Set(parts.map((p) => p.keyPartIdentifier)).size < first.splitKeyThreshold) {
    throw new KmipResultError(
      ResultReason.CryptographicFailure,
      `the split needs ${first.splitKeyThreshold} distinct parts`,
    );
  }
  const attributes = await clientAttributesOf(request.attributes, ctx);
  // Parts registered without algorithm or length (KMIP leaves them optional) take the request's.
  const asked = (name: string) => {
    const value = numberAttribute(attributes, name);
    return typeof value === 'number' ? value : undefined;
  };
  const lengthBits =
    first.keyBlock.cryptographicLength ??
    asked('CryptographicLength') ??
    shareOf(first).value.length * 8;
  const bytes = splitKeyGuarded(ctx, () =>
    ctx.crypto.joinSecret(
      parts.map(shareOf),
      {
        method,
        parts: first.splitKeyParts,
        threshold: first.splitKeyThreshold,
        ...(first.primeFieldSize === undefined ? {} : { prime: first.primeFieldSize }),
      },
      Math.ceil(lengthBits / 8),
    ),
  );
  const algorithm = first.keyBlock.cryptographicAlgorithm ?? asked('CryptographicAlgorithm');
  const object: ManagedObject =
    request.objectType === ObjectType.SymmetricKey
      ? {
          kind: 'SymmetricKey',
          keyBlock: {
            keyFormatType: KeyFormatType.Raw,
            keyValue: { keyMaterial: bytes },
            ...(algorithm === undefined ? {} : { cryptographicAlgorithm: algorithm }),
            cryptographicLength: lengthBits,
          },
        }
      : {
          kind: 'SecretData',
          secretDataType: request.secretDataType ?? SecretDataType.Seed,
          keyBlock: { keyFormatType: KeyFormatType.Opaque, keyValue: { keyMaterial: bytes } },
        };
  const kept =
    object.kind === 'SymmetricKey'
      ? attributes.filter(
          (a) => a.name !== 'CryptographicAlgorithm' && a.name !== 'CryptographicLength',
        )
      : attributes;
  const facts =
    object.kind === 'SymmetricKey'
      ? [
          ...(algorithm === undefined
            ? []
            : [{ name: 'CryptographicAlgorithm', value: algorithm }]),
          { name: 'CryptographicLength', value: lengthBits },
        ]
      : [];
  const [record] = await ctx.objects.create([
    { object, attributes: kept, serverAttributes: facts },
  ]);
  if (record === undefined) throw new Error('join split key stored no object');
  ctx.idPlaceholder.set(record.id);
  ctx.logger.info({ objectId: record.id, method }, 'joined split key');
  return { uniqueIdentifier: record.id };
}
