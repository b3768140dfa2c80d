/**
 * Field helpers shared by the payload schemas: the pairs of fields that hold the same
 * thing in KMIP 1.x and 2.x, and the payloads that carry only a Unique Identifier.
 */
import { Tag } from '../../generated/registry.ts';
import { attributeNameText, attributeReference } from '../attribute-names.ts';
import {
  attributeSetV2,
  attributeV1,
  singleAttributeV2,
  templateAttribute,
  type Attribute,
  type AttributeSet,
} from '../attributes.ts';
import { uniqueIdentifier, type UniqueIdentifierValue } from '../codecs.ts';
import { defineStruct, type Extensible, type FieldBuilder, type FieldSpec } from '../schema.ts';

type KeysOf<T, V> = { [K in keyof T & string]-?: NonNullable<T[K]> extends V ? K : never }[keyof T &
  string];

/**
 * An attribute set: a 1.x Template-Attribute tag (until 1.4 in the registry) and its 2.x
 * Attributes tag (since 2.0); the registry's versions pick one.
 */
export function attributeSetFields<T>(
  f: FieldBuilder<T>,
  key: KeysOf<T, AttributeSet>,
  tags: { readonly v1: number; readonly v2: number },
  optional: boolean,
): FieldSpec<T>[] {
  const add = optional ? f.opt : f.one;
  return [
    add(key, tags.v1, templateAttribute as never),
    add(key, tags.v2, attributeSetV2 as never),
  ];
}

/** The main attribute set of Create, Register, DeriveKey, ...: Template-Attribute / Attributes. */
export const MAIN_ATTRIBUTES = { v1: Tag.TemplateAttribute, v2: Tag.Attributes } as const;
/** CreateKeyPair / ReKeyKeyPair common attributes. */
export const COMMON_ATTRIBUTES = {
  v1: Tag.CommonTemplateAttribute,
  v2: Tag.CommonAttributes,
} as const;
/** CreateKeyPair / ReKeyKeyPair private key attributes. */
export const PRIVATE_KEY_ATTRIBUTES = {
  v1: Tag.PrivateKeyTemplateAttribute,
  v2: Tag.PrivateKeyAttributes,
} as const;
/** CreateKeyPair / ReKeyKeyPair public key attributes. */
export const PUBLIC_KEY_ATTRIBUTES = {
  v1: Tag.PublicKeyTemplateAttribute,
  v2: Tag.PublicKeyAttributes,
} as const;

/** Attribute names: 1.x Attribute Name text (repeated), 2.x Attribute Reference. */
export function attributeNameListFields<T>(
  f: FieldBuilder<T>,
  key: KeysOf<T, readonly string[]>,
): FieldSpec<T>[] {
  return [
    f.many(key, Tag.AttributeName, attributeNameText as never, { until: '1.4' }),
    f.many(key, Tag.AttributeReference, attributeReference as never),
  ];
}

/** One attribute: 1.x Attribute structure, 2.x New Attribute. */
export function singleAttributeFields<T>(
  f: FieldBuilder<T>,
  key: KeysOf<T, Attribute>,
  versions: { readonly v1: boolean; readonly v2: boolean },
  optional = false,
): FieldSpec<T>[] {
  const add = optional ? f.opt : f.one;
  return [
    ...(versions.v1 ? [add(key, Tag.Attribute, attributeV1 as never, { until: '1.4' })] : []),
    ...(versions.v2 ? [add(key, Tag.NewAttribute, singleAttributeV2 as never)] : []),
  ];
}

/** A payload holding an optional Unique Identifier (requests that default to the ID placeholder). */
export interface UniqueIdentifierRequest extends Extensible {
  readonly uniqueIdentifier?: UniqueIdentifierValue;
}
/** A payload holding the Unique Identifier of the object acted on. */
export interface UniqueIdentifierResponse extends Extensible {
  readonly uniqueIdentifier: UniqueIdentifierValue;
}
/** Schema of {@link UniqueIdentifierRequest}. */
export const uniqueIdentifierRequestSchema = defineStruct<UniqueIdentifierRequest>(
  'RequestPayload',
  (f) => [f.opt('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier)],
);
/** Schema of {@link UniqueIdentifierResponse}. */
export const uniqueIdentifierResponseSchema = defineStruct<UniqueIdentifierResponse>(
  'ResponsePayload',
  (f) => [f.one('uniqueIdentifier', Tag.UniqueIdentifier, uniqueIdentifier)],
);
