/**
 * Create Split Key (KMIP 1.2+; 1.4 §4.39, 2.1 §6.1.11): Object Type Split Key (or the type of
 * the key split); splits a Symmetric Key or Secret Data the caller owns (or, without a Unique
 * Identifier, a new symmetric key made from the attributes, as Create would) into Split Key
 * objects, any Split Key Threshold of which rebuild it (Join Split Key). Each part carries the
 * original's Cryptographic Algorithm and Length, its Key Part Identifier (1 ... parts), the
 * method, threshold and Prime Field Size, and the request's attributes. Reasons: Item Not
 * Found, Permission Denied, Invalid Field (object type not matching, inconsistent
 * parts/threshold, a prime field without Prime Field Size or not above the key), Feature Not
 * Supported (an unknown Split Key Method), Invalid Object Type.
 */
import { KeyFormatType, ObjectType, ResultReason } from '../../kmip/generated/registry.ts';
import type { Attribute } from '../../kmip/messages/attributes.ts';
import type { ManagedObject, SplitKey } from '../../kmip/messages/objects.ts';
import type {
  CreateSplitKeyRequest,
  CreateSplitKeyResponse,
} from '../../kmip/messages/payloads/split-key.ts';
import { enumValueEntry } from '../../kmip/registry.ts';
import { attributeValue, objectDestroyed } from '../objects/index.ts';
import { invalidField, KmipResultError } from '../pipeline/result-error.ts';
import { clientAttributesOf, numberAttribute } from './attribute-input.ts';
import type { OperationContext } from './context.ts';
import { convertKeyFormat } from './key-format-conversion.ts';
import { splitKeyGuarded, splitKeyMethodName } from './split-key-method.ts';

interface Source {
  readonly bytes: Uint8Array;
  readonly algorithm: number | undefined;
  readonly lengthBits: number;
}

function bytesOf(object: ManagedObject, id: string, ctx: OperationContext): Uint8Array {
  const clear =
    object.kind === 'SymmetricKey' ? convertKeyFormat(object, KeyFormatType.Raw, ctx) : object;
  const value = 'keyBlock' in clear ? clear.keyBlock.keyValue : undefined;
  if (
    value === undefined ||
    value instanceof Uint8Array ||
    !(value.keyMaterial instanceof Uint8Array)
  ) {
    throw invalidField(`object ${id} is stored wrapped and cannot be split`);
  }
  return value.keyMaterial;
}

async function existingSource(
  request: CreateSplitKeyRequest,
  ctx: OperationContext,
): Promise<Source> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'CreateSplitKey');
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  if (record.objectType !== 'SymmetricKey' && record.objectType !== 'SecretData') {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      `object ${id} is a ${record.objectType}; Symmetric Keys and Secret Data can be split`,
    );
  }
  if (
    request.objectType !== ObjectType.SplitKey &&
    ObjectType[record.objectType] !== request.objectType
  ) {
    throw invalidField(
      `object ${id} is a ${record.objectType}, not the Object Type of the request`,
    );
  }
  const bytes = bytesOf(record.object, id, ctx);
  const algorithm = attributeValue(record, 'CryptographicAlgorithm');
  return {
    bytes,
    algorithm: typeof algorithm === 'number' ? algorithm : undefined,
    lengthBits: bytes.length * 8,
  };
}

function newKeySource(attributes: readonly Attribute[], ctx: OperationContext): Source {
  const algorithm = numberAttribute(attributes, 'CryptographicAlgorithm');
  const length = numberAttribute(attributes, 'CryptographicLength');
  const name =
    typeof algorithm === 'number'
      ? enumValueEntry('CryptographicAlgorithm', algorithm)?.name
      : undefined;
  if (
    typeof length !== 'number' ||
    typeof algorithm !== 'number' ||
    name === undefined ||
    !ctx.crypto.isSymmetricAlgorithm(name)
  ) {
    throw invalidField(
      'without a Unique Identifier, a supported Cryptographic Algorithm and Length make the key to split',
    );
  }
  try {
    return { bytes: ctx.crypto.generateSymmetricKey(name, length), algorithm, lengthBits: length };
  } catch (error) {
    if (error instanceof ctx.crypto.CryptoInvalidLengthError)
      throw invalidField(`Cryptographic Length ${length} is not valid for ${name}`);
    throw error;
  }
}

/** Create Split Key. */
export async function createSplitKey(
  request: CreateSplitKeyRequest,
  ctx: OperationContext,
): Promise<CreateSplitKeyResponse> {
  // KMIP 1.4 §4.39: the Object Type is "the type of object to be created", a Split Key (as the
  // OASIS TC-SJ cases send); the type of the key being split is accepted too, and then checked.
  if (
    request.objectType !== ObjectType.SplitKey &&
    request.objectType !== ObjectType.SymmetricKey &&
    request.objectType !== ObjectType.SecretData
  ) {
    throw new KmipResultError(
      ResultReason.InvalidObjectType,
      'Create Split Key makes Split Keys of a Symmetric Key or Secret Data',
    );
  }
  const method = splitKeyMethodName(request.splitKeyMethod);
  const attributes = await clientAttributesOf(request.attributes, ctx);
  const source =
    request.uniqueIdentifier === undefined && request.objectType !== ObjectType.SecretData
      ? newKeySource(attributes, ctx)
      : await existingSource(request, ctx);
  const shares = splitKeyGuarded(ctx, () =>
    ctx.crypto.splitSecret(source.bytes, {
      method,
      parts: request.splitKeyParts,
      threshold: request.splitKeyThreshold,
      ...(request.primeFieldSize === undefined ? {} : { prime: request.primeFieldSize }),
    }),
  );
  const kept = attributes.filter(
    (a) => a.name !== 'CryptographicAlgorithm' && a.name !== 'CryptographicLength',
  );
  const facts: Attribute[] = [
    ...(source.algorithm === undefined
      ? []
      : [{ name: 'CryptographicAlgorithm', value: source.algorithm }]),
    { name: 'CryptographicLength', value: source.lengthBits },
  ];
  const parts = shares.map((share): SplitKey => ({
    kind: 'SplitKey',
    splitKeyParts: request.splitKeyParts,
    keyPartIdentifier: share.x,
    splitKeyThreshold: request.splitKeyThreshold,
    splitKeyMethod: request.splitKeyMethod,
    ...(request.primeFieldSize === undefined ? {} : { primeFieldSize: request.primeFieldSize }),
    keyBlock: {
      keyFormatType: KeyFormatType.Raw,
      keyValue: { keyMaterial: share.value },
      ...(source.algorithm === undefined ? {} : { cryptographicAlgorithm: source.algorithm }),
      cryptographicLength: source.lengthBits,
    },
  }));
  const records = await ctx.objects.create(
    parts.map((object) => ({ object, attributes: kept, serverAttributes: facts })),
  );
  ctx.logger.info({ objectIds: records.map((r) => r.id), method }, 'split key');
  return { uniqueIdentifiers: records.map((r) => r.id) };
}
