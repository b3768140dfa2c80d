/**
 * Get (KMIP 1.4 §4.11, 2.1 §6.1.22): the object, in the Key Format Type the client asks for
 * (key-format-conversion.ts), wrapped as a Key Wrapping Specification asks
 * (key-wrapping.ts). Key Compression Type (EC public keys only, ec-compression.ts): the point
 * re-encoded uncompressed, X9.62 compressed or hybrid; without one, a key converted to another
 * format keeps its registered compression; Char2 or any compression of another key is Key
 * Compression Type Not Supported. Key Wrap Type (1.4+; see `formOf`): absent or As
 * Registered returns the stored form (a key registered wrapped comes back wrapped, as
 * registered); Not Wrapped and a Key
 * Wrapping Specification unwrap a key stored wrapped on the fly (key-unwrapping.ts), else Key
 * Wrap Type Not Supported. PKCS#12: get-pkcs12.ts. The first Get clears Fresh (KMIP 1.4 §3.34). Reasons: Item Not
 * Found (2.1: Object Not Found / Object Destroyed), Permission Denied, Key Format Type Not
 * Supported, Key Compression Type Not Supported, Key Wrap Type Not Supported, Encoding Option
 * Error, Feature Not Supported, Cryptographic Failure (a failed unwrap), Sensitive (a Sensitive
 * object asked for unwrapped), Not Extractable (an object whose Extractable is False, wrapped
 * or not; 1.x before 1.4: Permission Denied), and for the wrapping key those of `requireManagedKey`
 * (managed-key-use.ts).
 */
