/**
 * The typed KMIP message model (KMIP 1.0–2.1): maps between the item tree and typed
 * messages, headers, batch items, payloads, managed objects and attributes.
 */
export { KmipMessageEncodeError, KmipMessageError } from './errors.ts';
export {
  decodeStructure,
  defineStruct,
  encodeStructure,
  isDefinedIn,
  struct,
  tagName,
} from './schema.ts';
export type {
  CodecContext,
  Extensible,
  FieldBuilder,
  FieldSpec,
  FieldVersions,
  StructSchema,
  ValueCodec,
} from './schema.ts';
export {
  anyItem,
  asynchronousIndicator,
  bigInteger,
  boolean,
  byteString,
  bytesOrItem,
  dateTime,
  dateTimeExtended,
  enumeration,
  integer,
  interval,
  longInteger,
  scalar,
  textString,
  timeStamp,
  uniqueIdentifier,
} from './codecs.ts';
export type { UniqueIdentifierReference, UniqueIdentifierValue } from './codecs.ts';
export * from './common.ts';
export {
  attributeNameOfTag,
  attributeNameText,
  attributeReference,
  attributeTag,
  normalizeAttributeName,
  specAttributeName,
  splitVendorName,
} from './attribute-names.ts';
export { attributeValueCodec, isRawItem } from './attribute-values.ts';
export type { AttributeValue, KnownAttributeValues } from './attribute-values.ts';
export {
  attributeListV2,
  attributeSetV2,
  attributeV1,
  findAttributeValue,
  isAttributeDefinedIn,
  isKnownAttributeName,
  singleAttributeV2,
  templateAttribute,
} from './attributes.ts';
export type { Attribute, AttributeSet } from './attributes.ts';
export * from './key-block.ts';
export * from './objects.ts';
export * from './header.ts';
export * from './batch-item.ts';
export * from './message.ts';
export * from './payloads/index.ts';
export type * from './payloads/activate.ts';
export type * from './payloads/add-attribute.ts';
export type * from './payloads/archive.ts';
export type * from './payloads/cancel.ts';
export type * from './payloads/certify.ts';
export type * from './payloads/check.ts';
export type * from './payloads/create.ts';
export type * from './payloads/create-key-pair.ts';
export type * from './payloads/decrypt.ts';
export type * from './payloads/delete-attribute.ts';
export type * from './payloads/derive-key.ts';
export type * from './payloads/destroy.ts';
export type * from './payloads/discover-versions.ts';
export type * from './payloads/encrypt.ts';
export type * from './payloads/get.ts';
export type * from './payloads/get-attribute-list.ts';
export type * from './payloads/get-attributes.ts';
export type * from './payloads/get-usage-allocation.ts';
export type * from './payloads/hash.ts';
export type * from './payloads/interop.ts';
export type * from './payloads/locate.ts';
export type * from './payloads/log.ts';
export type * from './payloads/mac.ts';
export type * from './payloads/mac-verify.ts';
export type * from './payloads/modify-attribute.ts';
export type * from './payloads/obtain-lease.ts';
export type * from './payloads/poll.ts';
export type * from './payloads/query.ts';
export type * from './payloads/re-key.ts';
export type * from './payloads/re-key-key-pair.ts';
export type * from './payloads/recover.ts';
export type * from './payloads/register.ts';
export type * from './payloads/revoke.ts';
export type * from './payloads/rng-retrieve.ts';
export type * from './payloads/rng-seed.ts';
export type * from './payloads/set-attribute.ts';
export type * from './payloads/sign.ts';
export type * from './payloads/signature-verify.ts';
export type * from './payloads/validate.ts';
export type { UniqueIdentifierRequest, UniqueIdentifierResponse } from './payloads/shared.ts';
