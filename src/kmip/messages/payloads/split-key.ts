/**
 * Create Split Key and Join Split Key (KMIP 1.2+; 1.4 §4.39 / §4.40, 2.1 §6.1.11 / §6.1.29):
 * split a key into Split Key objects, and rebuild a key from enough of them.
 */
import { Tag } from '../../generated/registry.ts';
import type { AttributeSet } from '../attributes.ts';
import {
  bigInteger,
  enumeration,
  integer,
  uniqueIdentifier,
  type UniqueIdentifierValue,
} from '../codecs.ts';
import { defineStruct, type Extensible } from '../schema.ts';
import { attributeSetFields, MAIN_ATTRIBUTES } from './shared.ts';

/** Create Split Key request. */
export interface CreateSplitKeyRequest extends Extensible {
  /** The type of the key to split (Symmetric Key, Secret Data ...). */
  readonly objectType: number;
  /** The key to split; absent: the server makes a new key of `attributes`. */
  readonly uniqueIdentifier?: UniqueIdentifierValue;
  readonly splitKeyParts: number;
  readonly splitKeyThreshold: number;
  readonly splitKeyMethod: number;
  readonly primeFieldSize?: bigint;
  readonly attributes?: AttributeSet;
}
/** Create Split Key response: the parts, in Key Part Identifier order. */
export interface CreateSplitKeyResponse extends Extensible {
  readonly uniqueIdentifiers: readonly UniqueIdentifierValue[];
}
/** Join Split Key request. */
export interface JoinSplitKeyRequest extends Extensible {
  /** The type of the rebuilt object. */
  readonly objectType: number;
  readonly uniqueIdentifiers: readonly UniqueIdentifierValue[];
  readonly secretDataType?: number;
  readonly attributes?: AttributeSet;
}
/** Join Split Key response. */
export interface JoinSplitKeyResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
}

/** Schema of {@link CreateSplitKeyRequest}. */
export const createSplitKeyRequestSchema = defineStruct<CreateSplitKeyRequest>(
  'RequestPayload',
  (f) => [
    f.one('objectType', Tag.ObjectType, enumeration),
    f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier),
    f.one('splitKeyParts', Tag.SplitKeyParts, integer),
    f.one('splitKeyThreshold', Tag.SplitKeyThreshold, integer),
    f.one('splitKeyMethod', Tag.SplitKeyMethod, enumeration),
    f.opt('primeFieldSize', Tag.PrimeFieldSize, bigInteger),
    ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, true),
  ],
);
/** Schema of {@link CreateSplitKeyResponse}. */
export const createSplitKeyResponseSchema = defineStruct<CreateSplitKeyResponse>(
  'ResponsePayload',
  (f) => [f.many('uniqueIdentifiers', Tag.UniqueIdentifier, uniqueIdentifier, { min1: true })],
);
/** Schema of {@link JoinSplitKeyRequest}. */
export const joinSplitKeyRequestSchema = defineStruct<JoinSplitKeyRequest>(
  'RequestPayload',
  (f) => [
    f.one('objectType', Tag.ObjectType, enumeration),
    f.many('uniqueIdentifiers', Tag.UniqueIdentifier, uniqueIdentifier, { min1: true }),
    f.opt('secretDataType', Tag.SecretDataType, enumeration),
    ...attributeSetFields(f, 'attributes', MAIN_ATTRIBUTES, true),
  ],
);
/** Schema of {@link JoinSplitKeyResponse}. */
export const joinSplitKeyResponseSchema = defineStruct<JoinSplitKeyResponse>(
  'ResponsePayload',
  (f) => [f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier)],
);
