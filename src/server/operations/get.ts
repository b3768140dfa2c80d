/**
 * Get (KMIP 1.4 §4.11, 2.1 §6.1.22): the object in the form it was stored. Format
 * conversion, compression and wrapping are not offered yet: asking for another Key Format
 * Type or Key Compression Type is refused with the matching "not supported" reason, a Key
 * Wrapping Specification with Feature Not Supported. The first Get clears Fresh (KMIP 1.4
 * §3.34). Reasons: Item Not Found (2.1: Object Not Found / Object Destroyed), Permission
 * Denied, Key Format Type Not Supported, Key Compression Type Not Supported, Key Wrap Type
 * Not Supported, Feature Not Supported.
 */
import { KeyWrapType, ObjectType, ResultReason } from '../../kmip/generated/registry.ts';
import type { KeyBlock } from '../../kmip/messages/key-block.ts';
import type { ManagedObject } from '../../kmip/messages/objects.ts';
import type { GetRequest, GetResponse } from '../../kmip/messages/payloads/get.ts';
import { attributeValue, objectDestroyed } from '../objects/index.ts';
import { featureNotSupported, KmipResultError } from '../pipeline/result-error.ts';
import type { OperationContext } from './context.ts';

function keyBlockOf(object: ManagedObject): KeyBlock | undefined {
  return 'keyBlock' in object ? object.keyBlock : undefined;
}

function checkForm(request: GetRequest, object: ManagedObject): void {
  const block = keyBlockOf(object);
  if (request.keyFormatType !== undefined && request.keyFormatType !== block?.keyFormatType) {
    throw new KmipResultError(
      ResultReason.KeyFormatTypeNotSupported,
      'the object is available only in the Key Format Type it was stored in',
    );
  }
  if (
    request.keyCompressionType !== undefined &&
    request.keyCompressionType !== block?.keyCompressionType
  ) {
    throw new KmipResultError(
      ResultReason.KeyCompressionTypeNotSupported,
      'key compression is not supported',
    );
  }
  if (request.keyWrappingSpecification !== undefined) {
    throw featureNotSupported('key wrapping on Get is not supported');
  }
  if (request.keyWrapType === KeyWrapType.NotWrapped && block?.keyWrappingData !== undefined) {
    throw new KmipResultError(
      ResultReason.KeyWrapTypeNotSupported,
      'the key was registered wrapped and cannot be returned unwrapped',
    );
  }
}

/** Get. */
export async function get(request: GetRequest, ctx: OperationContext): Promise<GetResponse> {
  const id = ctx.resolveId(request.uniqueIdentifier);
  const record = await ctx.objects.getForOperation(id, 'Get');
  const { object } = record;
  if (object === undefined) throw objectDestroyed(ctx.version, id);
  checkForm(request, object);
  if (attributeValue(record, 'Fresh') === true) {
    await ctx.objects.update(record, {
      edits: [{ op: 'set', name: 'Fresh', value: false }],
      isBookkeeping: true,
    });
  }
  return { objectType: ObjectType[record.objectType], uniqueIdentifier: id, object };
}