import {
  CryptographicAlgorithm,
  KeyCompressionType,
  KeyFormatType,
  KeyWrapType,
  ObjectType,
  ResultReason,
} from '../../kmip/generated/registry.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type { GetRequest, GetResponse } from '../../kmip/messages/payloads/get.ts';
import { attributeValue, objectDestroyed, type ManagedObjectRecord } from '../objects/index.ts';
import { KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';
import { compressEcPublicKey, pointFormOf } from './ec-compression.ts';
import { exportPkcs12 } from './get-pkcs12.ts';
import { convertKeyFormat } from './key-format-conversion.ts';
import { tryUnwrapObject } from './key-unwrapping.ts';
import { wrapKeyObject } from './key-wrapping.ts';
import { isMetadataOnly } from './register-key-block.ts';

// The public key formats that carry an EC point.
const POINT_FORMATS: ReadonlySet<number> = new Set([
  KeyFormatType.X_509,
  KeyFormatType.TransparentECPublicKey,
]);

const EC_ALGORITHMS: ReadonlySet<unknown> = new Set([
  CryptographicAlgorithm.EC,
  CryptographicAlgorithm.ECDSA,
  CryptographicAlgorithm.ECDH,
  CryptographicAlgorithm.ECMQV,
]);

function isEcPublicKey(record: ManagedObjectRecord, object: ManagedObject): boolean {
  const block = 'keyBlock' in object ? object.keyBlock : undefined;
  return (
    object.kind === 'PublicKey' &&
    EC_ALGORITHMS.has(
      block?.cryptographicAlgorithm ?? attributeValue(record, 'CryptographicAlgorithm'),
    )
  );
}

function checkCompression(request: GetRequest, record: ManagedObjectRecord): void {
  const wanted = request.keyCompressionType;
  if (wanted === undefined) return;
  if (record.object === undefined || !isEcPublicKey(record, record.object)) {
    throw new KmipResultError(
      ResultReason.KeyCompressionTypeNotSupported,
      'a Key Compression Type applies to EC public keys only',
    );
  }
  pointFormOf(wanted);
}

/**
 * The compression of the answer: the request's; else, when the key was converted to another
 * format, the stored key's (its registered compression, uncompressed by default), so a
 * conversion never changes how the point is encoded; else none (the object as stored).
 */
function compressionFor(
  request: GetRequest,
  record: ManagedObjectRecord,
  stored: ManagedObject,
  object: ManagedObject,
): number | undefined {
  if (request.keyCompressionType !== undefined) return request.keyCompressionType;
  if (
    object === stored ||
    !isEcPublicKey(record, stored) ||
    !('keyBlock' in object) ||
    !('keyBlock' in stored)
  )
    return undefined;
  if (!POINT_FORMATS.has(object.keyBlock.keyFormatType)) return undefined;
  return stored.keyBlock.keyCompressionType ?? KeyCompressionType.ECPublicKeyTypeUncompressed;
}

/**
 * The object in the form the Key Wrap Type asks for (KMIP 1.4 §4.11, 2.1 §6.1.22: optional,
 * Not Wrapped or As Registered). The specification leaves Get without it open — the TC's "Get
 * Key Wrap Type" proposal that added the field (KMIP 1.4) says returning the key as registered
 * and returning it unwrapped are both allowed — so Keywarden answers as for As Registered,
 * which also keeps the Get rule "if a client registered a key in a given format, the server
 * SHALL be able to return the key during the Get operation in the same format that was used
 * when the key was registered". Not Wrapped, and re-wrapping under a Key Wrapping
 * Specification, need the key in the clear.
 */
async function formOf(
  request: GetRequest,
  object: ManagedObject,
  ctx: OperationContext,
): Promise<ManagedObject> {
  const isWrapped = 'keyBlock' in object && object.keyBlock.keyWrappingData !== undefined;
  const needsClear =
    request.keyWrapType === KeyWrapType.NotWrapped ||
    request.keyWrappingSpecification !== undefined;
  if (!isWrapped || !needsClear) return object;
  const outcome = await tryUnwrapObject(object, ctx);
  if (outcome.kind === 'unavailable') {
    throw new KmipResultError(
      ResultReason.KeyWrapTypeNotSupported,
      `the key is stored wrapped and this server cannot unwrap it: ${outcome.why}`,
    );
  }
  return outcome.object;
}

/**
 * A metadata-only object (registered without its Key Value, KMIP 1.4 §3.41) is returned as
 * registered; anything that needs its value — another Key Format Type, a compression, a
 * wrapping — gets Key Value Not Present.
 */
function requireNoValueProcessing(request: GetRequest, object: ManagedObject, id: string): void {
  const format = 'keyBlock' in object ? object.keyBlock.keyFormatType : undefined;
  if (
    (request.keyFormatType !== undefined && request.keyFormatType !== format) ||
    request.keyCompressionType !== undefined ||
    request.keyWrappingSpecification !== undefined
  ) {
    throw new KmipResultError(
      ResultReason.KeyValueNotPresent,
      `object "${id}" has no Key Value on this server (Key Value Present is False)`,
    );
  }
}

/**
 * The object of `record` in the form a Get (or Export, which shares its semantics) asks
 * for: Extractable and Sensitive enforced, Key Format Type, Key Compression Type, Key Wrap
 * Type and Key Wrapping Specification applied.
 */
export async function objectAsAsked(
  request: GetRequest,
  record: ManagedObjectRecord,
  ctx: OperationContext,
): Promise<ManagedObject> {
  const { id } = record;
  if (record.object === undefined) throw objectDestroyed(ctx.version, id);
  // KMIP 1.4 §3.50, 2.1 Extractable: when False the server SHALL prevent the object value
  // being retrieved, wrapped or not (OASIS TC-EXTRACTABLE-1: both Gets fail Not Extractable);
  // checked first, so nothing (not even an unwrap) happens to a key that may not leave.
  if (attributeValue(record, 'Extractable') === false) {
    throw new KmipResultError(
      ResultReason.NotExtractable,
      `object "${id}" is not Extractable: Get cannot return its value`,
    );
  }
  checkCompression(request, record);
  const stored = await formOf(request, record.object, ctx);
  if (isMetadataOnly(stored)) requireNoValueProcessing(request, stored, id);
  let object =
    request.keyFormatType === undefined
      ? stored
      : request.keyFormatType === KeyFormatType.PKCS_12
        ? await exportPkcs12(record, stored, ctx, request)
        : convertKeyFormat(stored, request.keyFormatType, ctx);
  const compression = compressionFor(request, record, stored, object);
  if (compression !== undefined) {
    const isAsked = request.keyCompressionType !== undefined;
    object = compressEcPublicKey(object, compression, ctx, isAsked);
  }
  if (request.keyWrappingSpecification !== undefined) {
    object = await wrapKeyObject(object, request.keyWrappingSpecification, record, ctx);
  }
  // KMIP 1.4 §3.48, 2.1 Sensitive: when True the server SHALL prevent the object value being
  // retrieved by Get unless it is wrapped by another key (OASIS BL-M-12-21, BL-M-13-21).
  const isWrapped = 'keyBlock' in object && object.keyBlock.keyWrappingData !== undefined;
  if (attributeValue(record, 'Sensitive') === true && !isWrapped) {
    throw new KmipResultError(
      ResultReason.Sensitive,
      `object "${id}" is Sensitive: Get returns it only wrapped (give a Key Wrapping Specification)`,
    );
  }
  return object;
}

/** Get. */
export async function get(request: GetRequest, ctx: OperationContext): Promise<GetResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'Get');
  const object = await objectAsAsked(request, record, ctx);
  if (attributeValue(record, 'Fresh') === true) {
    await ctx.objects.update(record, {
      edits: [{ op: 'set', name: 'Fresh', value: false }],
      isBookkeeping: true,
    });
  }
  return { objectType: ObjectType[record.objectType], uniqueIdentifier: id, object };
}
