/**
 * Certify (KMIP 1.4 §4.7, 2.1 §6.1.3) and ReCertify (1.4 §4.8; removed in 2.0): issue a
 * certificate for a public key or certificate request. The request bytes are the 1.x
 * Certificate Request field and the 2.x Certificate Request Value field.
 */
import type { KmipItem } from '../../item.ts';
import { Tag } from '../../generated/registry.ts';
import { templateAttribute, type AttributeSet } from '../attributes.ts';
import {
  anyItem,
  byteString,
  enumeration,
  interval,
  uniqueIdentifier,
  type UniqueIdentifierValue,
} from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { attributeSetFields, MAIN_ATTRIBUTES } from './shared.ts';

/** Certify request. */
export interface CertifyRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  /** KMIP 2.0+: a Certificate Request object stored on the server. */
  readonly certificateRequestUniqueIdentifier?: UniqueIdentifierValue;
  readonly certificateRequestType?: number;
  readonly certificateRequestValue?: Uint8Array;
  readonly attributes?: AttributeSet;
  /** KMIP 2.0+, kept as an item. */
  readonly protectionStorageMasks?: KmipItem;
}
/** Certify response. */
export interface CertifyResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
  /** KMIP 1.x: attributes the server set implicitly. */
  readonly attributes?: AttributeSet;
}
/** ReCertify request (KMIP 1.x). */
export interface ReCertifyRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly certificateRequestType: number;
  readonly certificateRequestValue: Uint8Array;
  readonly offset?: number;
  readonly attributes?: AttributeSet;
}
/** ReCertify response (KMIP 1.x). */
export type ReCertifyResponse = CertifyResponse;

/** Schema of {@link CertifyRequest}. */
export const certifyRequestSchema = defineStruct<CertifyRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt(
    'certificateRequestUniqueIdentifier',
    Tag.CertificateRequestUniqueIdentifier,
    uniqueIdentifier,
  ),
  f.opt('certificateRequestType', Tag.CertificateRequestType, enumeration),
  // KMIP 1.x: Certificate Request (Byte String); 2.x reuses that tag for the object.
  f.opt('certificateRequestValue', Tag.CertificateRequest, byteString, { until: '1.4' }),
  f.opt('certificateRequestValue', Tag.CertificateRequestValue, byteString),
  ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, true),
  f.opt('protectionStorageMasks', Tag.ProtectionStorageMasks, anyItem),
]);
/** Schema of {@link CertifyResponse}. */
export const certifyResponseSchema = defineStruct<CertifyResponse>('ResponsePayload', (f) => [
  f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('attributes', Tag.TemplateAttribute, templateAttribute),
]);
/** Schema of {@link ReCertifyRequest}. */
export const reCertifyRequestSchema = defineStruct<ReCertifyRequest>('RequestPayload', (f) => [
  f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
  f.one('certificateRequestType', Tag.CertificateRequestType, enumeration),
  f.one('certificateRequestValue', Tag.CertificateRequest, byteString, { until: '1.4' }),
  f.opt('offset', Tag.Offset, interval),
  f.opt('attributes', Tag.TemplateAttribute, templateAttribute),
]);
/** Schema of {@link ReCertifyResponse}. */
export const reCertifyResponseSchema = certifyResponseSchema;
