/** Validate (KMIP 1.4 §4.24, 2.1 §6.1.56): validate a certificate chain. */
import { Tag } from '../../generated/registry.ts';
import { dateTime, enumeration, uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { managedObject, type ManagedObject } from '../objects.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Validate request. */
export interface ValidateRequest extends Extensible {
  /** Certificate objects of the chain. */
  readonly certificates?: readonly ManagedObject[];
  readonly uniqueIdentifiers?: readonly UniqueIdentifierValue[];
  readonly validityDate?: Date;
}
/** Validate response. */
export interface ValidateResponse extends Extensible {
  /** `ValidityIndicator` value. */
  readonly validityIndicator: number;
}
/** Schema of {@link ValidateRequest}. */
export const validateRequestSchema = defineStruct<ValidateRequest>('RequestPayload', (f) => [
  f.many('certificates', Tag.Certificate, managedObject),
  f.many('uniqueIdentifiers', Tag.UniqueIdentifier, uniqueIdentifier),
  f.opt('validityDate', Tag.ValidityDate, dateTime),
]);
/** Schema of {@link ValidateResponse}. */
export const validateResponseSchema = defineStruct<ValidateResponse>('ResponsePayload', (f) => [
  f.one('validityIndicator', Tag.ValidityIndicator, enumeration),
]);
