/**
 * Query (KMIP 1.4 §4.25, 2.1 §6.1.37): what the server supports. Extension, profile,
 * validation, capability and defaults information stay items: the server builds them
 * from data and clients mostly display them.
 */
import type { KmipItem } from '../../item.ts';
import { Tag } from '../../generated/registry.ts';
import { anyItem, enumeration, integer, textString } from '../codecs.ts';
import { rngParameters, type RngParametersValue } from '../common.ts';
import { defineStruct, type Extensible } from '../schema.ts';

/** Query request: the `QueryFunction` values asked for. */
export interface QueryRequest extends Extensible {
  readonly queryFunctions?: readonly number[];
}
/** Query response. */
export interface QueryResponse extends Extensible {
  readonly operations?: readonly number[];
  readonly objectTypes?: readonly number[];
  readonly vendorIdentification?: string;
  readonly serverInformation?: KmipItem;
  readonly applicationNamespaces?: readonly string[];
  /** KMIP 1.1+. */
  readonly extensionInformation?: readonly KmipItem[];
  /** KMIP 1.2+. */
  readonly attestationTypes?: readonly number[];
  /** KMIP 1.3+. */
  readonly rngParameters?: readonly RngParametersValue[];
  readonly profileInformation?: readonly KmipItem[];
  readonly validationInformation?: readonly KmipItem[];
  readonly capabilityInformation?: readonly KmipItem[];
  readonly clientRegistrationMethods?: readonly number[];
  /** KMIP 2.0+. */
  readonly defaultsInformation?: KmipItem;
  readonly protectionStorageMasks?: readonly number[];
}
/** Schema of {@link QueryRequest}. */
export const queryRequestSchema = defineStruct<QueryRequest>('RequestPayload', (f) => [
  f.many('queryFunctions', Tag.QueryFunction, enumeration),
]);
/** Schema of {@link QueryResponse}. */
export const queryResponseSchema = defineStruct<QueryResponse>('ResponsePayload', (f) => [
  f.many('operations', Tag.Operation, enumeration),
  f.many('objectTypes', Tag.ObjectType, enumeration),
  f.opt('vendorIdentification', Tag.VendorIdentification, textString),
  f.opt('serverInformation', Tag.ServerInformation, anyItem),
  f.many('applicationNamespaces', Tag.ApplicationNamespace, textString),
  f.many('extensionInformation', Tag.ExtensionInformation, anyItem),
  f.many('attestationTypes', Tag.AttestationType, enumeration),
  f.many('rngParameters', Tag.RNGParameters, rngParameters),
  f.many('profileInformation', Tag.ProfileInformation, anyItem),
  f.many('validationInformation', Tag.ValidationInformation, anyItem),
  f.many('capabilityInformation', Tag.CapabilityInformation, anyItem),
  f.many('clientRegistrationMethods', Tag.ClientRegistrationMethod, enumeration),
  f.opt('defaultsInformation', Tag.DefaultsInformation, anyItem),
  f.many('protectionStorageMasks', Tag.ProtectionStorageMask, integer),
]);
