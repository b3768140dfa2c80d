/** Get (KMIP 1.4 §4.11, 2.1 §6.1.22): return a managed object, possibly re-formatted or wrapped. */
import { Tag } from '../../generated/registry.ts';
import { enumeration, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { keyWrappingSpecification, type KeyWrappingSpecification } from '../key-block.ts';
import { managedObject, MANAGED_OBJECT_TAGS, type ManagedObject } from '../objects.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Get request. */
export interface GetRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly keyFormatType?: number;
  /** KMIP 1.4+. */
  readonly keyWrapType?: number;
  readonly keyCompressionType?: number;
  readonly keyWrappingSpecification?: KeyWrappingSpecification;
}
/** Get response. */
export interface GetResponse extends Extensible {
  readonly objectType: number;
  readonly uniqueIdentifier: UniqueIdentifierValue;
  readonly object: ManagedObject;
}
/** Schema of {@link GetRequest}. */
export const getRequestSchema = defineStruct<GetRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('keyFormatType', Tag.KeyFormatType, enumeration),
  f.opt('keyWrapType', Tag.KeyWrapType, enumeration),
  f.opt('keyCompressionType', Tag.KeyCompressionType, enumeration),
  f.opt('keyWrappingSpecification', Tag.KeyWrappingSpecification, keyWrappingSpecification),
]);
/** Schema of {@link GetResponse}. */
export const getResponseSchema = defineStruct<GetResponse>('ResponsePayload', (f) => [
  f.one('objectType', Tag.ObjectType, enumeration),
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.choice('object', MANAGED_OBJECT_TAGS, managedObject),
]);
